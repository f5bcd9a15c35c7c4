import { expect, it } from "vitest";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { restoreForgotten } from "./forget";
import { importPastedText } from "./import-text";
import { createMemory, deleteMemory } from "./mutations";
import { exportMemories } from "./queries";
import { createUser, output, preference, THRESHOLDS } from "./testing/fixtures";

/** What ChatGPT answers to "what do you know about me?". */
export const CHATGPT_ANSWER = `Here's what I know about you so far:

- You live in Bandung, Indonesia.
- You work as a nurse at a children's hospital.
- Your sister is a pilot.
- You're learning Japanese and hope to pass the JLPT N3.
- If you were a chef, you would cook ramen.

Let me know if you'd like me to update anything!`;

const items = [
  preference({
    category: "location",
    topic: "city",
    detail: "lives in Bandung",
    source_text: "You live in Bandung, Indonesia",
    confidence_score: 0.95,
  }),
  preference({
    category: "work",
    topic: "job",
    detail: "works as a nurse",
    source_text: "You work as a nurse at a children's hospital",
    confidence_score: 0.95,
    explicit: true,
  }),
  preference({
    type: "goal",
    category: "language",
    topic: "japanese",
    detail: "learning Japanese",
    source_text: "You're learning Japanese",
  }),
  // Someone else's job, a hypothetical and an invented fact: refused by the gate.
  preference({
    category: "work",
    topic: "sister job",
    detail: "pilot",
    source_text: "Your sister is a pilot",
  }),
  preference({
    category: "food",
    topic: "ramen",
    detail: "cooks ramen",
    source_text: "you would cook ramen",
  }),
  preference({
    category: "pets",
    topic: "cat",
    detail: "has a cat",
    source_text: "You have a cat",
  }),
];

describeWithDatabase("import of text pasted from another assistant", (getDb) => {
  it("puts what the gate accepts in Review as imported suggestions, never active", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const result = await importPastedText(db, {
      userId,
      text: CHATGPT_ANSWER,
      output: output(items, [
        { category: "location", topic: "city", source_text: "You live in Bandung" },
      ]),
      thresholds: THRESHOLDS,
    });
    expect(result.suggestions.map((row) => row.topic).sort()).toEqual(["city", "japanese", "job"]);
    expect(result.rejected).toBe(4);
    const stored = (await exportMemories(db, userId)).memories;
    expect(stored).toHaveLength(3);
    for (const memory of stored) {
      expect(memory).toMatchObject({ status: "suggested", source: "inferred", imported: true });
      expect(memory.history.map((entry) => entry.action)).toEqual(["imported"]);
    }
  });

  it("offers a change to a memory the user has, and skips what they already have", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const own = await createMemory(db, userId, {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "lives in Jakarta",
    });
    const first = await importPastedText(db, {
      userId,
      text: CHATGPT_ANSWER,
      output: output(items.slice(0, 1)),
      thresholds: THRESHOLDS,
    });
    expect(first.suggestions[0]).toMatchObject({
      detail: "lives in Bandung",
      replacesMemoryId: own.id,
    });
    const again = await importPastedText(db, {
      userId,
      text: CHATGPT_ANSWER,
      output: output(items.slice(0, 1)),
      thresholds: THRESHOLDS,
      now: first.suggestions[0]?.observedAt,
    });
    expect(again).toMatchObject({ suggestions: [], skipped: 1 });
    const stored = (await exportMemories(db, userId)).memories;
    expect(stored.map((memory) => [memory.status, memory.detail])).toEqual([
      ["active", "lives in Jakarta"],
      ["suggested", "lives in Bandung"],
    ]);
  });

  it("an imported suggestion deleted and brought back with Undo is still marked imported", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const { suggestions } = await importPastedText(db, {
      userId,
      text: CHATGPT_ANSWER,
      output: output(items.slice(0, 1)),
      thresholds: THRESHOLDS,
    });
    const [suggestion] = suggestions;
    if (!suggestion) throw new Error("no suggestion");
    const receipt = await deleteMemory(db, userId, suggestion.id, { undoSeconds: 600 });
    const restored = await restoreForgotten(db, { userId, undoToken: receipt.undoToken ?? "" });
    expect(restored).toMatchObject({ id: suggestion.id, imported: true, status: "suggested" });
  });
});
