/**
 * "Deleting really deletes the content": after a user deletes a memory, rejects a suggestion or
 * deletes everything, no memory, history row or job still holds the words — checked on the
 * tables themselves, memory_history above all, not through the API. A deleted memory's copy for
 * Undo lives only in forgotten_memories, and once the undo window has passed no table at all
 * holds the words.
 */
import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { extractionJobs, memories, memoryHistory } from "@/lib/db/schema";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { applyExtraction } from "./apply";
import {
  confirmMemory,
  createMemory,
  deleteAllMemories,
  deleteMemory,
  editMemory,
  rejectSuggestion,
} from "./mutations";
import { createTurn, createUser, output, preference, THRESHOLDS } from "./testing/fixtures";
import { purgeAsIfTheWindowPassed, tablesMentioning } from "./testing/traces";

/** Runs one extraction turn as the job runner would, marking the job done. */
async function learn(
  db: Database,
  userId: string,
  userMessage: string,
  preferences: Parameters<typeof output>[0],
  forget: Parameters<typeof output>[1] = [],
) {
  const turn = await createTurn(db, { userId, userMessage });
  return db.transaction(async (tx) => {
    const result = await applyExtraction(tx, {
      ...turn,
      output: output(preferences, forget),
      thresholds: THRESHOLDS,
    });
    await tx
      .update(extractionJobs)
      .set({ status: "done", forgotten: result.forgotten })
      .where(eq(extractionJobs.id, turn.jobId));
    return result;
  });
}

/** Every row of the user's memories, history and jobs' kept keys that mentions `word`. */
async function traces(db: Database, userId: string, word: string) {
  const pattern = `%${word}%`;
  const memoryRows = await db
    .select({ id: memories.id })
    .from(memories)
    .where(
      and(
        eq(memories.userId, userId),
        sql`(${memories.topic} || ' ' || ${memories.detail} || ' ' || coalesce(${memories.sourceText}, '')) ilike ${pattern}`,
      ),
    );
  const historyRows = await db
    .select({ id: memoryHistory.id })
    .from(memoryHistory)
    .where(
      and(
        eq(memoryHistory.userId, userId),
        sql`(coalesce(${memoryHistory.before}::text, '') || coalesce(${memoryHistory.after}::text, '')) ilike ${pattern}`,
      ),
    );
  const jobRows = await db
    .select({ id: extractionJobs.id })
    .from(extractionJobs)
    .where(
      and(
        eq(extractionJobs.userId, userId),
        sql`coalesce(${extractionJobs.forgotten}::text, '') ilike ${pattern}`,
      ),
    );
  return { memories: memoryRows.length, history: historyRows.length, jobs: jobRows.length };
}

const NONE = { memories: 0, history: 0, jobs: 0 };
const UNDO = { undoSeconds: 600 };

async function historyOf(db: Database, memoryId: string) {
  return db
    .select({ id: memoryHistory.id })
    .from(memoryHistory)
    .where(eq(memoryHistory.memoryId, memoryId));
}

