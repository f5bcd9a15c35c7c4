/**
 * The instance's own rows: its settings (one row, shared by every server on the database) and
 * the invite links an admin created, found by the SHA-256 of their token.
 */
import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor } from "../open";
import { instanceSettings, invites, type RegistrationMode } from "../schema";

export async function findRegistrationMode(db: Executor): Promise<RegistrationMode | undefined> {
  const [row] = await db
    .select({ mode: instanceSettings.registrationMode })
    .from(instanceSettings)
    .limit(1);
  return row?.mode;
}

export async function saveRegistrationMode(db: Executor, mode: RegistrationMode): Promise<void> {
  await db
    .insert(instanceSettings)
    .values({ id: 1, registrationMode: mode })
    .onConflictDoUpdate({
      target: instanceSettings.id,
      set: { registrationMode: mode, updatedAt: sql`now()` },
    });
}

export async function insertInvite(
  db: Executor,
  values: { tokenHash: string; createdBy: string; expiresAt: Date },
): Promise<{ id: string; expiresAt: Date }> {
  const [row] = await db
    .insert(invites)
    .values(values)
    .returning({ id: invites.id, expiresAt: invites.expiresAt });
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Marks an unused, unexpired invite as used by `userId`; false when there is no such invite. */
export async function spendInvite(
  db: Executor,
  { tokenHash, userId }: { tokenHash: string; userId: string },
): Promise<boolean> {
  const used = await db
    .update(invites)
    .set({ usedAt: sql`now()`, usedBy: userId })
    .where(
      and(
        eq(invites.tokenHash, tokenHash),
        isNull(invites.usedAt),
        gt(invites.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: invites.id });
  return used.length > 0;
}

export async function isInviteUsable(db: Executor, tokenHash: string): Promise<boolean> {
  const [row] = await db
    .select({ id: invites.id })
    .from(invites)
    .where(
      and(
        eq(invites.tokenHash, tokenHash),
        isNull(invites.usedAt),
        gt(invites.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return row !== undefined;
}
