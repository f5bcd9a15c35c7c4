/**
 * Where a visitor goes after signing in or up: back to the page that sent them to sign in, but
 * only ever to a page of this site. Anything that could leave it (`//host`, `https://host`,
 * `/\host`, encoded slashes or backslashes, whitespace or control characters) falls back to "/",
 * as do the sign-in pages themselves and API routes. No regular expressions: plain checks.
 */
export const RETURN_TO_PARAM = "callbackUrl";
const HOME = "/";
const MAX_LENGTH = 2000;
const PROBE_ORIGIN = "http://return-to.invalid";
const NOT_A_RETURN = new Set(["/login", "/register"]);

export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return HOME;
  if (value[0] !== "/" || value[1] === "/" || value[1] === "\\") return HOME;
  const lower = value.toLowerCase();
  if (value.includes("\\") || lower.includes("%5c") || lower.startsWith("/%2f")) return HOME;
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f) return HOME;
  }
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return HOME;
  }
  if (url.origin !== PROBE_ORIGIN) return HOME;
  if (NOT_A_RETURN.has(url.pathname) || url.pathname.startsWith("/api/")) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/login` (or `/register`) with the page to return to, when there is one worth keeping. */
export function authPageHref(page: "/login" | "/register", returnTo: string): string {
  const path = safeReturnPath(returnTo);
  if (path === HOME) return page;
  return `${page}?${new URLSearchParams({ [RETURN_TO_PARAM]: path })}`;
}
