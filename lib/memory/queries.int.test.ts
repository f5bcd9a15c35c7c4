import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { memories, memoryHistory } from "@/lib/db/schema";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { applyExtraction } from "./apply";
import { memoryColumns, toMemoryJson } from "./memory-row";
import {
  acceptSuggestion,
  confirmMemory,
  createMemory,
  deleteAllMemories,
  deleteMemory,
  editMemory,
  rejectSuggestion,
} from "./mutations";
import {
  exportMemories,
  getMemory,
  memoryHistory as historyOfMemory,
  listMemories,
  listMemoryKeys,
} from "./queries";
import {
  createTurn,
  createUser,
  output,
  preference,
  seedMemories,
  THRESHOLDS,
} from "./testing/fixtures";

function memoriesOf(db: Database, userId: string) {
  return db
    .select(memoryColumns)
    .from(memories)
    .where(eq(memories.userId, userId))
    .orderBy(memories.status, memories.createdAt);
}

/** An active, confirmed "city: Paris" and a pending suggestion to change it to Berlin. */
async function withSuggestion(db: Database, userId: string) {
  const [active] = await seedMemories(db, userId, [
    { category: "location", topic: "city", detail: "Paris", confirmedAt: new Date() },
  ]);
  const turn = await createTurn(db, { userId, userMessage: "I live in Berlin" });
  const result = await db.transaction((tx) =>
    applyExtraction(tx, {
      ...turn,
      output: output([
        preference({
          category: "location",
          topic: "city",
          detail: "Berlin",
          source_text: "I live in Berlin",
        }),
      ]),
      thresholds: THRESHOLDS,
    }),
  );
  const suggestionId = result.changes[0]?.memoryId ?? "";
  return { activeId: active?.id ?? "", suggestionId };
}

