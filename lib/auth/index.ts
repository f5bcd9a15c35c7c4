/**
 * Auth.js v5 with email + password accounts and JWT sessions. `getSessionUser()` is what the
 * rest of the app asks: the signed-in user's id and email, or null.
 */
import "server-only";
import { cookies } from "next/headers";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { findAccountAccess, recordSignIn, type UserRole } from "@/lib/db/queries/users";
import { loggableError } from "@/lib/observability/log-error";
import { authConfig } from "./config";
import { ACCOUNT_DISABLED_CODE, checkCredentials, signInSchema } from "./credentials";
import { createSessionCache } from "./session-cache";
import { isFailedSignIn } from "./sign-in-errors";
import { noteSignInThrottled, SignInThrottled } from "./sign-in-throttled";
import { countSignInAttempt, requestAddress, signInSucceeded } from "./throttle";

/** The right password for an account an admin disabled: the sign-in form says so. */
export class AccountDisabledSignin extends CredentialsSignin {
  code = ACCOUNT_DISABLED_CODE;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    error(error) {
      if (isFailedSignIn(error)) return;
      // The type, not the class name (minified in the build); the cause may be a database error.
      const type = (error as { type?: unknown }).type;
      const cause = error.cause === undefined ? "" : ` (${loggableError(error.cause)})`;
      console.error(`[auth] ${typeof type === "string" ? type : loggableError(error)}${cause}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const db = await getDb();
        const subject = { email: parsed.data.email, address: requestAddress(request.headers) };
        const attempt = await countSignInAttempt(db, subject);
        if (!attempt.allowed) {
          noteSignInThrottled(attempt.retryAfterSeconds);
          throw new SignInThrottled(attempt.retryAfterSeconds);
        }
        const user = await checkCredentials(db, parsed.data);
        if (!user) return null;
        await signInSucceeded(db, subject);
        if (user.disabled) throw new AccountDisabledSignin();
        await recordSignIn(db, { userId: user.id });
        return { id: user.id, email: user.email, name: user.name };
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

export type AccountStatus = "active" | "disabled" | "gone";

/**
 * The signed-in user with their account's current state, read from the database on every
 * request: a disabled or deleted account's session is refused at once, on every server.
 */
export const getSessionAccount = cache(
  async (): Promise<
    | { user: SessionUser; status: "active"; role: UserRole }
    | { user: SessionUser; status: "disabled" }
    | { user: SessionUser; status: "gone" }
    | null
  > => {
    const user = await getSessionUser();
    if (!user) return null;
    const access = await findAccountAccess(await getDb(), user.id);
    if (!access) return { user, status: "gone" };
    if (access.disabled) return { user, status: "disabled" };
    return { user, status: "active", role: access.role };
  },
);

/** The signed-in user when their account is active, otherwise null. */
export async function getActiveUser(): Promise<SessionUser | null> {
  const account = await getSessionAccount();
  return account?.status === "active" ? account.user : null;
}
