import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, expect, it, vi } from "vitest";
import type { Executor } from "@/lib/db/open";
import { insertUser } from "@/lib/db/queries/users";
import { describeWithDatabase } from "@/lib/testing/test-db";
import type { MemoryRow } from "./memory-row";
import { confirmMemory, createMemory, editMemory } from "./mutations";

const HOUR_MS = 60 * 60 * 1000;

async function databaseNow(db: Executor): Promise<number> {
  const result = await db.execute(sql`select now() as now`);
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return new Date((rows[0] as { now: string | Date }).now).getTime();
}

/**
 * An instance whose clock runs an hour fast (several instances' clocks disagree): the times that
 * order a user's memories against what extraction observes in messages must still be the
 * database's, the one clock messages carry.
 */
describeWithDatabase("memory times come from the database clock", (getDb) => {
  afterEach(() => vi.useRealTimers());
  const skewed = () => vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + HOUR_MS });
  const expectDatabaseTime = async (memory: MemoryRow, fields: (keyof MemoryRow)[]) => {
    const now = await databaseNow(getDb());
    for (const field of fields) {
      const value = new Date(memory[field] as Date).getTime();
      expect(Math.abs(value - now), `${String(field)} is off the database clock`).toBeLessThan(
        60_000,
      );
    }
  };

  it("adding, editing and confirming a memory take the database's now, not the instance's", async () => {
    const db = getDb();
    const user = await insertUser(db, { email: `${randomUUID()}@example.com`, passwordHash: "x" });
    skewed();
    const added = await createMemory(db, user.id, {
      type: "fact",
      category: "location",
      topic: "City",
      detail: "Lisbon",
    });
    await expectDatabaseTime(added, ["observedAt", "lastSeenAt", "confirmedAt", "updatedAt"]);
    const edited = await editMemory(db, user.id, added.id, { detail: "Porto" });
    await expectDatabaseTime(edited, ["observedAt", "lastSeenAt", "confirmedAt", "updatedAt"]);
    const confirmed = await confirmMemory(db, user.id, edited.id);
    await expectDatabaseTime(confirmed, ["observedAt", "updatedAt"]);
  });
});