describeWithDatabase("memory queries and user actions", (getDb) => {
  describe("createMemory", () => {
    it("adds a confirmed, active memory of source user, with history", async () => {
      const db = getDb();
      const userId = await createUser(db);
      const memory = await createMemory(db, userId, {
        type: "goal",
        category: " Language ",
        topic: " Japanese ",
        detail: "reach JLPT N3 this year",
      });
      expect(memory).toMatchObject({
        type: "goal",
        category: "language",
        topic: "Japanese",
        topicKey: "japanese",
        source: "user",
        status: "active",
        confidenceScore: 1,
        sourceText: null,
      });
      expect(memory.confirmedAt).toBeInstanceOf(Date);
      const history = await historyOfMemory(db, userId, memory.id);
      expect(history).toEqual([
        expect.objectContaining({ actor: "user", action: "added", before: null }),
      ]);
    });

    it("overwrites the active memory of the same key (rule 2) and drops its suggestion", async () => {
      const db = getDb();
      const userId = await createUser(db);
      const { activeId } = await withSuggestion(db, userId);
      const memory = await createMemory(db, userId, {
        type: "fact",
        category: "location",
        topic: "The City",
        detail: "Lisbon",
      });
      expect(memory.id).toBe(activeId);
      const rows = await memoriesOf(db, userId);
      expect(rows.map((row) => [row.status, row.detail, row.source])).toEqual([
        ["active", "Lisbon", "user"],
      ]);
      const [latest] = await historyOfMemory(db, userId, activeId);
      expect(latest).toMatchObject({ actor: "user", action: "edited" });
      expect(latest?.before).toMatchObject({ detail: "Paris" });
    });

    it("refuses invalid input and secrets, naming the field", async () => {
      const db = getDb();
      const userId = await createUser(db);
      await expect(
        createMemory(db, userId, { type: "fact", category: "work", topic: " ", detail: "x" }),
      ).rejects.toMatchObject({ code: "bad_request", field: "topic" });
      await expect(
        createMemory(db, userId, {
          type: "fact",
          category: "tech",
          topic: "github",
          detail: "token ghp_1234567890abcdefghijABCDEFGHIJ123456",
        }),
      ).rejects.toMatchObject({ code: "bad_request", field: "detail" });
      expect(await memoriesOf(db, userId)).toEqual([]);
    });
  });

  describe("editMemory and confirmMemory", () => {
    it("makes an edit the user's own: source user, confirmed, history by the user", async () => {
      const db = getDb();
      const userId = await createUser(db);
      const [seeded] = await seedMemories(db, userId, [
        { category: "work", topic: "job", detail: "nurse" },
      ]);
      const edited = await editMemory(db, userId, seeded?.id ?? "", { detail: "head nurse" });
      expect(edited).toMatchObject({ detail: "head nurse", source: "user", confidenceScore: 1 });
      expect(edited.confirmedAt).toBeInstanceOf(Date);
      const [entry] = await historyOfMemory(db, userId, edited.id);
      expect(entry).toMatchObject({ actor: "user", action: "edited" });
      expect(entry?.before).toMatchObject({ detail: "nurse", source: "inferred" });
      expect(entry?.after).toMatchObject({ detail: "head nurse", source: "user" });
    });

    it("refuses to move a memory onto another memory's key", async () => {
      const db = getDb();
      const userId = await createUser(db);
      const [job] = await seedMemories(db, userId, [
        { category: "work", topic: "job", detail: "nurse" },
        { category: "work", topic: "employer", detail: "RS Sehat" },
      ]);
      await expect(
        editMemory(db, userId, job?.id ?? "", { topic: "Employer" }),
      ).rejects.toMatchObject({ code: "conflict", field: "topic" });
      await expect(editMemory(db, userId, job?.id ?? "", {})).rejects.toMatchObject({
        code: "bad_request",
      });
    });

    it("confirms: confirmed_at set, confidence 1, recorded once", async () => {
      const db = getDb();
      const userId = await createUser(db);
      const [seeded] = await seedMemories(db, userId, [
        { category: "food", topic: "cuisine", detail: "Padang food", confidenceScore: 0.82 },
      ]);
      const confirmed = await confirmMemory(db, userId, seeded?.id ?? "");
      expect(confirmed.confirmedAt).toBeInstanceOf(Date);
      expect(confirmed.confidenceScore).toBe(1);
      await confirmMemory(db, userId, confirmed.id);
      const history = await historyOfMemory(db, userId, confirmed.id);
      expect(history.map((entry) => entry.action)).toEqual(["confirmed"]);
    });
  });

  describe("suggestions", () => {
    it("accepting one that replaces a memory overwrites it, confirmed, and removes the suggestion", async () => {
      const db = getDb();
      const userId = await createUser(db);
      const { activeId, suggestionId } = await withSuggestion(db, userId);
      const accepted = await acceptSuggestion(db, userId, suggestionId);
      expect(accepted).toMatchObject({ id: activeId, detail: "Berlin", status: "active" });
      expect(accepted.confirmedAt).toBeInstanceOf(Date);
      expect((await memoriesOf(db, userId)).map((row) => row.id)).toEqual([activeId]);
      const [entry] = await historyOfMemory(db, userId, activeId);
      expect(entry).toMatchObject({ actor: "user", action: "accepted" });
      expect(entry?.before).toMatchObject({ detail: "Paris" });
    });

    it("accepting one with no active memory promotes it", async () => {
      const db = getDb();
      const userId = await createUser(db);
      const [suggestion] = await seedMemories(db, userId, [
        { category: "health", topic: "diet", detail: "low sugar", status: "suggested" },
      ]);
      const accepted = await acceptSuggestion(db, userId, suggestion?.id ?? "");
      expect(accepted).toMatchObject({ id: suggestion?.id, status: "active", confidenceScore: 1 });
      expect(accepted.confirmedAt).toBeInstanceOf(Date);
    });

    it("rejecting deletes it; an active memory is not a suggestion", async () => {
      const db = getDb();
      const userId = await createUser(db);
      const { activeId, suggestionId } = await withSuggestion(db, userId);
      await rejectSuggestion(db, userId, suggestionId);
      expect((await memoriesOf(db, userId)).map((row) => row.id)).toEqual([activeId]);
      await expect(rejectSuggestion(db, userId, activeId)).rejects.toMatchObject({
        code: "conflict",
      });
      await expect(acceptSuggestion(db, userId, activeId)).rejects.toMatchObject({
        code: "conflict",
      });
    });
  });

  describe("deleting", () => {
    it("deleteMemory leaves nothing of it in memory_history", async () => {
      const db = getDb();
      const userId = await createUser(db);
      const memory = await createMemory(db, userId, {
        type: "fact",
        category: "family",
        topic: "sister",
        detail: "Ratna, a dentist",
      });
      await editMemory(db, userId, memory.id, { detail: "Ratna, an orthodontist" });
      await deleteMemory(db, userId, memory.id, { undoSeconds: 600 });
      await expect(getMemory(db, userId, memory.id)).rejects.toMatchObject({ code: "not_found" });
      const leftovers = await db
        .select({ id: memoryHistory.id })
        .from(memoryHistory)
        .where(
          sql`${memoryHistory.memoryId} = ${memory.id}
            or ${memoryHistory.before}::text ilike '%ratna%'
            or ${memoryHistory.after}::text ilike '%ratna%'`,
        );
      expect(leftovers).toEqual([]);
    });

    it("deleteAllMemories removes only the caller's memories", async () => {
      const db = getDb();
      const userId = await createUser(db);
      const other = await createUser(db);
      await seedMemories(db, userId, [
        { topic: "a", detail: "1" },
        { topic: "b", detail: "2" },
      ]);
      await seedMemories(db, other, [{ topic: "c", detail: "3" }]);
      expect(await deleteAllMemories(db, userId)).toBe(2);
      expect(await memoriesOf(db, userId)).toEqual([]);
      expect(await memoriesOf(db, other)).toHaveLength(1);
    });
  });

  describe("ownership", () => {
    it("answers not found for another user's memory, everywhere", async () => {
      const db = getDb();
      const owner = await createUser(db);
      const stranger = await createUser(db);
      const { activeId, suggestionId } = await withSuggestion(db, owner);
      const notFound = { code: "not_found" };
      for (const id of [activeId, suggestionId, randomUUID(), "not-a-uuid"]) {
        await expect(getMemory(db, stranger, id)).rejects.toMatchObject(notFound);
        await expect(historyOfMemory(db, stranger, id)).rejects.toMatchObject(notFound);
        await expect(editMemory(db, stranger, id, { detail: "hacked" })).rejects.toMatchObject(
          notFound,
        );
        await expect(confirmMemory(db, stranger, id)).rejects.toMatchObject(notFound);
        await expect(deleteMemory(db, stranger, id, { undoSeconds: 600 })).rejects.toMatchObject(
          notFound,
        );
        await expect(acceptSuggestion(db, stranger, id)).rejects.toMatchObject(notFound);
        await expect(rejectSuggestion(db, stranger, id)).rejects.toMatchObject(notFound);
      }
      expect((await listMemories(db, stranger)).memories).toEqual([]);
      expect((await exportMemories(db, stranger)).memories).toEqual([]);
      expect(await listMemoryKeys(db, stranger)).toEqual([]);
      expect(await memoriesOf(db, owner)).toHaveLength(2);
    });
  });

  describe("listMemories", () => {
    async function seedList(db: Database) {
      const userId = await createUser(db);
      const other = await createUser(db);
      await seedMemories(db, other, [
        { type: "interest", category: "food", topic: "sushi", detail: "loves sushi" },
      ]);
      const t = (minute: number) => new Date(Date.UTC(2025, 5, 1, 0, minute));
      await seedMemories(db, userId, [
        {
          type: "interest",
          category: "food",
          topic: "sushi",
          detail: "loves salmon sushi",
          updatedAt: t(1),
        },
        {
          type: "dislike",
          category: "food",
          topic: "cilantro",
          detail: "hates cilantro",
          updatedAt: t(2),
        },
        {
          type: "fact",
          category: "work",
          topic: "job",
          detail: "backend developer",
          updatedAt: t(3),
        },
        {
          type: "fact",
          category: "location",
          topic: "city",
          detail: "Yogyakarta",
          updatedAt: t(4),
          confirmedAt: t(4),
        },
        {
          type: "goal",
          category: "language",
          topic: "japanese",
          detail: "learn Japanese",
          updatedAt: t(5),
        },
        {
          type: "fact",
          category: "health",
          topic: "sleep",
          detail: "insomnia",
          status: "suggested",
          updatedAt: t(6),
        },
      ]);
      return userId;
    }

    it("orders by status, type, confirmed first, then most recently updated", async () => {
      const db = getDb();
      const userId = await seedList(db);
      const { memories: rows, nextCursor } = await listMemories(db, userId);
      expect(rows.map((row) => row.topic)).toEqual([
        "city",
        "job",
        "sushi",
        "japanese",
        "cilantro",
        "sleep",
      ]);
      expect(nextCursor).toBeNull();
    });

    it("filters by type, category and status on the server", async () => {
      const db = getDb();
      const userId = await seedList(db);
      const topics = async (filters: Parameters<typeof listMemories>[2]) =>
        (await listMemories(db, userId, filters)).memories.map((row) => row.topic);
      expect(await topics({ type: "fact" })).toEqual(["city", "job", "sleep"]);
      expect(await topics({ category: "Food" })).toEqual(["sushi", "cilantro"]);
      expect(await topics({ status: "suggested" })).toEqual(["sleep"]);
      expect(await topics({ type: "fact", status: "active", category: "work" })).toEqual(["job"]);
    });

    it("searches whole words, parts of words, and survives any punctuation", async () => {
      const db = getDb();
      const userId = await seedList(db);
      const topics = async (q: string) =>
        (await listMemories(db, userId, { q })).memories.map((row) => row.topic);
      expect(await topics("sushi")).toEqual(["sushi"]);
      expect(await topics("salm")).toEqual(["sushi"]);
      expect(await topics("DEVELOPER")).toEqual(["job"]);
      expect(await topics("food")).toEqual(["sushi", "cilantro"]);
      expect(await topics("100%_")).toEqual([]);
      expect(await topics(`"sushi" OR -( ' \\ :* & |`)).toEqual(["sushi"]);
    });

    it("pages with a cursor", async () => {
      const db = getDb();
      const userId = await seedList(db);
      const first = await listMemories(db, userId, { limit: 4 });
      expect(first.memories).toHaveLength(4);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await listMemories(db, userId, { limit: 4, cursor: first.nextCursor });
      expect(second.memories.map((row) => row.topic)).toEqual(["cilantro", "sleep"]);
      expect(second.nextCursor).toBeNull();
      await expect(listMemories(db, userId, { cursor: "garbage" })).rejects.toMatchObject({
        code: "bad_request",
        field: "cursor",
      });
    });
  });

  it("exports everything of the user, snake_case with history", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const other = await createUser(db);
    await createMemory(db, other, { type: "fact", category: "work", topic: "job", detail: "spy" });
    const memory = await createMemory(db, userId, {
      type: "interest",
      category: "hobbies",
      topic: "climbing",
      detail: "bouldering on weekends",
    });
    await confirmMemory(db, userId, memory.id);
    await editMemory(db, userId, memory.id, { detail: "bouldering every Saturday" });

    const exported = await exportMemories(db, userId);
    expect(exported.exported_at).toEqual(expect.any(String));
    expect(exported.memories).toHaveLength(1);
    const [item] = exported.memories;
    expect(item).toMatchObject({
      id: memory.id,
      type: "interest",
      category: "hobbies",
      topic: "climbing",
      detail: "bouldering every Saturday",
      confidence_score: 1,
      source_text: null,
      source: "user",
      status: "active",
      confirmed: true,
    });
    expect(item?.history.map((entry) => [entry.actor, entry.action])).toEqual([
      ["user", "added"],
      ["user", "edited"],
    ]);
    expect(JSON.stringify(exported)).not.toContain("spy");
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
  });

  it("lists the user's memory keys once each", async () => {
    const db = getDb();
    const userId = await createUser(db);
    await withSuggestion(db, userId);
    await seedMemories(db, userId, [{ category: "work", topic: "Job", detail: "nurse" }]);
    expect(await listMemoryKeys(db, userId)).toEqual([
      { category: "location", topic: "city" },
      { category: "work", topic: "Job" },
    ]);
  });

  it("maps a row to the API shape", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const [row] = await seedMemories(db, userId, [
      { topic: "pet", detail: "a cat named Mochi", sourceText: "my cat Mochi" },
    ]);
    if (!row) throw new Error("no row");
    expect(Object.keys(toMemoryJson(row)).sort()).toEqual(
      [
        "id",
        "type",
        "category",
        "topic",
        "topic_key",
        "detail",
        "confidence_score",
        "source_text",
        "source",
        "status",
        "confirmed",
        "confirmed_at",
        "chat_id",
        "message_id",
        "replaces_memory_id",
        "imported",
        "use_count",
        "last_used_at",
        "observed_at",
        "last_seen_at",
        "created_at",
        "updated_at",
      ].sort(),
    );
    expect(toMemoryJson(row)).toMatchObject({ source_text: "my cat Mochi", confirmed: false });
  });
});
