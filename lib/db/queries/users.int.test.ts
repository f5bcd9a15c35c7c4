import { expect, it } from "vitest";
import { applyExtraction } from "@/lib/memory/apply";
import { createMemory, deleteMemory } from "@/lib/memory/mutations";
import {
  createTurn,
  createUser,
  output,
  preference,
  THRESHOLDS,
} from "@/lib/memory/testing/fixtures";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { rowsPerTable } from "@/lib/testing/user-rows";
import { memoryDistinctPairs, memoryEmbeddings } from "../schema";
import { hitRateLimit } from "./rate-limit";
import { deleteUser, findUserById, setLanguage } from "./users";

describeWithDatabase("deleting an account", (getDb) => {
  it("removes every row of that user in every table, and nothing of another user", async () => {
    const db = getDb();
    const userId = await createUser(db, "leaving");
    const otherId = await createUser(db, "staying");
    for (const id of [userId, otherId]) {
      const turn = await createTurn(db, { userId: id, userMessage: "I work as a nurse" });
      await db.transaction((tx) =>
        applyExtraction(tx, {
          userId: id,
          jobId: turn.jobId,
          chatId: turn.chatId,
          userMessageId: turn.userMessageId,
          observedAt: turn.observedAt,
          userMessage: turn.userMessage,
          output: output([
            preference({
              category: "work",
              topic: "job",
              detail: "nurse",
              source_text: "I work as a nurse",
            }),
          ]),
          thresholds: THRESHOLDS,
        }),
      );
      const tea = await createMemory(db, id, {
        type: "interest",
        category: "food",
        topic: "tea",
        detail: "tea",
      });
      const juice = await createMemory(db, id, {
        type: "interest",
        category: "food",
        topic: "juice",
        detail: "juice",
      });
      // "Keep both" on a likely duplicate, and an embedding for semantic retrieval.
      const [first = tea.id, second = juice.id] = [tea.id, juice.id].sort();
      await db.insert(memoryDistinctPairs).values({
        userId: id,
        firstMemoryId: first,
        secondMemoryId: second,
      });
      await db.insert(memoryEmbeddings).values({
        memoryId: tea.id,
        userId: id,
        model: "test-embedding",
        contentHash: "tea",
        embedding: [0.1, 0.2, 0.3],
      });
      const coffee = await createMemory(db, id, {
        type: "interest",
        category: "food",
        topic: "coffee",
        detail: "coffee",
      });
      await deleteMemory(db, id, coffee.id, { undoSeconds: 600 }); // kept for Undo meanwhile
      await hitRateLimit(db, { userId: id, bucket: "chat", limit: 10, windowSeconds: 60 });
    }
    const before = await rowsPerTable(db, userId);
    expect(Object.values(before).every((count) => count > 0)).toBe(true);

    expect(await deleteUser(db, { userId })).toBe(true);

    expect(await findUserById(db, userId)).toBeUndefined();
    const after = await rowsPerTable(db, userId);
    expect(Object.values(after).every((count) => count === 0)).toBe(true);
    expect(await rowsPerTable(db, otherId)).toEqual(before);
    expect(await deleteUser(db, { userId })).toBe(false);
  });
});

describeWithDatabase("the UI language of an account", (getDb) => {
  it("is kept per user, and cleared back to following the browser", async () => {
    const db = getDb();
    const userId = await createUser(db, "bahasa");
    const otherId = await createUser(db, "english");
    expect((await findUserById(db, userId))?.language).toBeNull();
    await setLanguage(db, { userId, language: "id" });
    expect((await findUserById(db, userId))?.language).toBe("id");
    expect((await findUserById(db, otherId))?.language).toBeNull();
    await setLanguage(db, { userId, language: null });
    expect((await findUserById(db, userId))?.language).toBeNull();
  });
});
