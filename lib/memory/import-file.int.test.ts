import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { memoryHistory } from "@/lib/db/schema";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { applyExtraction } from "./apply";
import { memoryExportFileSchema } from "./export-format";
import { applyMemoryImport, previewMemoryImport } from "./import-file";
import { confirmMemory, createMemory, deleteAllMemories } from "./mutations";
import { exportMemories, type MemoryExport } from "./queries";
import { createTurn, createUser, output, preference, THRESHOLDS } from "./testing/fixtures";

/** A user with an inferred memory, a confirmed one with a pending change, an explicit one and one of their own. */
async function userWithMemories(db: Database) {
  const userId = await createUser(db);
  const first = await createTurn(db, {
    userId,
    userMessage: "I live in Paris. Remember that I am allergic to peanuts. I love hiking.",
  });
  await db.transaction((tx) =>
    applyExtraction(tx, {
      ...first,
      output: output([
        preference({
          category: "location",
          topic: "city",
          detail: "lives in Paris",
          source_text: "I live in Paris",
        }),
        preference({
          category: "health",
          topic: "allergy",
          detail: "allergic to peanuts",
          source_text: "I am allergic to peanuts",
          explicit: true,
        }),
        preference({
          type: "interest",
          category: "hobbies",
          topic: "hiking",
          detail: "loves hiking",
          source_text: "I love hiking",
          confidence_score: 0.6,
        }),
      ]),
      thresholds: THRESHOLDS,
    }),
  );
  const exported = await exportMemories(db, userId);
  const city = exported.memories.find((memory) => memory.topic === "city");
  if (!city) throw new Error("no city memory");
  await confirmMemory(db, userId, city.id);
  const second = await createTurn(db, { userId, userMessage: "I live in Berlin now" });
  await db.transaction((tx) =>
    applyExtraction(tx, {
      ...second,
      output: output([
        preference({
          category: "location",
          topic: "city",
          detail: "lives in Berlin",
          source_text: "I live in Berlin",
        }),
      ]),
      thresholds: THRESHOLDS,
    }),
  );
  await createMemory(db, userId, {
    type: "goal",
    category: "language",
    topic: "Japanese",
    detail: "reach JLPT N3",
  });
  return userId;
}

/** Every field of each exported memory but its own id and row times; the replaced memory by key. */
function comparable(file: MemoryExport) {
  const keyOf = new Map(file.memories.map((memory) => [memory.id, memory.topic_key]));
  return file.memories
    .map(({ id: _id, created_at: _c, updated_at: _u, history: _h, ...memory }) => ({
      ...memory,
      replaces_memory_id: memory.replaces_memory_id && keyOf.get(memory.replaces_memory_id),
    }))
    .sort((a, b) => (`${a.topic_key}/${a.status}` < `${b.topic_key}/${b.status}` ? -1 : 1));
}

const asFile = (exported: MemoryExport) =>
  memoryExportFileSchema.parse(JSON.parse(JSON.stringify(exported)));

async function historyCount(db: Database, userId: string) {
  return (await db.select().from(memoryHistory).where(eq(memoryHistory.userId, userId))).length;
}