describeWithDatabase("deleting leaves nothing behind", (getDb) => {
  it("deleting a memory removes every version of it from memory_history, and its pending change", async () => {
    const db = getDb();
    const userId = await createUser(db);
    // Learned, updated by a later turn, confirmed, then a change suggested: four versions.
    const [first] = (
      await learn(db, userId, "I live in Kupang", [
        preference({
          category: "location",
          topic: "city",
          detail: "Kupang",
          source_text: "I live in Kupang",
        }),
      ])
    ).changes;
    const memoryId = first?.memoryId ?? "";
    await learn(db, userId, "I moved to Ende", [
      preference({
        category: "location",
        topic: "city",
        detail: "Ende",
        source_text: "I moved to Ende",
      }),
    ]);
    await confirmMemory(db, userId, memoryId);
    const [suggested] = (
      await learn(db, userId, "now I am in Atambua", [
        preference({
          category: "location",
          topic: "city",
          detail: "Atambua",
          source_text: "I am in Atambua",
        }),
      ])
    ).changes;
    expect(suggested?.action).toBe("suggested");
    expect((await historyOf(db, memoryId)).length).toBe(3);
    expect(await traces(db, userId, "Kupang")).toMatchObject({ history: 2 });

    await deleteMemory(db, userId, memoryId, UNDO);

    expect(await historyOf(db, memoryId)).toEqual([]);
    expect(await historyOf(db, suggested?.memoryId ?? "")).toEqual([]);
    for (const word of ["Kupang", "Ende", "Atambua"]) {
      expect(await traces(db, userId, word)).toEqual(NONE);
      expect(Object.keys(await tablesMentioning(db, word))).toEqual(["forgotten_memories"]);
    }
    await purgeAsIfTheWindowPassed(db);
    for (const word of ["Kupang", "Ende", "Atambua"]) {
      expect(await tablesMentioning(db, word)).toEqual({});
    }
  });

  it("an edit's earlier wording goes with the memory; other memories keep their history", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const sister = await createMemory(db, userId, {
      type: "fact",
      category: "family",
      topic: "sister",
      detail: "Ratna, a dentist",
    });
    await editMemory(db, userId, sister.id, { detail: "Ratna, an orthodontist" });
    const pet = await createMemory(db, userId, {
      type: "fact",
      category: "family",
      topic: "pet",
      detail: "a cat called Mochi",
    });

    await deleteMemory(db, userId, sister.id, UNDO);

    expect(await traces(db, userId, "Ratna")).toEqual(NONE);
    expect(await traces(db, userId, "dentist")).toEqual(NONE);
    expect(await historyOf(db, pet.id)).toHaveLength(1);
  });

  it("rejecting a suggestion leaves no trace of it", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const [suggestion] = (
      await learn(db, userId, "I might like opera", [
        preference({
          type: "interest",
          category: "media",
          topic: "opera",
          detail: "might like opera",
          confidence_score: 0.6,
          source_text: "I might like opera",
        }),
      ])
    ).changes;
    expect(suggestion?.status).toBe("suggested");

    await rejectSuggestion(db, userId, suggestion?.memoryId ?? "");

    expect(await traces(db, userId, "opera")).toEqual(NONE);
  });

  it("delete all empties the user's memories, history and forgotten topics, and only theirs", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const other = await createUser(db);
    await learn(db, userId, "I love kroncong music", [
      preference({
        type: "interest",
        topic: "kroncong",
        detail: "loves kroncong",
        source_text: "I love kroncong",
      }),
    ]);
    await learn(db, userId, "Remember that I'm allergic to cashews", [
      preference({
        category: "health",
        topic: "allergy",
        detail: "allergic to cashews",
        source_text: "Remember that I'm allergic to cashews",
        explicit: true,
      }),
    ]);
    await learn(
      db,
      userId,
      "Forget that I'm allergic to cashews",
      [],
      [
        {
          category: "health",
          topic: "allergy",
          source_text: "Forget that I'm allergic to cashews",
        },
      ],
    );
    await createMemory(db, userId, {
      type: "goal",
      category: "tech",
      topic: "rust",
      detail: "learn Rust",
    });
    const theirs = await createMemory(db, other, {
      type: "interest",
      category: "music",
      topic: "kroncong",
      detail: "plays kroncong",
    });
    expect(await traces(db, userId, "allergy")).toMatchObject({ jobs: 1 });

    expect(await deleteAllMemories(db, userId)).toBe(2);

    const left = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(memoryHistory)
      .where(eq(memoryHistory.userId, userId));
    expect(left).toEqual([{ count: 0 }]);
    expect(await db.select().from(memories).where(eq(memories.userId, userId))).toEqual([]);
    for (const word of ["kroncong", "cashews", "allergy", "Rust"]) {
      expect(await traces(db, userId, word)).toEqual(NONE);
    }
    expect(await traces(db, other, "kroncong")).toMatchObject({ memories: 1, history: 1 });
    expect(await historyOf(db, theirs.id)).toHaveLength(1);
  });
});
