import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { checkChatTurn } from "./chat-turn";
import { deleteChat, ensureChat, getChat, listChats, renameChat, touchChat } from "./chats";
import { listMessages, saveAssistantMessage, saveUserMessage } from "./messages";
import { hitRateLimit } from "./rate-limit";
import { insertUser, setMemoryEnabled } from "./users";

describeWithDatabase("chats and messages", (getDb) => {
  const newUser = () =>
    insertUser(getDb(), { email: `${randomUUID()}@example.com`, passwordHash: "x" });

  it("lists a user's chats newest first, named after the first message", async () => {
    const user = await newUser();
    const first = randomUUID();
    const second = randomUUID();
    await ensureChat(getDb(), { userId: user.id, chatId: first });
    await ensureChat(getDb(), { userId: user.id, chatId: second });
    await touchChat(getDb(), { userId: user.id, chatId: first, titleIfUnnamed: "Trip to Bali" });
    const chats = await listChats(getDb(), user.id);
    expect(chats.map((chat) => chat.id)).toEqual([first, second]);
    expect(chats[0]?.title).toBe("Trip to Bali");
    await touchChat(getDb(), { userId: user.id, chatId: first, titleIfUnnamed: "Something else" });
    expect((await getChat(getDb(), { userId: user.id, chatId: first })).title).toBe("Trip to Bali");
  });

  it("treats another user's chat as not found, for every operation", async () => {
    const owner = await newUser();
    const intruder = await newUser();
    const chatId = randomUUID();
    await ensureChat(getDb(), { userId: owner.id, chatId });
    await saveUserMessage(getDb(), { id: randomUUID(), userId: owner.id, chatId, text: "private" });

    const ids = { userId: intruder.id, chatId };
    await expect(getChat(getDb(), ids)).rejects.toMatchObject({ code: "not_found" });
    await expect(ensureChat(getDb(), ids)).rejects.toMatchObject({ code: "not_found" });
    await expect(renameChat(getDb(), { ...ids, title: "x" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(deleteChat(getDb(), ids)).rejects.toMatchObject({ code: "not_found" });
    expect(await listMessages(getDb(), ids)).toEqual([]);
    expect(await listChats(getDb(), intruder.id)).toEqual([]);
    expect(await listMessages(getDb(), { userId: owner.id, chatId })).toHaveLength(1);
  });

  it("keeps one copy of a message sent twice (Retry)", async () => {
    const user = await newUser();
    const chatId = randomUUID();
    await ensureChat(getDb(), { userId: user.id, chatId });
    const id = randomUUID();
    await saveUserMessage(getDb(), { id, userId: user.id, chatId, text: "hello" });
    await saveUserMessage(getDb(), { id, userId: user.id, chatId, text: "hello" });
    await saveAssistantMessage(getDb(), {
      id: randomUUID(),
      userId: user.id,
      chatId,
      text: "hi!",
      status: "complete",
    });
    const messages = await listMessages(getDb(), { userId: user.id, chatId });
    expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
  });

  it("deleting a chat deletes its messages", async () => {
    const user = await newUser();
    const chatId = randomUUID();
    await ensureChat(getDb(), { userId: user.id, chatId });
    await saveUserMessage(getDb(), { id: randomUUID(), userId: user.id, chatId, text: "bye" });
    await deleteChat(getDb(), { userId: user.id, chatId });
    expect(await listMessages(getDb(), { userId: user.id, chatId })).toEqual([]);
  });

  it("rate-limits per user within the window", async () => {
    const user = await newUser();
    const other = await newUser();
    const hit = (userId: string) =>
      hitRateLimit(getDb(), { userId, bucket: "chat", limit: 3, windowSeconds: 60 });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hit(user.id));
    expect(results.map((result) => result.allowed)).toEqual([true, true, true, false]);
    expect(results[3]?.retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3]?.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await hit(other.id)).allowed).toBe(true);
  });

  it("counts concurrent requests exactly", async () => {
    const user = await newUser();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        hitRateLimit(getDb(), { userId: user.id, bucket: "burst", limit: 5, windowSeconds: 60 }),
      ),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(5);
  });

  it("checks a chat turn in one statement: rate, memory switch, and whose chat it is", async () => {
    const owner = await newUser();
    const intruder = await newUser();
    const chatId = randomUUID();
    await ensureChat(getDb(), { userId: owner.id, chatId });
    await setMemoryEnabled(getDb(), intruder.id, false);
    const check = (userId: string, id: string) =>
      checkChatTurn(getDb(), { userId, chatId: id, limit: 2, windowSeconds: 60 });

    expect(await check(owner.id, chatId)).toMatchObject({
      rate: { allowed: true },
      memoryEnabled: true,
      chat: "mine",
    });
    expect(await check(intruder.id, chatId)).toMatchObject({
      memoryEnabled: false,
      chat: "not_mine",
    });
    expect((await check(owner.id, randomUUID())).chat).toBe("new");
    expect((await check(owner.id, chatId)).rate.allowed).toBe(false);
    expect((await check(randomUUID(), chatId)).memoryEnabled).toBeNull();
  });
});
