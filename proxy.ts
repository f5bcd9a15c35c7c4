import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";

const AUTH_PAGES = ["/login", "/register"];
const SECURE_SESSION_COOKIE = "__Secure-authjs.session-token";

/**
 * Signed-out visitors go to /login, signed-in ones skip it. The session cookie is only read
 * here, never re-issued: a proxied request (a prefetch, say) that started before sign-out and
 * answered after it would otherwise set the cookie again and leave the user signed in. Pages
 * and API routes check the session themselves; API routes answer 401, so they are not matched.
 */
export default async function proxy(request: NextRequest) {
  const token = await getToken({
    req: request,
    secret: process.env.AUTH_SECRET,
    secureCookie: request.cookies.has(SECURE_SESSION_COOKIE),
  });
  const signedIn = typeof token?.uid === "string";
  const onAuthPage = AUTH_PAGES.includes(request.nextUrl.pathname);
  if (onAuthPage && signedIn) return NextResponse.redirect(new URL("/", request.nextUrl));
  if (!onAuthPage && !signedIn) return NextResponse.redirect(new URL("/login", request.nextUrl));
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
