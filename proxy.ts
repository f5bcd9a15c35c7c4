import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

// Reads the session cookie only: signed-out visitors go to /login, signed-in ones skip it.
// API routes answer 401 themselves, so they are not matched here.
const { auth } = NextAuth(authConfig);

export default auth;

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
