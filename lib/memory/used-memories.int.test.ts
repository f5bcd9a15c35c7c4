/**
 * "Used N memories": a reply keeps the memories its prompt carried, as they read then; the
 * memories count their uses; forgetting one strips its words from the replies (Undo puts them
 * back), and reading a chat shows a forgotten one as forgotten.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { saveFinishedTurn } from "@/lib/chat/save-turn";
import type { Database } from "@/lib/db/open";
import { chats, memories, messages } from "@/lib/db/schema";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { restoreForgotten } from "./forget";
import { createMemory, deleteAllMemories, deleteMemory, editMemory } from "./mutations";
import { selectMemoriesForPrompt } from "./prompt-memories";
import { getMemory, listMemories } from "./queries";
import { createUser } from "./testing/fixtures";
import { recordMemoryUse, usedMemoriesOf, viewUsedMemories } from "./used-memories";

const UNDO = { undoSeconds: 600 };

/**
 * A turn answered with whatever the prompt selection picks for `text`, as the reply path does;
 * saving it counts the use of each memory it carried.
 */
async function answer(db: Database, userId: string, text: string) {
  const [chat] = await db.insert(chats).values({ userId }).returning({ id: chats.id });
  if (!chat) throw new Error("no chat");
  const [userMessage] = await db
    .insert(messages)
    .values({ chatId: chat.id, userId, role: "user", parts: [{ type: "text", text }] })
    .returning();
  if (!userMessage) throw new Error("no message");
  const selected = await selectMemoriesForPrompt(db, { userId, latestMessage: text });
  const turn = await saveFinishedTurn(db, {
    userId,
    chatId: chat.id,
    userMessage,
    assistantMessageId: randomUUID(),
    replyText: "Noted.",
    status: "complete",
    titleSource: text,
    extract: false,
    usedMemories: usedMemoriesOf(selected),
    streamId: randomUUID(),
  });
  return turn.assistantMessageId;
}

async function shown(db: Database, userId: string, messageId: string) {
  const rows = await db
    .select({ id: messages.id, usedMemories: messages.usedMemories })
    .from(messages)
    .where(eq(messages.id, messageId));
  return (await viewUsedMemories(db, userId, rows)).get(messageId) ?? [];
}

async function storedText(db: Database, messageId: string): Promise<string> {
  const [row] = await db
    .select({ text: sql<string>`coalesce(${messages.usedMemories}::text, '')` })
    .from(messages)
    .where(eq(messages.id, messageId));
  return row?.text ?? "";
}

describeWithDatabase("used memories", (getDb) => {
  it("keeps what the prompt carried with the reply, as it read then, and counts each use", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const city = await createMemory(db, userId, {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "Bandung",
    });
    const pet = await createMemory(db, userId, {
      type: "fact",
      category: "family",
      topic: "pet",
      detail: "a cat called Miso",
    });

    const first = await answer(db, userId, "What should I cook tonight?");
    await editMemory(db, userId, city.id, { detail: "Surabaya" });
    const second = await answer(db, userId, "And tomorrow?");

    const firstUsed = await shown(db, userId, first);
    expect(firstUsed).toHaveLength(2);
    expect(firstUsed).toContainEqual(
      expect.objectContaining({ id: city.id, detail: "Bandung", forgotten: false }),
    );
    expect(await shown(db, userId, second)).toContainEqual(
      expect.objectContaining({ id: city.id, detail: "Surabaya", forgotten: false }),
    );
    const counted = await getMemory(db, userId, pet.id);
    expect(counted.useCount).toBe(2);
    expect(counted.lastUsedAt).not.toBeNull();
  });

  it("records nothing for a reply that used no memories", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const messageId = await answer(db, userId, "Hello");
    expect(await shown(db, userId, messageId)).toEqual([]);
    expect(await storedText(db, messageId)).toBe("");
  });

  it("counts only the user's own memories, whatever ids it is given", async () => {
    const db = getDb();
    const owner = await createUser(db, "owner");
    const other = await createUser(db, "other");
    const memory = await createMemory(db, owner, {
      type: "fact",
      category: "work",
      topic: "job",
      detail: "nurse",
    });
    await recordMemoryUse(db, { userId: other, memoryIds: [memory.id] });
    expect((await getMemory(db, owner, memory.id)).useCount).toBe(0);
  });

  it("forgetting strips the memory's words from the replies; Undo puts them back", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const city = await createMemory(db, userId, {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "Surabaya",
    });
    const job = await createMemory(db, userId, {
      type: "fact",
      category: "work",
      topic: "job",
      detail: "nurse",
    });
    const messageId = await answer(db, userId, "Plan my weekend");

    const receipt = await deleteMemory(db, userId, city.id, UNDO);
    expect(await shown(db, userId, messageId)).toEqual(
      expect.arrayContaining([
        { id: city.id, forgotten: true },
        expect.objectContaining({ id: job.id, detail: "nurse", forgotten: false }),
      ]),
    );
    expect((await storedText(db, messageId)).toLowerCase()).not.toContain("surabaya");

    if (!receipt.undoToken) throw new Error("no undo token");
    await restoreForgotten(db, { userId, undoToken: receipt.undoToken });
    expect(await shown(db, userId, messageId)).toContainEqual(
      expect.objectContaining({ id: city.id, detail: "Surabaya", forgotten: false }),
    );
    expect((await getMemory(db, userId, city.id)).useCount).toBe(1);
  });

  it("Delete all leaves the replies only the ids of what they used", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const city = await createMemory(db, userId, {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "Surabaya",
    });
    const messageId = await answer(db, userId, "Plan my weekend");
    await deleteAllMemories(db, userId);
    expect(await shown(db, userId, messageId)).toEqual([{ id: city.id, forgotten: true }]);
    expect((await storedText(db, messageId)).toLowerCase()).not.toContain("surabaya");
  });

  it("ranks the list by most used or last used, across types", async () => {
    const db = getDb();
    const userId = await createUser(db);
    const add = (type: "fact" | "goal", topic: string) =>
      createMemory(db, userId, { type, category: "other", topic, detail: topic });
    const rarely = await add("fact", "rarely");
    const often = await add("goal", "often");
    const never = await add("fact", "never");
    await recordMemoryUse(db, { userId, memoryIds: [often.id] });
    await recordMemoryUse(db, { userId, memoryIds: [often.id] });
    await recordMemoryUse(db, { userId, memoryIds: [rarely.id] });
    // PGlite's clock can give two statements in a row the same time; "rarely" was used last.
    await db
      .update(memories)
      .set({ lastUsedAt: sql`${memories.lastUsedAt} - interval '1 minute'` })
      .where(eq(memories.id, often.id));

    const topics = async (sort: "newest" | "last_used" | "most_used") =>
      (await listMemories(db, userId, { sort })).memories.map((memory) => memory.topic);
    expect(await topics("most_used")).toEqual(["often", "rarely", "never"]);
    expect(await topics("last_used")).toEqual(["rarely", "often", "never"]);
    expect((await topics("newest")).at(-1)).toBe(often.topic); // goals after facts
    expect(never.useCount).toBe(0);
  });
});
