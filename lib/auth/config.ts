/** The part of the Auth.js configuration that needs no database (lib/auth/index.ts adds it). */
import type { NextAuthConfig } from "next-auth";

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt" },
  // A self-hosted server answers on whatever name or address it is reached by (localhost, a LAN
  // IP, the proxy's host): trusted unless the operator says otherwise. Cross-site requests are
  // refused by the API's own Origin check, and sign-in redirects stay on the app's own paths.
  trustHost: process.env.AUTH_TRUST_HOST !== "false",
  providers: [],
  callbacks: {
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
