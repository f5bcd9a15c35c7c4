/**
 * Auth.js v5 with email + password accounts and JWT sessions. `getSessionUser()` is what the
 * rest of the app asks: the signed-in user's id and email, or null.
 */
import "server-only";
import { cookies } from "next/headers";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { authConfig } from "./config";
import { checkCredentials, signInSchema } from "./credentials";
import { createSessionCache } from "./session-cache";

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A failed sign-in is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error.name === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        return checkCredentials(await getDb(), parsed.data);
      },
    }),
  ],
});

export type SessionUser = { id: string; email: string };

const knownSessions = createSessionCache<SessionUser>({ ttlMs: 5 * 60_000, maxEntries: 10_000 });

/**
 * The signed-in user, checked once per request. A session cookie seen in the last few minutes
 * is answered from memory; otherwise Auth.js decrypts and verifies it.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const sessionCookie = (await cookies())
    .getAll()
    .filter((cookie) => cookie.name.includes("authjs.session-token"))
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join("; ");
  if (!sessionCookie) return null;
  const known = knownSessions.get(sessionCookie);
  if (known) return known;

  const session = await auth();
  const id = session?.user?.id;
  const email = session?.user?.email;
  if (!id || !email) return null;
  const user = { id, email };
  knownSessions.set(sessionCookie, user);
  return user;
});
