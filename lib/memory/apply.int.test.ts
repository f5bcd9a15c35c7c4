import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { extractionJobs, memories, memoryHistory } from "@/lib/db/schema";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { type ApplyExtractionResult, applyExtraction } from "./apply";
import type { Forget, Preference } from "./extraction-schema";
import { memoryColumns } from "./memory-row";
import { confirmMemory } from "./mutations";
import {
  createTurn,
  createUser,
  nextTime,
  output,
  preference,
  THRESHOLDS,
  type Turn,
} from "./testing/fixtures";

function apply(
  db: Database,
  turn: Turn,
  preferences: Preference[],
  forget: Forget[] = [],
): Promise<ApplyExtractionResult> {
  return db.transaction((tx) =>
    applyExtraction(tx, {
      userId: turn.userId,
      jobId: turn.jobId,
      chatId: turn.chatId,
      userMessageId: turn.userMessageId,
      observedAt: turn.observedAt,
      userMessage: turn.userMessage,
      output: output(preferences, forget),
      thresholds: THRESHOLDS,
    }),
  );
}

function memoriesOf(db: Database, userId: string) {
  return db
    .select(memoryColumns)
    .from(memories)
    .where(eq(memories.userId, userId))
    .orderBy(memories.status, memories.createdAt);
}

function historyOf(db: Database, userId: string) {
  return db
    .select()
    .from(memoryHistory)
    .where(eq(memoryHistory.userId, userId))
    .orderBy(memoryHistory.createdAt);
}

/** One turn in which the user says `message`, extracted as a city fact quoting all of it. */
async function cityTurn(
  db: Database,
  userId: string,
  city: string,
  options: { at?: Date; explicit?: boolean; confidence?: number; message?: string } = {},
) {
  const message = options.message ?? `I live in ${city}`;
  const turn = await createTurn(db, { userId, userMessage: message, at: options.at });
  const city_preference = preference({
    category: "location",
    topic: "city",
    detail: city,
    source_text: message,
    explicit: options.explicit ?? false,
    confidence_score: options.confidence ?? 0.9,
  });
  return { turn, city: city_preference };
}

