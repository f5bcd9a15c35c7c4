/**
 * The admin page's view of the accounts: each with its counts, and the role and disabled state
 * an admin changes. Callers check that the caller is an admin (lib/admin/access.ts).
 */
import "server-only";
import { and, asc, count as countRows, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../open";
import { users } from "../schema";

export type AdminUserRow = {
  id: string;
  email: string;
  role: "user" | "admin";
  createdAt: Date;
  disabledAt: Date | null;
  /** The last sign-in or chat turn, whichever is later; null when neither is known. */
  lastActiveAt: Date | null;
  chats: number;
  messages: number;
  memories: number;
  failedJobs: number;
};

export const ADMIN_USER_LIST_LIMIT = 500;

const toDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : new Date(value as string);

// Fixed SQL text (no input in it), with its own aliases so the outer "users" row is unambiguous.
const perUser = (query: string) => sql.raw(`(${query})`);
const count = (query: string) => sql<number>`${perUser(query)}::int`;

export async function listUsersWithCounts(db: Executor): Promise<AdminUserRow[]> {
  // Correlated counts read the per-user indexes; messages are counted through their chats.
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      createdAt: users.createdAt,
      disabledAt: users.disabledAt,
      // greatest() skips nulls: null only when neither is known.
      lastActiveAt: sql<
        string | null
      >`greatest(${users.lastSignInAt}, ${perUser("select max(c.updated_at) from chats c where c.user_id = users.id")})`,
      chats: count("select count(*) from chats c where c.user_id = users.id and not c.temporary"),
      messages: count(
        "select count(*) from messages m join chats c on c.id = m.chat_id where c.user_id = users.id",
      ),
      memories: count(
        "select count(*) from memories m where m.user_id = users.id and m.status = 'active'",
      ),
      failedJobs: count(
        "select count(*) from extraction_jobs j where j.user_id = users.id and j.status = 'failed'",
      ),
    })
    .from(users)
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(ADMIN_USER_LIST_LIMIT);
  return rows.map((row) => ({
    ...row,
    lastActiveAt: toDate(row.lastActiveAt),
    chats: Number(row.chats),
    messages: Number(row.messages),
    memories: Number(row.memories),
    failedJobs: Number(row.failedJobs),
  }));
}

export async function setDisabled(
  db: Executor,
  { userId, disabled }: { userId: string; disabled: boolean },
): Promise<boolean> {
  const updated = await db
    .update(users)
    .set({ disabledAt: disabled ? sql`now()` : null, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return updated.length > 0;
}

/** Admins who can still sign in. */
export async function countActiveAdmins(db: Executor): Promise<number> {
  const [row] = await db
    .select({ count: countRows() })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
  return Number(row?.count ?? 0);
}
