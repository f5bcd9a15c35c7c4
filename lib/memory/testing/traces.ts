/**
 * Test helpers for "forget really forgets": which tables of the database still hold a word
 * (every table of the schema, each row as text), and running the purge as if the undo window
 * had passed.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import { forgottenMemories } from "@/lib/db/schema";
import { purgeExpiredForgotten } from "../forget";

type Rows<T> = T[] | { rows: T[] };
const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as Rows<T> & { rows: T[] }).rows ?? []);

/**
 * `{ table: rows }` for every table (but `except`) with a row whose text mentions `word`
 * (case-insensitive). The chat transcript (chats, messages) is the user's own record and is
 * excluded by default: the user deletes it with the chat.
 */
export async function tablesMentioning(
  db: Executor,
  word: string,
  { except = ["chats", "messages"] }: { except?: string[] } = {},
): Promise<Record<string, number>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE'`,
    ),
  ).map((row) => row.name);
  const found: Record<string, number> = {};
  for (const table of tables.filter((name) => !except.includes(name))) {
    const schema = table === "__drizzle_migrations" ? "drizzle" : "public";
    const [row] = rowsOf<{ count: number | string }>(
      await db.execute(
        sql`select count(*) as count from ${sql.identifier(schema)}.${sql.identifier(table)} t where t::text ilike ${`%${word}%`}`,
      ),
    );
    const count = Number(row?.count ?? 0);
    if (count > 0) found[table] = count;
  }
  return found;
}

/** Ends every undo window now and runs the purge, as the worker does once they have passed. */
export async function purgeAsIfTheWindowPassed(db: Executor): Promise<number> {
  await db.update(forgottenMemories).set({ purgeAfter: sql`now() - interval '1 second'` });
  return purgeExpiredForgotten(db);
}
