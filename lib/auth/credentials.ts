/**
 * Account rules, independent of Auth.js: what a valid email and password are, creating an
 * account, and checking a sign-in. Failures carry the field they belong to.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { admitRegistration } from "@/lib/admin/registration";
import type { Executor } from "@/lib/db/client";
import { anyUserExists, findUserByEmail, insertUser } from "@/lib/db/queries/users";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

export { PASSWORD_MIN_LENGTH };
/** Auth.js's `code` of a refused sign-in whose account an admin disabled. */
export const ACCOUNT_DISABLED_CODE = "account_disabled";
export const ACCOUNT_DISABLED_MESSAGE =
  "This account has been disabled by the admin of this Ingat. Ask them to enable it again.";

export const registrationSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email({ message: "Enter a valid email address." })),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
    .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
});

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(254),
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH),
});

export type AccountUser = { id: string; email: string; name: string | null };

// Any fixed number, distinct from the migration lock: registrations run one at a time, so two
// sign-ups on an empty instance cannot both become its admin.
const REGISTRATION_LOCK_KEY = 7_362_842;

/**
 * Creates an account when the registration mode allows it (`invite`: the invite token from the
 * link). The first account of the instance is always allowed and is its admin.
 */
export async function registerAccount(
  db: Executor,
  input: { email: string; password: string; invite?: string | null },
): Promise<AccountUser & { role: "user" | "admin" }> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${REGISTRATION_LOCK_KEY})`);
      const first = !(await anyUserExists(tx));
      const inserted = await insertUser(tx, {
        email: input.email,
        passwordHash,
        role: first ? "admin" : "user",
      });
      if (!first) await admitRegistration(tx, { userId: inserted.id, invite: input.invite });
      return inserted;
    });
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        "conflict",
        "An account with this email already exists. Sign in instead.",
        {
          field: "email",
        },
      );
    }
    throw error;
  }
}

/**
 * The user when email and password match, otherwise null — the same way for both failures.
 * `disabled` is only told to someone who knows the password.
 */
export async function checkCredentials(
  db: Executor,
  input: { email: string; password: string },
): Promise<(AccountUser & { disabled: boolean }) | null> {
  const user = await findUserByEmail(db, input.email);
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid) return null;
  return { id: user.id, email: user.email, name: user.name, disabled: user.disabledAt !== null };
}
