/**
 * Whether an account is an admin that can still sign in. Every admin domain function checks it
 * again itself, so no caller can skip the check; anyone else is told "not found".
 */
import "server-only";
import type { Executor } from "@/lib/db/open";
import { findAccountAccess } from "@/lib/db/queries/users";
import { notFound } from "@/lib/errors";

export async function isActiveAdmin(db: Executor, userId: string): Promise<boolean> {
  const access = await findAccountAccess(db, userId);
  return access?.role === "admin" && !access.disabled;
}

export async function assertAdmin(db: Executor, adminId: string): Promise<void> {
  if (!(await isActiveAdmin(db, adminId))) throw notFound();
}
