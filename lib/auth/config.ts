/**
 * The part of the Auth.js configuration that needs no database, shared by the full setup and
 * by proxy.ts (which only reads the session cookie).
 */
import type { NextAuthConfig } from "next-auth";

const AUTH_PAGES = ["/login", "/register"];

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt" },
  trustHost: process.env.AUTH_TRUST_HOST === "true" || process.env.NODE_ENV !== "production",
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const signedIn = Boolean(auth?.user);
      const onAuthPage = AUTH_PAGES.includes(request.nextUrl.pathname);
      if (onAuthPage) {
        return signedIn ? Response.redirect(new URL("/", request.nextUrl)) : true;
      }
      return signedIn; // false sends the visitor to pages.signIn
    },
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
} satisfies NextAuthConfig;
