import { expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { selectMemoriesForPrompt } from "./prompt-memories";
import { createUser, seedMemories } from "./testing/fixtures";

const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 0, minute));

/** More memories than a 400-token prompt holds, all newer and more confident than the target. */
const filler = Array.from({ length: 60 }, (_, i) => ({
  category: "other",
  topic: `catatan ${i}`,
  detail: `quarterly dashboard note number ${i} for the finance team`,
  confidenceScore: 0.9,
  lastSeenAt: at(100 + i),
}));

async function promptTopicsFor(
  db: Database,
  memory: { category: string; topic: string; detail: string },
  message: string,
): Promise<string[]> {
  const userId = await createUser(db);
  await seedMemories(db, userId, [
    ...filler,
    { ...memory, confidenceScore: 0.55, lastSeenAt: at(0) },
  ]);
  const selected = await selectMemoriesForPrompt(db, {
    userId,
    latestMessage: message,
    tokenBudget: 400,
  });
  return selected.map((selectedMemory) => selectedMemory.topic);
}

describeWithDatabase("prompt memories: language-aware retrieval", (getDb) => {
  it.each([
    [
      "bekerja → kerja",
      { category: "work", topic: "job", detail: "bekerja sebagai perawat" },
      "gimana cara minta cuti di tempat kerja?",
    ],
    [
      "makanan → makan",
      { category: "food", topic: "rendang", detail: "makanan favorit: rendang" },
      "rekomendasi tempat makan enak dong",
    ],
    [
      "membaca → bacaan",
      { category: "hobbies", topic: "novel", detail: "suka membaca novel" },
      "rekomendasi bacaan buat liburan",
    ],
    [
      "memasak → masakan",
      { category: "food", topic: "memasak", detail: "sedang belajar memasak" },
      "resep masakan sederhana buat pemula",
    ],
    [
      "berenang → renang",
      { category: "hobbies", topic: "berenang", detail: "suka berenang" },
      "kolam renang yang bagus di Jakarta di mana?",
    ],
    [
      "bekerja → kerjaan",
      { category: "work", topic: "employer", detail: "bekerja di Shopee" },
      "kerjaan numpuk terus, gimana biar nggak burnout?",
    ],
  ])("finds an Indonesian memory by another inflection (%s)", async (_, memory, message) => {
    expect(await promptTopicsFor(getDb(), memory, message)).toContain(memory.topic);
  });

  it.each([
    [
      "nurse → nursing",
      { category: "work", topic: "job", detail: "works as a nurse" },
      "any tips for surviving nursing night shifts?",
    ],
    [
      "hiking → hikes",
      { category: "hobbies", topic: "trails", detail: "loves hiking" },
      "best hikes around here for a Saturday?",
    ],
    [
      "cooking → cooked",
      { category: "food", topic: "kitchen", detail: "is learning cooking" },
      "I cooked rice and it came out mushy, what went wrong?",
    ],
  ])("finds an English memory by another inflection (%s)", async (_, memory, message) => {
    expect(await promptTopicsFor(getDb(), memory, message)).toContain(memory.topic);
  });

  it("still leaves an unrelated memory out when the prompt is full", async () => {
    const topics = await promptTopicsFor(
      getDb(),
      { category: "food", topic: "rendang", detail: "makanan favorit: rendang" },
      "kolam renang yang bagus di Jakarta di mana?",
    );
    expect(topics).not.toContain("rendang");
  });
});