describeWithDatabase("memory import from an export file", (getDb) => {
  it("export → delete all → import restores the same memories, field by field", async () => {
    const db = getDb();
    const userId = await userWithMemories(db);
    const before = await exportMemories(db, userId);
    expect(before.version).toBe(1);
    expect(before.memories).toHaveLength(5);

    await deleteAllMemories(db, userId);
    expect((await exportMemories(db, userId)).memories).toEqual([]);
    const report = await applyMemoryImport(db, userId, asFile(before));
    expect(report).toMatchObject({ added: 5, updated: 0, skipped: 0 });

    const after = await exportMemories(db, userId);
    expect(comparable(after)).toEqual(comparable(before));
    for (const memory of after.memories) {
      expect(memory.history.map((entry) => entry.action)).toEqual(["imported"]);
    }
  });

  it("previews what would be added, updated or skipped, and writes nothing", async () => {
    const db = getDb();
    const userId = await userWithMemories(db);
    const file = asFile(await exportMemories(db, userId));
    const target = await createUser(db);
    await createMemory(db, target, {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "lives in Jakarta",
    });
    const historyBefore = await historyCount(db, target);

    const preview = await previewMemoryImport(db, target, file);
    expect(await historyCount(db, target)).toBe(historyBefore);
    expect((await exportMemories(db, target)).memories).toHaveLength(1);
    const outcomeOf = (topic: string, status = "active") =>
      preview.items.find((item) => item.topic === topic && item.status === status);
    // The user's own "Jakarta" was written later than the file's Paris and Berlin: kept.
    expect(outcomeOf("city")).toMatchObject({ outcome: "skipped", reason: "older" });
    expect(outcomeOf("city", "suggested")).toMatchObject({ outcome: "skipped", reason: "older" });
    expect(outcomeOf("allergy")).toMatchObject({ outcome: "added", reason: "new" });
    expect(outcomeOf("Japanese")).toMatchObject({ outcome: "added", reason: "new" });
    expect(preview).toMatchObject({ added: 3, updated: 0, skipped: 2 });

    const applied = await applyMemoryImport(db, target, file);
    expect(applied).toEqual(preview);
  });

  it("is idempotent: importing the same file twice changes nothing", async () => {
    const db = getDb();
    const userId = await userWithMemories(db);
    const file = asFile(await exportMemories(db, userId));
    const target = await createUser(db);
    await applyMemoryImport(db, target, file);
    const once = await exportMemories(db, target);
    const historyOnce = await historyCount(db, target);

    const again = await applyMemoryImport(db, target, file);
    expect(again).toMatchObject({ added: 0, updated: 0, skipped: 5 });
    expect(again.items.every((item) => item.reason === "already_there")).toBe(true);
    expect((await exportMemories(db, target)).memories).toEqual(once.memories);
    expect(await historyCount(db, target)).toBe(historyOnce);
    // Into the account it came from, too.
    expect(await applyMemoryImport(db, userId, file)).toMatchObject({ added: 0, updated: 0 });
  });

  it("merges by the conflict rule: a confirmed memory is only offered a newer change", async () => {
    const db = getDb();
    const target = await createUser(db);
    const own = await createMemory(db, target, {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "lives in Jakarta",
    });
    const later = new Date(Date.now() + 60_000).toISOString();
    const file = memoryExportFileSchema.parse({
      memories: [
        {
          type: "fact",
          category: "Location",
          topic: "City",
          detail: "lives in Surabaya",
          confidence_score: 0.9,
          source: "inferred",
          status: "active",
          observed_at: later,
          last_seen_at: later,
        },
      ],
    });
    const report = await applyMemoryImport(db, target, file);
    expect(report.items[0]).toMatchObject({ outcome: "added", reason: "suggestion" });
    const rows = (await exportMemories(db, target)).memories;
    expect(rows.find((row) => row.status === "active")?.detail).toBe("lives in Jakarta");
    expect(rows.find((row) => row.status === "suggested")).toMatchObject({
      detail: "lives in Surabaya",
      replaces_memory_id: own.id,
    });
  });

  it("keeps a quote's chat only when it is the importing user's own", async () => {
    const db = getDb();
    const userId = await userWithMemories(db);
    const file = asFile(await exportMemories(db, userId));
    const stranger = await createUser(db);
    await applyMemoryImport(db, stranger, file);
    const rows = (await exportMemories(db, stranger)).memories;
    expect(rows.every((row) => row.chat_id === null && row.message_id === null)).toBe(true);
  });

  it("skips what looks like a secret", async () => {
    const db = getDb();
    const target = await createUser(db);
    const now = new Date().toISOString();
    const report = await applyMemoryImport(
      db,
      target,
      memoryExportFileSchema.parse({
        memories: [
          {
            type: "fact",
            category: "other",
            topic: "wifi password",
            detail: "password is hunter2-Secret!",
            confidence_score: 1,
            source: "user",
            status: "active",
            observed_at: now,
            last_seen_at: now,
          },
        ],
      }),
    );
    expect(report.items[0]).toMatchObject({ outcome: "skipped", reason: "secret" });
    expect((await exportMemories(db, target)).memories).toEqual([]);
  });
});

describe("the export file's format", () => {
  const memory = {
    type: "fact",
    category: "location",
    topic: "city",
    detail: "lives in Paris",
    confidence_score: 0.9,
    source: "inferred",
    status: "active",
    observed_at: "2025-01-01T00:00:00.000Z",
    last_seen_at: "2025-01-01T00:00:00.000Z",
  };

  it("reads a file without a version as version 1", () => {
    expect(memoryExportFileSchema.parse({ memories: [memory] }).version).toBe(1);
  });

  it("names the field that has the wrong shape", () => {
    const cases: [unknown, string][] = [
      [{ version: 2, memories: [] }, "version"],
      [{}, "memories"],
      [{ memories: [{ ...memory, detail: 5 }] }, "memories.0.detail"],
      [{ memories: [memory, { ...memory, type: "secret" }] }, "memories.1.type"],
      [{ memories: [{ ...memory, observed_at: "yesterday" }] }, "memories.0.observed_at"],
    ];
    for (const [file, field] of cases) {
      const result = memoryExportFileSchema.safeParse(file);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path.join(".")).toBe(field);
    }
  });
});
