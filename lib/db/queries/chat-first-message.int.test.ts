import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { ensureChat, findChat, insertChatWithFirstMessage, listChats } from "./chats";
import { listMessages, saveUserMessage } from "./messages";
import { insertUser } from "./users";

describeWithDatabase("a new chat and its first message in one statement", (getDb) => {
  const newUser = () =>
    insertUser(getDb(), { email: `${randomUUID()}@example.com`, passwordHash: "x" });
  const lease = () => ({ streamId: randomUUID(), seconds: 60 });
  const newChat = (userId: string, chatId = randomUUID()) => ({
    userId,
    chatId,
    title: "Trip to Bali",
    temporary: false,
    replyLease: lease(),
  });

  it("creates the chat, named and holding the reply's lease, with the message in it", async () => {
    const user = await newUser();
    const chat = newChat(user.id);
    const message = { id: randomUUID(), userId: user.id, chatId: chat.chatId, text: "Hi there" };
    const saved = await insertChatWithFirstMessage(getDb(), chat, message);
    expect(saved).toMatchObject({ id: message.id, role: "user", chatId: chat.chatId });
    expect(saved?.createdAt).toBeInstanceOf(Date);
    const stored = await findChat(getDb(), { userId: user.id, chatId: chat.chatId });
    expect(stored).toMatchObject({
      title: "Trip to Bali",
      replyStreamId: chat.replyLease.streamId,
    });
    expect(await listMessages(getDb(), { userId: user.id, chatId: chat.chatId })).toHaveLength(1);
  });

  it("changes nothing when the chat id is another user's: no message lands in their chat", async () => {
    const owner = await newUser();
    const intruder = await newUser();
    const chatId = randomUUID();
    await ensureChat(getDb(), { userId: owner.id, chatId });
    const message = { id: randomUUID(), userId: intruder.id, chatId, text: "planted" };
    expect(await insertChatWithFirstMessage(getDb(), newChat(intruder.id, chatId), message)).toBe(
      null,
    );
    expect(await listMessages(getDb(), { userId: owner.id, chatId })).toEqual([]);
    expect(await listMessages(getDb(), { userId: intruder.id, chatId })).toEqual([]);
    expect(await listChats(getDb(), intruder.id)).toEqual([]);
  });

  it("leaves no empty chat behind when the message id is in use", async () => {
    const user = await newUser();
    const other = await newUser();
    const otherChat = randomUUID();
    await ensureChat(getDb(), { userId: other.id, chatId: otherChat });
    const takenId = randomUUID();
    await saveUserMessage(getDb(), { id: takenId, userId: other.id, chatId: otherChat, text: "x" });
    const chat = newChat(user.id);
    const message = { id: takenId, userId: user.id, chatId: chat.chatId, text: "forged id" };
    expect(await insertChatWithFirstMessage(getDb(), chat, message)).toBe(null);
    expect(await findChat(getDb(), { userId: user.id, chatId: chat.chatId })).toBeUndefined();
  });

  it("lets only one of two sends of the same new chat create it", async () => {
    const user = await newUser();
    const chatId = randomUUID();
    const send = () =>
      insertChatWithFirstMessage(getDb(), newChat(user.id, chatId), {
        id: randomUUID(),
        userId: user.id,
        chatId,
        text: "twice",
      });
    const outcomes = await Promise.all([send(), send()]);
    expect(outcomes.filter((saved) => saved !== null)).toHaveLength(1);
    expect(await listMessages(getDb(), { userId: user.id, chatId })).toHaveLength(1);
  });
});
