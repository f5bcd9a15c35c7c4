/**
 * Forget that really forgets, and Undo that really undoes: a forgotten or deleted memory is
 * gone at once from the list, export and prompt; its words are scrubbed from every other
 * memory's quote and history; Undo (by the server's token, or by the job) brings everything back
 * exactly; after the undo window the purge leaves no table holding the words.
 */
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { extractionJobs, forgottenMemories, memories } from "@/lib/db/schema";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { applyExtraction } from "./apply";
import type { Forget, Preference } from "./extraction-schema";
import { purgeExpiredForgotten, restoreForgotten } from "./forget";
import { memoryColumns } from "./memory-row";
import { createMemory, deleteAllMemories, deleteMemory } from "./mutations";
import { selectMemoriesForPrompt } from "./prompt-memories";
import { exportMemories, listMemories, memoryHistory } from "./queries";
import { createTurn, createUser, output, preference, THRESHOLDS } from "./testing/fixtures";
import { purgeAsIfTheWindowPassed, tablesMentioning } from "./testing/traces";
import { undoJobChanges } from "./undo";

const UNDO = { undoSeconds: 600 };

async function learn(
  db: Database,
  userId: string,
  userMessage: string,
  preferences: Preference[],
  forget: Forget[] = [],
) {
  const turn = await createTurn(db, { userId, userMessage });
  const result = await db.transaction(async (tx) => {
    const applied = await applyExtraction(tx, {
      ...turn,
      output: output(preferences, forget),
      thresholds: THRESHOLDS,
      ...UNDO,
    });
    await tx
      .update(extractionJobs)
      .set({ status: "done", forgotten: applied.forgotten })
      .where(eq(extractionJobs.id, turn.jobId));
    return applied;
  });
  return { turn, result };
}

/** A nurse in Surabaya: the job quotes the city, and a later turn refreshes the job. */
async function nurseInSurabaya(db: Database, userId: string) {
  const quote = "I'm a nurse in Surabaya";
  await learn(db, userId, `${quote}, working nights`, [
    preference({ category: "work", topic: "job", detail: "nurse", source_text: quote }),
    preference({ category: "location", topic: "city", detail: "Surabaya", source_text: quote }),
  ]);
  await learn(db, userId, "I'm a night nurse, still", [
    preference({
      category: "work",
      topic: "job",
      detail: "night nurse",
      source_text: "I'm a night nurse",
    }),
  ]);
}

const everything = async (db: Database, userId: string) =>
  JSON.stringify({
    list: await listMemories(db, userId, { limit: 200 }),
    export: await exportMemories(db, userId),
    prompt: await selectMemoriesForPrompt(db, {
      userId,
      latestMessage: "Where do I live? Surabaya",
    }),
  });

