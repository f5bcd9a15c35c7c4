import { createOpenAI } from "@ai-sdk/openai";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { type MockOpenAIServer, startMockOpenAI } from "@/e2e/mock-openai/server";
import type { Database } from "@/lib/db/open";
import { memories, memoryEmbeddings } from "@/lib/db/schema";
import { parseEnv } from "@/lib/env";
import { describeWithDatabase } from "@/lib/testing/test-db";
import {
  createEmbedder,
  type Embedder,
  embedderFromEnv,
  embedPendingMemories,
  hasPgvector,
} from "./embeddings";
import { selectMemoriesForPrompt } from "./prompt-memories";
import { createUser, seedMemories } from "./testing/fixtures";

const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 0, minute));
const filler = Array.from({ length: 60 }, (_, i) => ({
  category: "other",
  topic: `catatan ${i}`,
  detail: `quarterly dashboard note number ${i} for the finance team`,
  confidenceScore: 0.9,
  lastSeenAt: at(100 + i),
}));
const photography = {
  type: "interest" as const,
  category: "hobbies",
  topic: "photography",
  detail: "is learning photography",
  confidenceScore: 0.55,
  lastSeenAt: at(0),
};
// A misspelt, Indonesian-spelt word: no full-text stem matches, its word pieces do.
const MESSAGE = "tips fotografi di pantai?";

let server: MockOpenAIServer;
let embedder: Embedder;
beforeAll(async () => {
  server = await startMockOpenAI();
  const model = createOpenAI({ baseURL: `${server.url}/v1`, apiKey: "x" }).embedding("mock-embed");
  embedder = createEmbedder(model, "mock-embed", 5_000);
});
afterAll(() => server.close());

async function userWithPhotography(db: Database): Promise<string> {
  const userId = await createUser(db);
  await seedMemories(db, userId, [...filler, photography]);
  return userId;
}

const topics = (selected: { topic: string }[]) => selected.map((memory) => memory.topic);

describeWithDatabase("prompt memories: semantic retrieval", (getDb, kind) => {
  it(`computes similarity ${kind === "pglite" ? "with pgvector" : "in JS (no pgvector)"}`, async () => {
    expect(await hasPgvector(getDb())).toBe(kind === "pglite");
  });

  it("brings in a memory near in meaning that full-text cannot find", async () => {
    const db = getDb();
    const userId = await userWithPhotography(db);
    expect(await embedPendingMemories(db, { userId, embedder })).toBe(61);
    const withEmbeddings = await selectMemoriesForPrompt(db, {
      userId,
      latestMessage: MESSAGE,
      tokenBudget: 400,
      embedder,
    });
    expect(topics(withEmbeddings)).toContain("photography");
    const fullTextOnly = await selectMemoriesForPrompt(db, {
      userId,
      latestMessage: MESSAGE,
      tokenBudget: 400,
      embedder: null,
    });
    expect(topics(fullTextOnly)).not.toContain("photography");
  });

  it("embeds a memory again after it is edited, and only then", async () => {
    const db = getDb();
    const userId = await userWithPhotography(db);
    await embedPendingMemories(db, { userId, embedder });
    expect(await embedPendingMemories(db, { userId, embedder })).toBe(0);
    await db
      .update(memories)
      .set({ detail: "is learning film photography" })
      .where(and(eq(memories.userId, userId), eq(memories.topic, "photography")));
    expect(await embedPendingMemories(db, { userId, embedder })).toBe(1);
    const rows = await db
      .select({ model: memoryEmbeddings.model })
      .from(memoryEmbeddings)
      .where(eq(memoryEmbeddings.userId, userId));
    expect(rows).toHaveLength(61);
  });

  it("does not wait for a slow embedding endpoint: the reply goes on with full-text", async () => {
    const db = getDb();
    const userId = await userWithPhotography(db);
    const stuck: Embedder = {
      modelId: "stuck",
      timeoutMs: 150,
      embedMany: () => new Promise(() => {}),
      embedOne: (_text, signal) =>
        new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason))),
    };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const started = performance.now();
    const selected = await selectMemoriesForPrompt(db, {
      userId,
      latestMessage: "any tips about the quarterly dashboard?",
      tokenBudget: 400,
      embedder: stuck,
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(selected.length).toBeGreaterThan(3);
    expect(warn.mock.calls.flat().join(" ")).not.toContain("dashboard");
    warn.mockRestore();
  });
});

it("is off without EMBEDDING_MODEL, and on with it", () => {
  expect(embedderFromEnv(parseEnv({}))).toBeNull();
  expect(
    embedderFromEnv(
      parseEnv({ EMBEDDING_MODEL: "nomic-embed-text", OPENAI_BASE_URL: "http://127.0.0.1:1/v1" }),
    )?.modelId,
  ).toBe("nomic-embed-text");
});
