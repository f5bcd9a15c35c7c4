/**
 * What a signed-in user can do to their own account: change the password (the current one
 * first) and delete the account, confirmed by typing its email. Deleting removes every row of
 * the user in one statement (chats, messages, memories, history, jobs, counters: the foreign
 * keys cascade). Failures carry the field they belong to, for the settings page.
 */
import "server-only";
import { z } from "zod";
import type { Executor } from "@/lib/db/client";
import { deleteUser, findUserById, setPasswordHash } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { PASSWORD_MIN_LENGTH } from "./credentials";
import { hashPassword, verifyPassword } from "./password";

const PASSWORD_MAX_LENGTH = 200;

export const passwordChangeSchema = z.object({
  currentPassword: z
    .string()
    .min(1, "Enter your current password.")
    .max(PASSWORD_MAX_LENGTH, "The current password is wrong."),
  newPassword: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
    .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
});

export const accountDeletionSchema = z.object({
  email: z.string().trim().min(1, "Type your email to confirm.").max(254),
});

/** The reason of a form's first problem, by field and whether the value was short or long. */
const ISSUE_REASONS: Record<string, { too_small: string; too_big: string }> = {
  currentPassword: { too_small: "current_password_required", too_big: "current_password_wrong" },
  newPassword: { too_small: "password_too_short", too_big: "password_too_long" },
  email: { too_small: "email_confirm_required", too_big: "email_mismatch" },
};

function invalid(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path[0];
  const reasons = typeof field === "string" ? ISSUE_REASONS[field] : undefined;
  const reason = issue?.code === "too_big" ? reasons?.too_big : reasons?.too_small;
  return new AppError("bad_request", issue?.message ?? "Check the form.", {
    field: typeof field === "string" ? field : undefined,
    reason,
    params: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH },
  });
}

function accountGone(): AppError {
  return new AppError("not_found", "This account no longer exists.", { reason: "account_gone" });
}

/**
 * Sets a new password once the current one is verified. Sessions are JWT cookies and stay valid:
 * the user stays signed in here and on their other devices.
 */
export async function changePassword(
  db: Executor,
  { userId, ...input }: { userId: string; currentPassword: unknown; newPassword: unknown },
): Promise<void> {
  const parsed = passwordChangeSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const user = await findUserById(db, userId);
  if (!user) throw accountGone();
  if (!(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    throw new AppError("bad_request", "The current password is wrong.", {
      field: "currentPassword",
      reason: "current_password_wrong",
    });
  }
  await setPasswordHash(db, {
    userId,
    passwordHash: await hashPassword(parsed.data.newPassword),
  });
}

/** Deletes the account and everything in it, when `email` is the account's (any case). */
export async function deleteAccount(
  db: Executor,
  { userId, ...input }: { userId: string; email: unknown },
): Promise<void> {
  const parsed = accountDeletionSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const user = await findUserById(db, userId);
  if (!user) throw accountGone();
  if (parsed.data.email.toLowerCase() !== user.email.trim().toLowerCase()) {
    throw new AppError("bad_request", "That doesn’t match your email. Nothing was deleted.", {
      field: "email",
      reason: "email_mismatch",
    });
  }
  await deleteUser(db, { userId });
}
