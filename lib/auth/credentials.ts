/**
 * Account rules, independent of Auth.js: what a valid email and password are, creating an
 * account, and checking a sign-in. Failures carry the field they belong to.
 */
import "server-only";
import { z } from "zod";
import type { Executor } from "@/lib/db/client";
import { findUserByEmail, insertUser } from "@/lib/db/queries/users";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";

export const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 200;

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

export async function registerAccount(
  db: Executor,
  input: { email: string; password: string },
): Promise<AccountUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await insertUser(db, { email: input.email, passwordHash });
    return { id: user.id, email: user.email, name: user.name };
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

/** The user when email and password match, otherwise null — the same way for both failures. */
export async function checkCredentials(
  db: Executor,
  input: { email: string; password: string },
): Promise<AccountUser | null> {
  const user = await findUserByEmail(db, input.email);
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid) return null;
  return { id: user.id, email: user.email, name: user.name };
}
