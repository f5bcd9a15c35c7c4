import { expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { countMemoriesThatFit, estimateTokens, selectMemoriesForPrompt } from "./prompt-memories";
import { createUser, seedMemories } from "./testing/fixtures";

const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 0, minute));

/** Filler memories, each line about 40 tokens, none mentioning food. */
function filler(count: number, fields: { confidenceScore?: number } = {}) {
  return Array.from({ length: count }, (_, i) => ({
    category: "work",
    topic: `project ${i}`,
    detail: `worked on internal project number ${i} involving quarterly reporting dashboards`,
    confidenceScore: fields.confidenceScore ?? 0.9,
    lastSeenAt: at(i),
  }));
}

const select = (db: Database, userId: string, latestMessage: string, tokenBudget = 800) =>
  selectMemoriesForPrompt(db, { userId, latestMessage, tokenBudget });

describeWithDatabase("selectMemoriesForPrompt", (getDb) => {
  it("returns all active memories when they fit: confirmed first, then confidence, then recency", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const other = await createUser(db);
    await seedMemories(db, other, [{ topic: "secret plan", detail: "someone else's" }]);
    await seedMemories(db, userId, [
      { topic: "low", detail: "b", confidenceScore: 0.6, lastSeenAt: at(5) },
      { topic: "high old", detail: "c", confidenceScore: 0.95, lastSeenAt: at(1) },
      { topic: "high new", detail: "d", confidenceScore: 0.95, lastSeenAt: at(2) },
      { topic: "confirmed", detail: "e", confidenceScore: 0.7, confirmedAt: at(3) },
      { topic: "explicit", detail: "f", source: "explicit", confidenceScore: 1, lastSeenAt: at(0) },
      { topic: "pending", detail: "g", status: "suggested", confidenceScore: 0.99 },
    ]);
    const selected = await select(db, userId, "hello");
    expect(selected.map((memory) => memory.topic)).toEqual([
      "explicit",
      "confirmed",
      "high new",
      "high old",
      "low",
    ]);
    expect(selected[0]).toEqual({
      id: expect.any(String),
      type: "fact",
      category: "other",
      topic: "explicit",
      detail: "f",
    });
  });

  it("returns nothing for a user without memories", async () => {
    const db = getDb();
    const userId = await createUser(db);
    expect(await select(db, userId, "what do you remember about me?")).toEqual([]);
  });

  it("stays within the budget and brings in what the latest message is about", async () => {
    const db = getDb();
    const userId = await createUser(db);
    await seedMemories(db, userId, [
      ...filler(60),
      {
        type: "dislike",
        category: "food",
        topic: "cilantro",
        detail: "cannot stand cilantro in any dish",
        confidenceScore: 0.55,
        lastSeenAt: at(0),
      },
      {
        category: "family",
        topic: "daughter",
        detail: "has a daughter named Sari",
        confirmedAt: at(1),
        confidenceScore: 0.7,
      },
    ]);
    const budget = 400;
    const selected = await select(
      db,
      userId,
      "Any ideas for a Thai dish without cilantro?!",
      budget,
    );
    const used = selected.reduce((sum, memory) => sum + estimateTokens(memory), 0);
    expect(used).toBeLessThanOrEqual(budget);
    expect(selected.length).toBeGreaterThan(3);
    const topics = selected.map((memory) => memory.topic);
    // The confirmed fact comes first, the relevant one is included despite its low confidence.
    expect(topics[0]).toBe("daughter");
    expect(topics).toContain("cilantro");
    // The rest is filled by importance: the most recent of the equally confident filler.
    expect(topics).toContain("project 59");
    expect(topics).not.toContain("project 0");
  });

  it("never fails on punctuation or query syntax in the message", async () => {
    const db = getDb();
    const userId = await createUser(db);
    await seedMemories(db, userId, filler(40));
    for (const message of [
      "",
      "!!!",
      `"unterminated 'quote`,
      "-not & this | that :* (<->) or OR and",
      "project)); drop table memories; --",
      "🍣 寿司 sushi? ok",
    ]) {
      const selected = await select(db, userId, message, 200);
      expect(selected.length).toBeGreaterThan(0);
    }
  });

  it("copes with 10,000 memories of one user", async () => {
    const db = getDb();
    const userId = await createUser(db);
    for (let batch = 0; batch < 10; batch += 1) {
      await seedMemories(
        db,
        userId,
        Array.from({ length: 1000 }, (_, i) => ({
          category: ["work", "food", "travel", "media"][i % 4] ?? "other",
          topic: `topic ${batch}-${i}`,
          detail: `remembered detail ${batch * 1000 + i} about ${["jazz", "ramen", "Bali", "anime"][i % 4]}`,
          confidenceScore: 0.5 + (i % 50) / 100,
          lastSeenAt: at(i % 500),
        })),
      );
    }
    await seedMemories(db, userId, [
      {
        category: "tech",
        topic: "editor",
        detail: "uses Neovim",
        confidenceScore: 0.5,
        lastSeenAt: at(0),
      },
    ]);
    const selected = await select(db, userId, "Which Neovim plugins should I try?");
    expect(selected.map((memory) => memory.topic)).toContain("editor");
    const used = selected.reduce((sum, memory) => sum + estimateTokens(memory), 0);
    expect(used).toBeLessThanOrEqual(800);
  });

  it("counts how many memories fit in each reply: as many as a reply with nothing relevant gets", async () => {
    const db = getDb();
    const userId = await createUser(db);
    expect(await countMemoriesThatFit(db, userId)).toBe(0);
    await seedMemories(db, userId, filler(60));
    const fit = await countMemoriesThatFit(db, userId);
    expect(fit).toBeGreaterThan(5);
    expect(fit).toBeLessThan(60);
    expect(fit).toBe((await select(db, userId, "hello")).length);
    expect(await countMemoriesThatFit(db, userId, 100_000)).toBe(60);
  });
});
