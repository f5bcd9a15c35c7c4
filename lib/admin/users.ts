/**
 * What an admin does to other accounts: list them with their counts, disable or enable one,
 * delete one (with every row of it, through the foreign keys' cascade) after typing its email.
 * An admin can never disable or delete their own account or the last admin, so the instance
 * always keeps someone who can run it.
 */
import "server-only";
import { z } from "zod";
import type { Executor } from "@/lib/db/client";
import {
  type AdminUserRow,
  countActiveAdmins,
  listUsersWithCounts,
  setDisabled,
} from "@/lib/db/queries/admin-users";
import { deleteUser, findUserById } from "@/lib/db/queries/users";
import { AppError, notFound } from "@/lib/errors";
import { assertAdmin } from "./admin-check";

export type { AdminUserRow };

export const disableSchema = z.object({
  disabled: z.boolean({ message: "must be true or false" }),
});

export const adminDeletionSchema = z.object({
  email: z
    .string({ message: "must be the account's email" })
    .trim()
    .min(1, "Type the account’s email to confirm.")
    .max(254),
});

export async function listUsers(db: Executor, { adminId }: { adminId: string }) {
  await assertAdmin(db, adminId);
  return listUsersWithCounts(db);
}

async function otherAccount(
  db: Executor,
  { adminId, userId }: { adminId: string; userId: string },
) {
  if (userId === adminId) {
    throw new AppError("bad_request", "You can’t do this to your own account.", {
      field: "userId",
      reason: "own_account",
    });
  }
  const user = await findUserById(db, userId);
  if (!user) throw notFound("User not found");
  if (user.role === "admin" && user.disabledAt === null && (await countActiveAdmins(db)) <= 1) {
    throw new AppError("bad_request", "This is the last admin of the instance.", {
      field: "userId",
      reason: "last_admin",
    });
  }
  return user;
}

/** Disabling takes effect at the account's next request: its sessions are refused from then on. */
export async function setUserDisabled(
  db: Executor,
  { adminId, userId, disabled }: { adminId: string; userId: string; disabled: boolean },
): Promise<void> {
  await db.transaction(async (tx) => {
    await assertAdmin(tx, adminId);
    await otherAccount(tx, { adminId, userId });
    await setDisabled(tx, { userId, disabled });
  });
}

export async function deleteUserAsAdmin(
  db: Executor,
  { adminId, userId, email }: { adminId: string; userId: string; email: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await assertAdmin(tx, adminId);
    const user = await otherAccount(tx, { adminId, userId });
    if (email.trim().toLowerCase() !== user.email.trim().toLowerCase()) {
      throw new AppError(
        "bad_request",
        "That doesn’t match the account’s email. Nothing was deleted.",
        { field: "email", reason: "admin_email_mismatch" },
      );
    }
    await deleteUser(tx, { userId });
  });
}
