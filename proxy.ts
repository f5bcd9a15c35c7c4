import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { authPageHref, RETURN_TO_PARAM, safeReturnPath } from "@/lib/auth/return-to";
import { newNonce, pageContentSecurityPolicy, servedOverHttps } from "@/lib/security/headers";

const AUTH_PAGES = ["/login", "/register"];
const SECURE_SESSION_COOKIE = "__Secure-authjs.session-token";

/**
 * Signed-out visitors go to /login, signed-in ones skip it. The session cookie is only read
 * here, never re-issued: a proxied request (a prefetch, say) that started before sign-out and
 * answered after it would otherwise set the cookie again and leave the user signed in. Pages
 * and API routes check the session themselves; API routes answer 401, so they are not matched.
 * Every page gets a Content-Security-Policy with a nonce of its own.
 */
export default async function proxy(request: NextRequest) {
  const token = await getToken({
    req: request,
    secret: process.env.AUTH_SECRET,
    secureCookie: request.cookies.has(SECURE_SESSION_COOKIE),
  });
  const signedIn = typeof token?.uid === "string";
  const { pathname, search } = request.nextUrl;
  const onAuthPage = AUTH_PAGES.includes(pathname);
  if (onAuthPage && signedIn) {
    const returnTo = safeReturnPath(request.nextUrl.searchParams.get(RETURN_TO_PARAM));
    return NextResponse.redirect(new URL(returnTo, request.nextUrl));
  }
  if (!onAuthPage && !signedIn) {
    // The page asked for rides along, so signing in leads back to it.
    const login = authPageHref("/login", `${pathname}${search}`);
    return NextResponse.redirect(new URL(login, request.nextUrl));
  }
  return withContentSecurityPolicy(request);
}

function withContentSecurityPolicy(request: NextRequest): NextResponse {
  const policy = pageContentSecurityPolicy(newNonce(), {
    dev: process.env.NODE_ENV === "development",
    https: servedOverHttps(request),
  });
  // Next.js takes the nonce for its own scripts from the request's policy.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
