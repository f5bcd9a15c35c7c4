import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { searchChats, toPrefixQuery } from "./chat-search";
import { deleteStaleTemporaryChats, ensureChat, findChat, listChats } from "./chats";
import { saveAssistantMessage, saveUserMessage } from "./messages";
import { insertUser } from "./users";

describe("toPrefixQuery", () => {
  it("keeps words only, each as a prefix", () => {
    expect(toPrefixQuery("Ferry  sched")).toBe("ferry:* & sched:*");
    expect(toPrefixQuery("a & | ! :* ( ' \\")).toBe("a:*");
    expect(toPrefixQuery("!!! ")).toBeNull();
    expect(toPrefixQuery("saya tinggal di Bandung")).toBe("saya:* & tinggal:* & di:* & bandung:*");
    expect(toPrefixQuery("x".repeat(5000))).toBe(`${"x".repeat(64)}:*`);
  });
});

describeWithDatabase("search chats", (getDb) => {
  const newUser = () =>
    insertUser(getDb(), { email: `${randomUUID()}@example.com`, passwordHash: "x" });
  const chatWith = async (
    userId: string,
    title: string,
    texts: string[],
    options: { temporary?: boolean } = {},
  ) => {
    const chatId = randomUUID();
    await ensureChat(getDb(), { userId, chatId, title, ...options });
    const ids: string[] = [];
    for (const [index, text] of texts.entries()) {
      const id = randomUUID();
      ids.push(id);
      if (index % 2 === 0) await saveUserMessage(getDb(), { id, userId, chatId, text });
      else await saveAssistantMessage(getDb(), { id, userId, chatId, text, status: "complete" });
    }
    return { chatId, ids };
  };

  it("finds message text and titles, one result per chat, linked to the best message", async () => {
    const user = await newUser();
    const trip = await chatWith(user.id, "Trip to Flores", [
      "Plan a trip",
      "Here is a plan",
      "The ferry schedule to the Komodo islands",
      "Ferries leave daily",
    ]);
    const other = await chatWith(user.id, "Cooking", ["A bread recipe", "Flour, water, salt"]);

    const byText = await searchChats(getDb(), { userId: user.id, query: "komodo" });
    expect(byText).toEqual([
      {
        chatId: trip.chatId,
        title: "Trip to Flores",
        messageId: trip.ids[2],
        text: "The ferry schedule to the Komodo islands",
      },
    ]);
    // A prefix, as typed.
    expect((await searchChats(getDb(), { userId: user.id, query: "bre" }))[0]?.chatId).toBe(
      other.chatId,
    );
    // The title alone.
    expect(await searchChats(getDb(), { userId: user.id, query: "flores" })).toEqual([
      { chatId: trip.chatId, title: "Trip to Flores", messageId: null, text: null },
    ]);
    // Several words must all match the same message.
    expect(await searchChats(getDb(), { userId: user.id, query: "ferry bread" })).toEqual([]);
  });

  it("never finds another user's chats or any temporary chat", async () => {
    const owner = await newUser();
    const intruder = await newUser();
    await chatWith(owner.id, "Secret plans", ["my secret zanzibar plans", "ok"]);
    await chatWith(owner.id, "Temporary", ["a temporary quokka"], { temporary: true });
    expect(await searchChats(getDb(), { userId: intruder.id, query: "zanzibar" })).toEqual([]);
    expect(await searchChats(getDb(), { userId: intruder.id, query: "secret" })).toEqual([]);
    expect(await searchChats(getDb(), { userId: owner.id, query: "zanzibar" })).toHaveLength(1);
    expect(await searchChats(getDb(), { userId: owner.id, query: "quokka" })).toEqual([]);
  });

  it("answers hostile queries without an error", async () => {
    const user = await newUser();
    await chatWith(user.id, "Anything", ["some text"]);
    for (const query of ["'", "a & | ! :* (", "x".repeat(5000), "\\", "\u0000", "", "🙂"]) {
      await expect(searchChats(getDb(), { userId: user.id, query })).resolves.toBeInstanceOf(Array);
    }
  });
});

describeWithDatabase("temporary chats", (getDb) => {
  it("are not listed, and the sweep deletes the old ones only", async () => {
    const user = await insertUser(getDb(), {
      email: `${randomUUID()}@example.com`,
      passwordHash: "x",
    });
    const kept = randomUUID();
    const temporary = randomUUID();
    await ensureChat(getDb(), { userId: user.id, chatId: kept, title: "Kept" });
    await ensureChat(getDb(), { userId: user.id, chatId: temporary, temporary: true });
    expect((await listChats(getDb(), user.id)).map((chat) => chat.id)).toEqual([kept]);

    expect(await deleteStaleTemporaryChats(getDb(), { createdBefore: new Date(0) })).toBe(0);
    expect(await findChat(getDb(), { userId: user.id, chatId: temporary })).toBeDefined();
    const later = new Date(Date.now() + 60_000);
    expect(await deleteStaleTemporaryChats(getDb(), { createdBefore: later })).toBeGreaterThan(0);
    expect(await findChat(getDb(), { userId: user.id, chatId: temporary })).toBeUndefined();
    expect(await findChat(getDb(), { userId: user.id, chatId: kept })).toBeDefined();
  });
});
