import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { memories, memoryHistory } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { applyExtraction } from "./apply";
import { memoryExportStream } from "./export-stream";
import { createMemory, editMemory } from "./mutations";
import { exportMemories, memoryHistory as historyOf } from "./queries";
import {
  createTurn,
  createUser,
  output,
  preference,
  seedMemories,
  THRESHOLDS,
} from "./testing/fixtures";

async function memoryCount(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ stored: count() })
    .from(memories)
    .where(eq(memories.userId, userId));
  return row?.stored ?? 0;
}

/** A user with exactly as many memories as the quota allows. */
async function fullUser(db: Database): Promise<string> {
  const userId = await createUser(db, "full");
  const max = getEnv().MEMORY_MAX_PER_USER;
  await seedMemories(
    db,
    userId,
    Array.from({ length: max }, (_, i) => ({ topic: `seeded ${i}`, detail: `seeded detail ${i}` })),
  );
  return userId;
}

describeWithDatabase("quotas", (getDb) => {
  it("refuses a memory added by hand past the quota with a 409 that says what to do", async () => {
    const db = getDb();
    const userId = await fullUser(db);
    const adding = createMemory(db, userId, {
      type: "fact",
      category: "Location",
      topic: "City",
      detail: "Lives in Bandung",
    });
    await expect(adding).rejects.toMatchObject({
      code: "quota_exceeded",
      status: 409,
      message: expect.stringMatching(/memories, the most Ingat keeps\. Delete some/),
    });
    expect(await memoryCount(db, userId)).toBe(getEnv().MEMORY_MAX_PER_USER);
    // Changing what is there is still allowed.
    const [first] = await db
      .select({ id: memories.id })
      .from(memories)
      .where(eq(memories.userId, userId))
      .limit(1);
    if (!first) throw new Error("no memory");
    await expect(editMemory(db, userId, first.id, { detail: "changed" })).resolves.toMatchObject({
      detail: "changed",
    });
  });

  it("lets an extraction past the quota add nothing, without failing", async () => {
    const db = getDb();
    const userId = await fullUser(db);
    const turn = await createTurn(db, {
      userId,
      userMessage: "I live in Bandung, seeded detail 0 no more",
    });
    const result = await db.transaction((tx) =>
      applyExtraction(tx, {
        userId,
        jobId: turn.jobId,
        chatId: turn.chatId,
        userMessageId: turn.userMessageId,
        observedAt: turn.observedAt,
        userMessage: turn.userMessage,
        output: output([
          preference({
            category: "location",
            topic: "city",
            detail: "Bandung",
            source_text: "I live in Bandung",
          }),
        ]),
        thresholds: THRESHOLDS,
      }),
    );
    expect(result.changes).toEqual([]);
    expect(await memoryCount(db, userId)).toBe(getEnv().MEMORY_MAX_PER_USER);
  });

  it("keeps the newest history rows of a memory, no more", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const keep = getEnv().MEMORY_HISTORY_MAX_PER_MEMORY;
    const memory = await createMemory(db, userId, {
      type: "interest",
      category: "Food",
      topic: "Dish",
      detail: "edit 0",
    });
    for (let i = 1; i <= keep + 5; i++) {
      await editMemory(db, userId, memory.id, { detail: `edit ${i}` });
    }
    const history = await historyOf(db, userId, memory.id);
    expect(history).toHaveLength(keep);
    expect((history[0]?.after as { detail?: string } | undefined)?.detail).toBe(`edit ${keep + 5}`);
    const [stored] = await db
      .select({ rows: count() })
      .from(memoryHistory)
      .where(eq(memoryHistory.memoryId, memory.id));
    expect(stored?.rows).toBe(keep);
  });

  it("streams the export a batch at a time: the same document as the whole export", async () => {
    const db = getDb();
    const userId = await createUser(db);
    await seedMemories(
      db,
      userId,
      Array.from({ length: 250 }, (_, i) => ({ topic: `topic ${i}`, detail: `detail ${i}` })),
    );
    const whole = await exportMemories(db, userId);
    const streamed = JSON.parse(
      await new Response(memoryExportStream(db, userId, new Date())).text(),
    );
    expect(streamed.memories).toHaveLength(250);
    expect(streamed.memories).toEqual(whole.memories);
    const empty = await createUser(db);
    const nothing = JSON.parse(
      await new Response(memoryExportStream(db, empty, new Date())).text(),
    );
    expect(nothing.memories).toEqual([]);
  });
});
