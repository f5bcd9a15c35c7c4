/**
 * The reply path's prepared statements and PgBouncer in transaction mode: with server-side
 * prepare off (DATABASE_POOL_MODE=transaction) no statement may be left prepared on a server
 * connection — the next transaction can land on a connection where it does not exist.
 * Postgres only: PGlite has no server to prepare on.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { selectMemoriesForPrompt } from "@/lib/memory/prompt-memories";
import { createFreshPostgresDatabase } from "@/scripts/lib/fresh-database.mjs";
import { type Database, openPostgres } from "./open";
import { checkChatTurn } from "./queries/chat-turn";
import { recentMessages } from "./queries/messages";
import { insertUser } from "./queries/users";

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)("prepared statements [postgres]", () => {
  const opened: Database[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.$close()));
  });

  /** Runs every reply-path statement a few times, then counts what the server holds prepared. */
  async function preparedOnServer(prepare: boolean): Promise<number> {
    const url = await createFreshPostgresDatabase(adminUrl ?? "", "ingat_prepared");
    // The smallest pool (two connections); run one after another, the statements and the count
    // below go to the same idle connection.
    const db = await openPostgres(url, { max: 1, prepare });
    opened.push(db);
    const user = await insertUser(db, { email: `${randomUUID()}@example.com`, passwordHash: "x" });
    const chatId = randomUUID();
    for (let i = 0; i < 3; i++) {
      await checkChatTurn(db, { userId: user.id, chatId, limit: 100, windowSeconds: 60 });
      await recentMessages(db, { userId: user.id, chatId, limit: 10 });
      await selectMemoriesForPrompt(db, { userId: user.id, latestMessage: "", embedder: null });
    }
    const rows = await db.execute(
      sql`select count(*)::int as count from pg_prepared_statements where from_sql = false`,
    );
    return (rows as unknown as { count: number }[])[0]?.count ?? -1;
  }

  it("prepares nothing on the server when prepare is off (PgBouncer transaction mode)", async () => {
    expect(await preparedOnServer(false)).toBe(0);
  });

  it("prepares the reply path's statements on the server otherwise", async () => {
    expect(await preparedOnServer(true)).toBeGreaterThanOrEqual(3);
  });
});
