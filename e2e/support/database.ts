/**
 * Direct reads of the e2e server's database, for checks no page shows (e.g. that deleting an
 * account left no row behind). Only when the server runs on Postgres: scripts/e2e-app.mjs writes
 * the database's URL to a file then. An embedded PGlite folder must never be opened by a second
 * process, so on PGlite these checks are skipped.
 */
import { existsSync, readFileSync } from "node:fs";
import postgres from "postgres";
import { E2E } from "./ports";

export function e2eDatabaseUrl(): string | null {
  const file = `.data/e2e-${E2E.appPort}-database-url`;
  return existsSync(file) ? readFileSync(file, "utf8").trim() || null : null;
}

/** Every table with a user_id column, and how many of its rows belong to `userId`. */
export async function rowsPerUserTable(
  databaseUrl: string,
  userId: string,
): Promise<Record<string, number>> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ table_name: string }[]>`
      select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'user_id' order by table_name`;
    const counts: Record<string, number> = {};
    for (const { table_name } of tables) {
      const [row] = await sql<{ count: number }[]>`
        select count(*)::int as count from ${sql(table_name)} where user_id = ${userId}`;
      counts[table_name] = row?.count ?? 0;
    }
    const [user] = await sql<{ count: number }[]>`
      select count(*)::int as count from users where id = ${userId}`;
    counts.users = user?.count ?? 0;
    return counts;
  } finally {
    await sql.end();
  }
}
