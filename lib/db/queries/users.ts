/** Account queries. Emails are matched case-insensitively (the unique index is on lower(email)). */
import { eq, sql } from "drizzle-orm";
import type { Executor } from "../open";
import { type User, users } from "../schema";

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
  values: { email: string; passwordHash: string; name?: string | null },
): Promise<User> {
  const [user] = await db
    .insert(users)
    .values({ email: values.email.trim(), passwordHash: values.passwordHash, name: values.name })
    .returning();
  if (!user) throw new Error("insert returned no row");
  return user;
}

export async function setMemoryEnabled(
  db: Executor,
  userId: string,
  enabled: boolean,
): Promise<void> {
  await db
    .update(users)
    .set({ memoryEnabled: enabled, updatedAt: new Date() })
    .where(eq(users.id, userId));
}