describeWithDatabase("applyExtraction", (getDb) => {
  it("stores an observation with evidence, links and a history row", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const turn = await createTurn(db, { userId, userMessage: "I work as a nurse in Surabaya" });
    const result = await apply(db, turn, [
      preference({
        category: "Work",
        topic: "Job",
        detail: "nurse",
        source_text: "i work as a NURSE",
        confidence_score: 0.92,
      }),
    ]);

    expect(result).toMatchObject({ rejected: 0, refreshed: 0, alreadyApplied: false });
    expect(result.changes).toEqual([
      expect.objectContaining({
        action: "created",
        category: "work",
        topic: "Job",
        status: "active",
      }),
    ]);
    const [memory] = await memoriesOf(db, userId);
    expect(memory).toMatchObject({
      category: "work",
      topicKey: "job",
      detail: "nurse",
      source: "inferred",
      status: "active",
      sourceText: "i work as a NURSE",
      chatId: turn.chatId,
      messageId: turn.userMessageId,
      observedAt: turn.observedAt,
      lastSeenAt: turn.observedAt,
      confirmedAt: null,
    });
    expect(memory?.confidenceScore).toBeCloseTo(0.92);
    const history = await historyOf(db, userId);
    expect(history).toEqual([
      expect.objectContaining({
        memoryId: memory?.id,
        actor: "extractor",
        action: "created",
        before: null,
        jobId: turn.jobId,
        after: expect.objectContaining({ detail: "nurse", confidence_score: expect.any(Number) }),
      }),
    ]);
  });

  it("stores an explicit request with confidence 1 and actor explicit", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const turn = await createTurn(db, {
      userId,
      userMessage: "Please remember that I am allergic to peanuts",
    });
    await apply(db, turn, [
      preference({
        category: "health",
        topic: "allergy",
        detail: "peanuts",
        source_text: "I am allergic to peanuts",
        explicit: true,
        confidence_score: 0.7,
      }),
    ]);
    const [memory] = await memoriesOf(db, userId);
    expect(memory).toMatchObject({ source: "explicit", status: "active", confidenceScore: 1 });
    const [entry] = await historyOf(db, userId);
    expect(entry).toMatchObject({ actor: "explicit", action: "created" });
  });

  it("stores nothing the policy refuses, and counts it", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const turn = await createTurn(db, { userId, userMessage: "my password is hunter2, help" });
    const result = await apply(db, turn, [
      preference({ topic: "password", detail: "hunter2", source_text: "my password is hunter2" }),
      preference({ topic: "job", detail: "pilot", source_text: "I am a pilot" }),
      preference({ topic: "mood", detail: "tired", source_text: "help", confidence_score: 0.1 }),
    ]);
    expect(result).toMatchObject({ changes: [], rejected: 3 });
    expect(await memoriesOf(db, userId)).toEqual([]);
    expect(await historyOf(db, userId)).toEqual([]);
  });

  it("overwrites an inferred memory with a newer observation, keeping the old one in history", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const first = await cityTurn(db, userId, "Paris");
    await apply(db, first.turn, [first.city]);
    const second = await cityTurn(db, userId, "Berlin");
    const result = await apply(db, second.turn, [second.city]);

    expect(result.changes).toEqual([
      expect.objectContaining({ action: "updated", detail: "Berlin" }),
    ]);
    const rows = await memoriesOf(db, userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ detail: "Berlin", observedAt: second.turn.observedAt });
    const history = await historyOf(db, userId);
    expect(history.map((entry) => entry.action)).toEqual(["created", "updated"]);
    expect(history[1]?.before).toMatchObject({ detail: "Paris" });
    expect(history[1]?.after).toMatchObject({ detail: "Berlin" });
  });

  it("never lets an older observation overwrite a newer one (jobs out of order)", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const earlier = nextTime();
    const later = nextTime();
    const newer = await cityTurn(db, userId, "Berlin", { at: later });
    const older = await cityTurn(db, userId, "Paris", { at: earlier });
    await apply(db, newer.turn, [newer.city]);
    const result = await apply(db, older.turn, [older.city]);

    expect(result.changes).toEqual([]);
    const rows = await memoriesOf(db, userId);
    expect(rows.map((row) => row.detail)).toEqual(["Berlin"]);
  });

  it("turns a change to a confirmed memory into a suggestion that replaces it", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const first = await cityTurn(db, userId, "Paris");
    const created = await apply(db, first.turn, [first.city]);
    const activeId = created.changes[0]?.memoryId ?? "";
    await confirmMemory(db, userId, activeId);

    const second = await cityTurn(db, userId, "Berlin");
    const result = await apply(db, second.turn, [second.city]);
    expect(result.changes).toEqual([
      expect.objectContaining({ action: "suggested", status: "suggested", detail: "Berlin" }),
    ]);
    const rows = await memoriesOf(db, userId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ id: activeId, status: "active", detail: "Paris" });
    expect(rows[1]).toMatchObject({
      status: "suggested",
      detail: "Berlin",
      replacesMemoryId: activeId,
    });

    // A third opinion replaces the pending suggestion rather than adding another.
    const third = await cityTurn(db, userId, "Rome");
    await apply(db, third.turn, [third.city]);
    const after = await memoriesOf(db, userId);
    expect(after.map((row) => [row.status, row.detail])).toEqual([
      ["active", "Paris"],
      ["suggested", "Rome"],
    ]);
    expect(after[1]?.id).toBe(rows[1]?.id);
  });

  it("lets an explicit request overwrite a confirmed memory and drop the pending suggestion", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const first = await cityTurn(db, userId, "Paris");
    const created = await apply(db, first.turn, [first.city]);
    await confirmMemory(db, userId, created.changes[0]?.memoryId ?? "");
    const second = await cityTurn(db, userId, "Berlin");
    await apply(db, second.turn, [second.city]);

    const message = "Remember that I live in Lisbon now";
    const third = await cityTurn(db, userId, "Lisbon", { message, explicit: true });
    const result = await apply(db, third.turn, [third.city]);
    expect(result.changes).toEqual([
      expect.objectContaining({ action: "updated", detail: "Lisbon" }),
    ]);
    const rows = await memoriesOf(db, userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ detail: "Lisbon", source: "explicit", confirmedAt: null });
  });

  it("refreshes the same content instead of duplicating it", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const first = await cityTurn(db, userId, "Paris", { confidence: 0.95 });
    await apply(db, first.turn, [first.city]);
    const again = await cityTurn(db, userId, "paris", {
      message: "I live in Paris, as I said",
      confidence: 0.85,
    });
    const result = await apply(db, again.turn, [again.city]);

    expect(result).toMatchObject({ changes: [], refreshed: 1 });
    const rows = await memoriesOf(db, userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      detail: "Paris",
      observedAt: first.turn.observedAt,
      lastSeenAt: again.turn.observedAt,
    });
    expect(rows[0]?.confidenceScore).toBeCloseTo(0.95);
    const history = await historyOf(db, userId);
    expect(history.map((entry) => entry.action)).toEqual(["created", "refreshed"]);
  });

  it("replaces 'I love sushi' with a later 'I hate sushi' (same key)", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const love = await createTurn(db, { userId, userMessage: "I love sushi" });
    await apply(db, love, [
      preference({
        type: "interest",
        category: "food",
        topic: "sushi",
        detail: "loves sushi",
        source_text: "I love sushi",
      }),
    ]);
    const hate = await createTurn(db, { userId, userMessage: "Honestly I hate sushi now" });
    await apply(db, hate, [
      preference({
        type: "dislike",
        category: "food",
        topic: "Sushi",
        detail: "hates sushi",
        source_text: "I hate sushi",
      }),
    ]);
    const rows = await memoriesOf(db, userId);
    expect(rows.map((row) => [row.type, row.detail])).toEqual([["dislike", "hates sushi"]]);
  });

  it("treats 'My job' and 'job ' as one key", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const first = await createTurn(db, { userId, userMessage: "I am a teacher" });
    await apply(db, first, [
      preference({
        category: "work",
        topic: "My job",
        detail: "teacher",
        source_text: "I am a teacher",
      }),
    ]);
    const second = await createTurn(db, { userId, userMessage: "I am a designer now" });
    await apply(db, second, [
      preference({
        category: "work",
        topic: "job ",
        detail: "designer",
        source_text: "I am a designer",
      }),
    ]);
    const rows = await memoriesOf(db, userId);
    expect(rows.map((row) => [row.topicKey, row.detail])).toEqual([["job", "designer"]]);
  });

  it("stores sensitive and below-auto-accept observations as suggestions, promoting later", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const sensitive = await createTurn(db, { userId, userMessage: "I go to church every Sunday" });
    await apply(db, sensitive, [
      preference({
        category: "religion",
        topic: "faith",
        detail: "goes to church",
        source_text: "I go to church",
        confidence_score: 0.99,
      }),
    ]);
    const unsure = await cityTurn(db, userId, "Bandung", { confidence: 0.6 });
    await apply(db, unsure.turn, [unsure.city]);
    let rows = await memoriesOf(db, userId);
    expect(rows.map((row) => [row.topicKey, row.status])).toEqual([
      ["faith", "suggested"],
      ["city", "suggested"],
    ]);

    const sure = await cityTurn(db, userId, "Bandung", { confidence: 0.9 });
    const result = await apply(db, sure.turn, [sure.city]);
    expect(result.changes).toEqual([
      expect.objectContaining({ action: "updated", status: "active" }),
    ]);
    rows = await memoriesOf(db, userId);
    const city = rows.filter((row) => row.topicKey === "city");
    expect(city).toHaveLength(1);
    expect(city[0]).toMatchObject({ status: "active" });
    expect(city[0]?.confidenceScore).toBeCloseTo(0.9);
  });

  it("forgets a memory at once: row, suggestion and history, reporting only the key", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const first = await cityTurn(db, userId, "Paris");
    const created = await apply(db, first.turn, [first.city]);
    const memoryId = created.changes[0]?.memoryId ?? "";
    await confirmMemory(db, userId, memoryId);
    const second = await cityTurn(db, userId, "Berlin");
    await apply(db, second.turn, [second.city]);
    expect(await memoriesOf(db, userId)).toHaveLength(2);

    const forgetTurn = await createTurn(db, { userId, userMessage: "Please forget where I live" });
    const result = await apply(
      db,
      forgetTurn,
      [],
      [{ category: "location", topic: "City", source_text: "forget where I live" }],
    );
    expect(result.forgotten).toEqual([{ category: "location", topic: "city" }]);
    expect(await memoriesOf(db, userId)).toEqual([]);
    const leftovers = await db
      .select({ id: memoryHistory.id })
      .from(memoryHistory)
      .where(
        and(
          eq(memoryHistory.userId, userId),
          sql`(${memoryHistory.before}::text ilike '%paris%' or ${memoryHistory.after}::text ilike '%paris%'
            or ${memoryHistory.before}::text ilike '%berlin%' or ${memoryHistory.after}::text ilike '%berlin%')`,
        ),
      );
    expect(leftovers).toEqual([]);
    expect(await historyOf(db, userId)).toEqual([]);
  });

  it("forgets one key only: a forget filed under another category forgets nothing", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const first = await cityTurn(db, userId, "Paris");
    await apply(db, first.turn, [first.city]);
    const trip = await createTurn(db, { userId, userMessage: "I want to visit the city of Paris" });
    await apply(db, trip, [
      preference({
        type: "goal",
        category: "travel",
        topic: "city",
        detail: "visit Paris",
        source_text: "I want to visit the city of Paris",
      }),
    ]);
    const forgetTurn = await createTurn(db, { userId, userMessage: "Please forget my city" });
    const wrongCategory = await apply(
      db,
      forgetTurn,
      [],
      [{ category: "work", topic: "city", source_text: "Please forget my city" }],
    );
    expect(wrongCategory).toMatchObject({ forgotten: [], rejectedForgets: 1 });
    expect(await memoriesOf(db, userId)).toHaveLength(2);

    const again = await createTurn(db, { userId, userMessage: "Please forget my city" });
    const named = await apply(
      db,
      again,
      [],
      [{ category: "location", topic: "city", source_text: "Please forget my city" }],
    );
    expect(named.forgotten).toEqual([{ category: "location", topic: "city" }]);
    expect((await memoriesOf(db, userId)).map((row) => row.category)).toEqual(["travel"]);
  });

  it("forgets only a memory the request names", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const first = await cityTurn(db, userId, "Paris");
    await apply(db, first.turn, [first.city]);
    const message = "Forget about the meeting tomorrow. I still live in Paris.";
    const turn = await createTurn(db, { userId, userMessage: message });
    const result = await apply(
      db,
      turn,
      [],
      [{ category: "location", topic: "city", source_text: "Forget about the meeting tomorrow" }],
    );
    expect(result).toMatchObject({ forgotten: [], rejectedForgets: 1 });
    expect(await memoriesOf(db, userId)).toHaveLength(1);
  });

  it("ignores a forget the user did not ask for", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const first = await cityTurn(db, userId, "Paris");
    await apply(db, first.turn, [first.city]);
    const turn = await createTurn(db, { userId, userMessage: "Don't forget where I live" });
    const result = await apply(
      db,
      turn,
      [],
      [{ category: "location", topic: "city", source_text: "where I live" }],
    );
    expect(result.forgotten).toEqual([]);
    expect(await memoriesOf(db, userId)).toHaveLength(1);
  });

  it("forgets first, then stores the new statement of the same turn", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const first = await cityTurn(db, userId, "Paris");
    await apply(db, first.turn, [first.city]);
    const message = "Forget that I live in Paris. I live in Berlin now";
    const turn = await createTurn(db, { userId, userMessage: message });
    await apply(
      db,
      turn,
      [
        preference({
          category: "location",
          topic: "city",
          detail: "Berlin",
          source_text: "I live in Berlin now",
        }),
      ],
      [{ category: "location", topic: "city", source_text: "Forget that I live in Paris" }],
    );
    const rows = await memoriesOf(db, userId);
    expect(rows.map((row) => row.detail)).toEqual(["Berlin"]);
    const history = await historyOf(db, userId);
    expect(JSON.stringify(history)).not.toContain("Paris");
  });

  it("is idempotent: the same job applied twice changes nothing the second time", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const turn = await createTurn(db, { userId, userMessage: "I live in Paris and I love jazz" });
    const preferences = [
      preference({
        category: "location",
        topic: "city",
        detail: "Paris",
        source_text: "I live in Paris",
      }),
      preference({
        type: "interest",
        category: "media",
        topic: "music",
        detail: "jazz",
        source_text: "I love jazz",
      }),
    ];
    const first = await apply(db, turn, preferences);
    expect(first.changes).toHaveLength(2);
    const rowsBefore = await memoriesOf(db, userId);
    const historyBefore = await historyOf(db, userId);

    const second = await apply(db, turn, preferences);
    expect(second).toEqual({
      changes: [],
      forgotten: [],
      rejected: 0,
      rejectedForgets: 0,
      refreshed: 0,
      alreadyApplied: true,
    });
    expect(await memoriesOf(db, userId)).toEqual(rowsBefore);
    expect(await historyOf(db, userId)).toEqual(historyBefore);
  });

  it("does not resurrect a deleted memory when a finished job is applied again", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const { turn, city } = await cityTurn(db, userId, "Paris");
    await apply(db, turn, [city]);
    // The runner marks the job done in the same transaction; the user then deletes the memory.
    await db
      .update(extractionJobs)
      .set({ status: "done" })
      .where(eq(extractionJobs.id, turn.jobId));
    await db.delete(memories).where(eq(memories.userId, userId));

    const again = await apply(db, turn, [city]);
    expect(again.alreadyApplied).toBe(true);
    expect(await memoriesOf(db, userId)).toEqual([]);
  });

  it("is all-or-nothing when something fails mid-way inside the transaction", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const first = await cityTurn(db, userId, "Paris");
    await apply(db, first.turn, [first.city]);
    const message = "Forget where I live. I love jazz";
    const turn = await createTurn(db, { userId, userMessage: message });

    // The forget succeeds, then the insert fails (its message does not exist): all rolls back.
    await expect(
      apply(
        db,
        { ...turn, userMessageId: randomUUID() },
        [
          preference({
            type: "interest",
            topic: "music",
            detail: "jazz",
            source_text: "I love jazz",
          }),
        ],
        [{ category: "location", topic: "city", source_text: "Forget where I live" }],
      ),
    ).rejects.toThrow();
    const rows = await memoriesOf(db, userId);
    expect(rows.map((row) => row.detail)).toEqual(["Paris"]);
    expect(await historyOf(db, userId)).toHaveLength(1);

    // And the job runner's own failure after applying rolls the memories back too.
    await expect(
      db.transaction(async (tx) => {
        await applyExtraction(tx, {
          ...turn,
          output: output([
            preference({
              type: "interest",
              topic: "music",
              detail: "jazz",
              source_text: "I love jazz",
            }),
          ]),
          thresholds: THRESHOLDS,
        });
        throw new Error("runner failed to mark the job");
      }),
    ).rejects.toThrow("runner failed");
    expect((await memoriesOf(db, userId)).map((row) => row.detail)).toEqual(["Paris"]);
  });

  it("refuses another user's job", async () => {
    const db = getDb();
    const owner = await createUser(db);
    const stranger = await createUser(db);
    const turn = await createTurn(db, { userId: owner, userMessage: "I live in Paris" });
    await expect(apply(db, { ...turn, userId: stranger }, [])).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
