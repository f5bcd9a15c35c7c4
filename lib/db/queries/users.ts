/** Account queries. Emails are matched case-insensitively (the unique index is on lower(email)). */
import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "../open";
import { type User, users } from "../schema";

export type UserRole = User["role"];

export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return user;
}

export async function findUserById(db: Executor, userId: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return user;
}

export async function insertUser(
  db: Executor,
  values: { email: string; passwordHash: string; name?: string | null; role?: UserRole },
): Promise<User> {
  const [user] = await db
    .insert(users)
    .values({
      email: values.email.trim(),
      passwordHash: values.passwordHash,
      name: values.name,
      role: values.role ?? "user",
    })
    .returning();
  if (!user) throw new Error("insert returned no row");
  return user;
}

/** The UI language the user chose; null follows the browser. */
export async function setLanguage(
  db: Executor,
  { userId, language }: { userId: string; language: string | null },
): Promise<void> {
  await db.update(users).set({ language, updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function setMemoryEnabled(
  db: Executor,
  userId: string,
  enabled: boolean,
): Promise<void> {
  await db
    .update(users)
    .set({ memoryEnabled: enabled, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

/**
 * Deletes an account and, through the foreign keys' ON DELETE CASCADE, every row that belongs to
 * it: chats, messages, extraction jobs, memories, their history and rate-limit counters. Any new
 * table holding a user's rows must reference users.id with ON DELETE CASCADE (a test checks every
 * table with a user_id column). True when the account existed.
 */
export async function deleteUser(db: Executor, { userId }: { userId: string }): Promise<boolean> {
  const deleted = await db.delete(users).where(eq(users.id, userId)).returning({ id: users.id });
  return deleted.length > 0;
}

export async function setPasswordHash(
  db: Executor,
  { userId, passwordHash }: { userId: string; passwordHash: string },
): Promise<void> {
  await db.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

export async function anyUserExists(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}

/** What a request needs to know about its session's account; undefined when it is gone. */
export async function findAccountAccess(
  db: Executor,
  userId: string,
): Promise<{ role: UserRole; disabled: boolean } | undefined> {
  const [row] = await db
    .select({ role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row && { role: row.role, disabled: row.disabledAt !== null };
}

export async function recordSignIn(db: Executor, { userId }: { userId: string }): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
}
