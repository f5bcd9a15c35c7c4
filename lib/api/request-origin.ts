/**
 * What a state-changing request must look like to be acted on. Cookies ride along on any request
 * a browser sends, so a page on another site could post to these routes as the signed-in user:
 * such requests carry a foreign `Origin` or `Sec-Fetch-Site: cross-site` and are refused (403).
 * Bodies are JSON only (415 otherwise): an HTML form or a "simple" `text/plain` fetch cannot send
 * `application/json` across sites without a preflight, which this app never grants.
 */
import "server-only";
import { AppError } from "@/lib/errors";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** `same-site` is a sibling subdomain, which may belong to someone else on shared hosting. */
const ALLOWED_FETCH_SITES = new Set(["same-origin", "none"]);

export function isStateChanging(method: string): boolean {
  return STATE_CHANGING.has(method.toUpperCase());
}

/** Throws the 403 or 415 a state-changing request deserves; other requests pass. */
export function assertSameOriginJson(request: Request): void {
  if (!isStateChanging(request.method)) return;
  assertSameOrigin(request.headers);
  assertJsonBody(request.headers);
}

export function assertSameOrigin(headers: Headers): void {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null && !ALLOWED_FETCH_SITES.has(fetchSite.toLowerCase())) {
    throw crossSite();
  }
  const origin = headers.get("origin");
  // Browsers send Origin on every cross-site POST, PUT, PATCH and DELETE; scripts and curl may
  // omit it, and they carry no one else's cookies.
  if (origin === null) return;
  const host = appHost(headers);
  if (!host || hostOf(origin) !== host) throw crossSite();
}

function assertJsonBody(headers: Headers): void {
  const contentType = headers.get("content-type");
  const hasBody =
    headers.has("transfer-encoding") || Number(headers.get("content-length") ?? 0) > 0;
  if (contentType === null && !hasBody) return;
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new AppError("unsupported_media_type", "Send the request body as application/json.");
  }
}

/** The host the browser addressed: a reverse proxy's X-Forwarded-Host, else Host. */
function appHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || headers.get("host"))?.toLowerCase() ?? null;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null; // "null" (a sandboxed frame, a file) or garbage: never this app
  }
}

function crossSite(): AppError {
  return new AppError("forbidden", "Cross-site requests are not accepted.");
}
