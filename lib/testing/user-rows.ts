/** Counting a user's rows in every table, for tests that delete an account. */
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";

/** Rows of a raw query, from postgres.js (an array) or PGlite ({ rows }). */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/** Every table with a user_id column, and how many of its rows belong to `userId`. */
export async function rowsPerTable(db: Executor, userId: string): Promise<Record<string, number>> {
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(sql`
      select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'user_id' order by table_name`),
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = rowsOf<{ count: number }>(
      await db.execute(
        sql`select count(*)::int as count from ${sql.identifier(table_name)} where user_id = ${userId}`,
      ),
    );
    counts[table_name] = row?.count ?? 0;
  }
  return counts;
}
