import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { memories, memoryHistory } from "@/lib/db/schema";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { applyExtraction } from "./apply";
import type { Preference } from "./extraction-schema";
import { memoryColumns } from "./memory-row";
import { confirmMemory, editMemory } from "./mutations";
import {
  createTurn,
  createUser,
  output,
  preference,
  THRESHOLDS,
  type Turn,
} from "./testing/fixtures";
import { undoJobChanges } from "./undo";

async function turnWith(db: Database, userId: string, message: string, preferences: Preference[]) {
  const turn = await createTurn(db, { userId, userMessage: message });
  const result = await db.transaction((tx) =>
    applyExtraction(tx, {
      ...turn,
      output: output(preferences),
      thresholds: THRESHOLDS,
    }),
  );
  return { turn, result };
}

const city = (detail: string, fields: Partial<Preference> = {}) =>
  preference({
    category: "location",
    topic: "city",
    detail,
    source_text: `I live in ${detail}`,
    ...fields,
  });

function memoriesOf(db: Database, userId: string) {
  return db
    .select(memoryColumns)
    .from(memories)
    .where(eq(memories.userId, userId))
    .orderBy(memories.status, memories.createdAt);
}

const undo = (db: Database, turn: Turn) =>
  undoJobChanges(db, { userId: turn.userId, jobId: turn.jobId });

describeWithDatabase("undoJobChanges", (getDb) => {
  it("deletes what the job created; a second undo does nothing", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const { turn } = await turnWith(db, userId, "I live in Paris and I love jazz", [
      city("Paris"),
      preference({
        type: "interest",
        topic: "music",
        detail: "jazz",
        source_text: "I love jazz",
      }),
    ]);
    expect(await memoriesOf(db, userId)).toHaveLength(2);
    expect(await undo(db, turn)).toBe(2);
    expect(await memoriesOf(db, userId)).toEqual([]);
    expect(await undo(db, turn)).toBe(0);
  });

  it("restores the content an update replaced, and records the revert", async () => {
    const db = getDb();
    const userId = await createUser(db);
    await turnWith(db, userId, "I live in Paris", [city("Paris", { confidence_score: 0.85 })]);
    const [original] = await memoriesOf(db, userId);
    const { turn } = await turnWith(db, userId, "I live in Berlin", [city("Berlin")]);

    expect(await undo(db, turn)).toBe(1);
    const [restored] = await memoriesOf(db, userId);
    expect(restored).toMatchObject({
      id: original?.id,
      detail: "Paris",
      sourceText: "I live in Paris",
      observedAt: original?.observedAt,
      lastSeenAt: original?.lastSeenAt,
      messageId: original?.messageId,
    });
    expect(restored?.confidenceScore).toBeCloseTo(0.85);
    const history = await db
      .select()
      .from(memoryHistory)
      .where(eq(memoryHistory.memoryId, original?.id ?? ""))
      .orderBy(memoryHistory.createdAt);
    expect(history.map((entry) => [entry.actor, entry.action])).toEqual([
      ["extractor", "created"],
      ["extractor", "updated"],
      ["user", "reverted"],
    ]);
    // The job is still recognised as applied: a retry will not redo what was undone.
    const again = await db.transaction((tx) =>
      applyExtraction(tx, { ...turn, output: output([city("Berlin")]), thresholds: THRESHOLDS }),
    );
    expect(again.alreadyApplied).toBe(true);
  });

  it("reverts a refresh (last seen and confidence)", async () => {
    const db = getDb();
    const userId = await createUser(db);
    await turnWith(db, userId, "I live in Paris", [city("Paris", { confidence_score: 0.8 })]);
    const [before] = await memoriesOf(db, userId);
    const { turn, result } = await turnWith(db, userId, "I live in Paris", [
      city("Paris", { confidence_score: 0.95 }),
    ]);
    expect(result.refreshed).toBe(1);
    expect(await undo(db, turn)).toBe(1);
    const [after] = await memoriesOf(db, userId);
    expect(after?.lastSeenAt).toEqual(before?.lastSeenAt);
    expect(after?.confidenceScore).toBeCloseTo(0.8);
  });

  it("deletes a new suggestion, or restores the suggestion it replaced", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const { result } = await turnWith(db, userId, "I live in Paris", [city("Paris")]);
    await confirmMemory(db, userId, result.changes[0]?.memoryId ?? "");

    const berlin = await turnWith(db, userId, "I live in Berlin", [city("Berlin")]);
    const rome = await turnWith(db, userId, "I live in Rome", [city("Rome")]);
    expect((await memoriesOf(db, userId)).map((row) => row.detail)).toEqual(["Paris", "Rome"]);

    expect(await undo(db, rome.turn)).toBe(1);
    expect((await memoriesOf(db, userId)).map((row) => row.detail)).toEqual(["Paris", "Berlin"]);
    expect(await undo(db, berlin.turn)).toBe(1);
    expect((await memoriesOf(db, userId)).map((row) => row.detail)).toEqual(["Paris"]);
  });

  it("leaves alone what the user changed since", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const { turn, result } = await turnWith(db, userId, "I live in Paris", [city("Paris")]);
    await editMemory(db, userId, result.changes[0]?.memoryId ?? "", { detail: "Paris, 11e" });
    expect(await undo(db, turn)).toBe(0);
    expect((await memoriesOf(db, userId)).map((row) => row.detail)).toEqual(["Paris, 11e"]);
  });

  it("answers not found for another user's job or a malformed id", async () => {
    const db = getDb();
    const owner = await createUser(db);
    const stranger = await createUser(db);
    const { turn } = await turnWith(db, owner, "I live in Paris", [city("Paris")]);
    await expect(undoJobChanges(db, { userId: stranger, jobId: turn.jobId })).rejects.toMatchObject(
      { code: "not_found" },
    );
    await expect(undoJobChanges(db, { userId: owner, jobId: "nope" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(undoJobChanges(db, { userId: owner, jobId: randomUUID() })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await memoriesOf(db, owner)).toHaveLength(1);
  });
});
