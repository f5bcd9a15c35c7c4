/**
 * The security headers of every response. Pages get a Content-Security-Policy with a fresh
 * nonce per request (set by proxy.ts; Next.js reads the nonce from the request's CSP header and
 * puts it on its own scripts); API responses, which are never rendered as documents, get one
 * that allows nothing. Everything else is the same for both (next.config.ts).
 */

/** Scripts only with this response's nonce; images, fonts and connections from the app only. */
export function pageContentSecurityPolicy(
  nonce: string,
  { dev = false, https = false } = {},
): string {
  return [
    "default-src 'self'",
    // React's development build evaluates strings for its call stacks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Server-rendered `style` attributes (React, Radix) cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over https: on plain http (localhost, a LAN address) it would break every request.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** A year; no includeSubDomains or preload, which would bind hosts this app does not own. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000";

export const COMMON_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Whether the browser reached the app over https (directly or through a TLS-terminating proxy). */
export function servedOverHttps(request: { headers: Headers; url: string }): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return forwarded ? forwarded === "https" : new URL(request.url).protocol === "https:";
}
