/**
 * Who may create an account: `open`, `invite` (with a single-use, expiring link an admin
 * created) or `closed`. The mode set on the admin page is kept in the database so every server
 * applies it; until then REGISTRATION_MODE decides. The first account is always allowed — it
 * becomes the admin, who can then close registration — so an instance can never lock itself out.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Executor } from "@/lib/db/client";
import {
  findRegistrationMode,
  insertInvite,
  isInviteUsable,
  saveRegistrationMode,
  spendInvite,
} from "@/lib/db/queries/instance";
import { anyUserExists } from "@/lib/db/queries/users";
import { REGISTRATION_MODES, type RegistrationMode } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { assertAdmin } from "./admin-check";

export type { RegistrationMode };

export const INVITE_LIFETIME_DAYS = 7;
const INVITE_TOKEN_BYTES = 32;

export const registrationModeSchema = z.object({
  registrationMode: z.enum(REGISTRATION_MODES, {
    message: `must be one of ${REGISTRATION_MODES.join(", ")}`,
  }),
});

/** An invite token as it appears in a link; anything else is not one. */
export const inviteTokenSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, "This invite link is not valid.");

export async function getRegistrationMode(db: Executor): Promise<RegistrationMode> {
  return (await findRegistrationMode(db)) ?? getEnv().REGISTRATION_MODE;
}

export async function setRegistrationMode(
  db: Executor,
  { adminId, mode }: { adminId: string; mode: RegistrationMode },
): Promise<RegistrationMode> {
  await assertAdmin(db, adminId);
  await saveRegistrationMode(db, mode);
  return mode;
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createInvite(
  db: Executor,
  { adminId, now = new Date() }: { adminId: string; now?: Date },
): Promise<{ token: string; path: string; expiresAt: Date }> {
  await assertAdmin(db, adminId);
  const token = randomBytes(INVITE_TOKEN_BYTES).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITE_LIFETIME_DAYS * 24 * 60 * 60 * 1000);
  await insertInvite(db, { tokenHash: hashInviteToken(token), createdBy: adminId, expiresAt });
  return { token, path: `/register?invite=${token}`, expiresAt };
}

export const INVITE_INVALID =
  "This invite link is not valid: it was used already, has expired or was mistyped. Ask the admin for a new one.";

export const REGISTRATION_CLOSED =
  "Registration is closed on this Ingat. Ask its admin for an account.";
export const INVITE_REQUIRED =
  "Registration on this Ingat needs an invite link. Ask its admin for one.";

/** What the sign-up page shows before anything is typed. */
export async function registrationStatus(
  db: Executor,
  invite: string | undefined,
): Promise<"open" | "closed" | "invite_required" | "invite_valid" | "invite_invalid"> {
  const mode = await getRegistrationMode(db);
  if (mode === "open" || !(await anyUserExists(db))) return "open";
  if (mode === "closed") return "closed";
  if (!invite) return "invite_required";
  const token = inviteTokenSchema.safeParse(invite);
  if (!token.success) return "invite_invalid";
  return (await isInviteUsable(db, hashInviteToken(token.data)))
    ? "invite_valid"
    : "invite_invalid";
}

/**
 * Checked inside the registration's transaction, after the new account's row is inserted (so
 * the invite names it): refuses when the mode does not allow this sign-up, and uses up the
 * invite. Throwing rolls the account back, and a failed sign-up leaves the invite unused.
 */
export async function admitRegistration(
  tx: Executor,
  { userId, invite }: { userId: string; invite?: string | null },
): Promise<void> {
  const mode = await getRegistrationMode(tx);
  if (mode === "open") return;
  if (mode === "closed")
    throw new AppError("forbidden", REGISTRATION_CLOSED, { reason: "registration_closed" });
  if (!invite)
    throw new AppError("forbidden", INVITE_REQUIRED, {
      field: "invite",
      reason: "invite_required",
    });
  const token = inviteTokenSchema.safeParse(invite);
  const used =
    token.success && (await spendInvite(tx, { tokenHash: hashInviteToken(token.data), userId }));
  if (!used)
    throw new AppError("forbidden", INVITE_INVALID, { field: "invite", reason: "invite_invalid" });
}
