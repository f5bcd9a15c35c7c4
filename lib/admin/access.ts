/**
 * The signed-in admin. Everything under /admin and /api/admin answers 404 to anyone else —
 * signed out, a user, a disabled admin — exactly as for a page that does not exist.
 */
import "server-only";
import { getSessionUser, type SessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { isActiveAdmin } from "./admin-check";

/** The signed-in admin, or null for anyone else. */
export async function getAdminUser(): Promise<SessionUser | null> {
  const user = await getSessionUser();
  if (!user) return null;
  return (await isActiveAdmin(await getDb(), user.id)) ? user : null;
}

export async function requireAdmin(): Promise<SessionUser> {
  const admin = await getAdminUser();
  if (!admin) throw notFound();
  return admin;
}