describeWithDatabase("forget and undo", (getDb) => {
  it("forgets 'lupakan bahwa saya tinggal di Surabaya' everywhere: other quotes and history too", async () => {
    const db = getDb();
    const userId = await createUser(db);
    await nurseInSurabaya(db, userId);
    expect(await everything(db, userId)).toContain("Surabaya");

    const message = "Tolong lupakan bahwa saya tinggal di Surabaya";
    const { result } = await learn(
      db,
      userId,
      message,
      [],
      [
        {
          category: "location",
          topic: "city",
          source_text: "lupakan bahwa saya tinggal di Surabaya",
        },
      ],
    );
    expect(result.forgotten).toEqual([{ category: "location", topic: "city" }]);

    // Gone at once from the page, the API's list, the export and the prompt.
    expect(await everything(db, userId)).not.toMatch(/surabaya/i);
    const [job] = (await listMemories(db, userId)).memories;
    expect(job).toMatchObject({ topic: "job", sourceText: "I'm a night nurse" });
    const jobHistory = await memoryHistory(db, userId, job?.id ?? "");
    expect(JSON.stringify(jobHistory)).toContain("I'm a nurse in [forgotten]");
    // Only the copy kept for Undo still has it…
    expect(await tablesMentioning(db, "surabaya")).toEqual({ forgotten_memories: 1 });
    // …until the undo window has passed.
    expect(await purgeAsIfTheWindowPassed(db)).toBeGreaterThanOrEqual(1);
    expect(await tablesMentioning(db, "surabaya")).toEqual({});
  });

  it("the notice's Undo brings the forgotten memory back exactly, and the other quotes with it", async () => {
    const db = getDb();
    const userId = await createUser(db);
    await nurseInSurabaya(db, userId);
    const before = await db.select(memoryColumns).from(memories).where(eq(memories.userId, userId));
    const historyBefore = await exportMemories(db, userId);

    const { turn } = await learn(
      db,
      userId,
      "Forget that I live in Surabaya. I live in Malang now",
      [
        preference({
          category: "location",
          topic: "city",
          detail: "Malang",
          source_text: "I live in Malang now",
        }),
      ],
      [{ category: "location", topic: "city", source_text: "Forget that I live in Surabaya" }],
    );
    expect((await listMemories(db, userId)).memories.map((m) => m.detail).sort()).toEqual([
      "Malang",
      "night nurse",
    ]);

    expect(await undoJobChanges(db, { userId, jobId: turn.jobId })).toBe(2);
    const after = await db.select(memoryColumns).from(memories).where(eq(memories.userId, userId));
    const byId = (rows: typeof before) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(after).map(({ updatedAt: _u, ...row }) => row)).toEqual(
      byId(before).map(({ updatedAt: _u, ...row }) => row),
    );
    const restored = await exportMemories(db, userId);
    for (const memory of historyBefore.memories) {
      const now = restored.memories.find((candidate) => candidate.id === memory.id);
      // The history as it was, plus one "reverted" entry by the user.
      expect(now?.history.slice(0, memory.history.length)).toEqual(memory.history);
    }
    expect(await tablesMentioning(db, "malang")).toEqual({});
    expect(
      await db.select().from(forgottenMemories).where(eq(forgottenMemories.userId, userId)),
    ).toEqual([]);
  });

  it("Delete hands out a token: Undo with it restores the same memory, once, and only for its owner", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const stranger = await createUser(db, "stranger");
    const { result } = await learn(db, userId, "I live in Paris with my cat", [
      preference({
        category: "location",
        topic: "city",
        detail: "Paris",
        source_text: "I live in Paris",
      }),
    ]);
    const memoryId = result.changes[0]?.memoryId ?? "";
    const [original] = await db
      .select(memoryColumns)
      .from(memories)
      .where(eq(memories.id, memoryId));

    const receipt = await deleteMemory(db, userId, memoryId, UNDO);
    expect(receipt.undoToken).toMatch(/^[\w-]{40,}$/);
    expect(receipt.undoExpiresAt.getTime()).toBeGreaterThan(Date.now() + 500_000);
    expect((await listMemories(db, userId)).memories).toEqual([]);

    const token = receipt.undoToken ?? "";
    await expect(
      restoreForgotten(db, { userId: stranger, undoToken: token }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(restoreForgotten(db, { userId, undoToken: `${token}x` })).rejects.toMatchObject({
      code: "not_found",
    });
    const back = await restoreForgotten(db, { userId, undoToken: token });
    expect(back).toEqual({ ...original, updatedAt: back.updatedAt });
    await expect(restoreForgotten(db, { userId, undoToken: token })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("a restored memory keeps its own dates, so a later explicit statement still wins", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const { result } = await learn(db, userId, "I live in Paris", [
      preference({
        category: "location",
        topic: "city",
        detail: "Paris",
        source_text: "I live in Paris",
      }),
    ]);
    const receipt = await deleteMemory(db, userId, result.changes[0]?.memoryId ?? "", UNDO);
    const back = await restoreForgotten(db, { userId, undoToken: receipt.undoToken ?? "" });
    expect(back.observedAt.getTime()).toBeLessThan(Date.now());

    await learn(db, userId, "Remember that I live in Berlin", [
      preference({
        category: "location",
        topic: "city",
        detail: "Berlin",
        source_text: "I live in Berlin",
        explicit: true,
      }),
    ]);
    expect((await listMemories(db, userId)).memories.map((m) => m.detail)).toEqual(["Berlin"]);
  });

  it("refuses Undo when the topic was taken meanwhile, and after the undo window", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const city = await createMemory(db, userId, {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "Bogor",
    });
    const taken = await deleteMemory(db, userId, city.id, UNDO);
    await createMemory(db, userId, {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "Depok",
    });
    await expect(
      restoreForgotten(db, { userId, undoToken: taken.undoToken ?? "" }),
    ).rejects.toMatchObject({
      code: "conflict",
    });

    const hobby = await createMemory(db, userId, {
      type: "interest",
      category: "hobbies",
      topic: "chess",
      detail: "plays chess",
    });
    const late = await deleteMemory(db, userId, hobby.id, { undoSeconds: 1 });
    await db.update(forgottenMemories).set({ purgeAfter: sql`now() - interval '1 second'` });
    await expect(
      restoreForgotten(db, { userId, undoToken: late.undoToken ?? "" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("purges only what is past its window, and names forgotten topics '[forgotten]' in the job", async () => {
    const db = getDb();
    const userId = await createUser(db);
    await learn(db, userId, "I love durian so much", [
      preference({
        type: "interest",
        category: "food",
        topic: "durian",
        detail: "loves durian",
        source_text: "I love durian",
      }),
    ]);
    const { turn } = await learn(
      db,
      userId,
      "Please forget that I love durian",
      [],
      [{ category: "food", topic: "durian", source_text: "forget that I love durian" }],
    );
    await purgeExpiredForgotten(db);
    const held = await db
      .select()
      .from(forgottenMemories)
      .where(eq(forgottenMemories.userId, userId));
    expect(held).toHaveLength(1);
    const [job] = await db.select().from(extractionJobs).where(eq(extractionJobs.id, turn.jobId));
    expect(job?.forgotten).toEqual([{ category: "food", topic: "durian" }]);

    await purgeAsIfTheWindowPassed(db);
    const [purged] = await db
      .select()
      .from(extractionJobs)
      .where(eq(extractionJobs.id, turn.jobId));
    expect(purged?.forgotten).toEqual([{ category: "food", topic: "[forgotten]" }]);
    expect(await tablesMentioning(db, "durian")).toEqual({});
    expect(await undoJobChanges(db, { userId, jobId: turn.jobId })).toBe(0);
  });

  it("Delete all leaves nothing to undo", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const memory = await createMemory(db, userId, {
      type: "fact",
      category: "other",
      topic: "boat",
      detail: "owns a canoe",
    });
    const receipt = await deleteMemory(db, userId, memory.id, UNDO);
    await deleteAllMemories(db, userId);
    expect(await tablesMentioning(db, "canoe")).toEqual({});
    await expect(
      restoreForgotten(db, { userId, undoToken: receipt.undoToken ?? "" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
