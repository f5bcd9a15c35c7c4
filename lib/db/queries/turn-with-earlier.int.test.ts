import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { messages } from "../schema";
import { ensureChat } from "./chats";
import { findTurnWithEarlier, textOf } from "./messages";
import { insertUser } from "./users";

describeWithDatabase("a turn with the messages before it (the extraction job's read)", (getDb) => {
  async function chatWith(texts: string[]) {
    const user = await insertUser(getDb(), {
      email: `${randomUUID()}@example.com`,
      passwordHash: "x",
    });
    const chatId = randomUUID();
    await ensureChat(getDb(), { userId: user.id, chatId });
    const start = Date.now() - 60_000;
    const rows = texts.map((text, i) => ({
      id: randomUUID(),
      chatId,
      userId: user.id,
      role: i % 2 === 0 ? ("user" as const) : ("assistant" as const),
      parts: [{ type: "text" as const, text }],
      createdAt: new Date(start + i * 1000),
    }));
    await getDb().insert(messages).values(rows);
    return { userId: user.id, chatId, ids: rows.map((row) => row.id) };
  }
  const texts = (list: { parts: unknown }[]) => list.map((message) => textOf(message as never));

  it("returns the turn's two messages and the latest earlier ones, oldest first", async () => {
    const chat = await chatWith(["u1", "a1", "u2", "a2", "u3", "a3", "u4", "a4", "later"]);
    const read = await findTurnWithEarlier(getDb(), {
      userId: chat.userId,
      chatId: chat.chatId,
      userMessageId: chat.ids[6] ?? "",
      assistantMessageId: chat.ids[7] ?? "",
      earlier: 4,
    });
    expect(read.userMessage && textOf(read.userMessage)).toBe("u4");
    expect(read.assistantMessage && textOf(read.assistantMessage)).toBe("a4");
    expect(texts(read.earlier)).toEqual(["u2", "a2", "u3", "a3"]);
  });

  it("reads nothing of another user's chat", async () => {
    const chat = await chatWith(["secret", "reply", "u", "a"]);
    const intruder = await insertUser(getDb(), {
      email: `${randomUUID()}@example.com`,
      passwordHash: "x",
    });
    const read = await findTurnWithEarlier(getDb(), {
      userId: intruder.id,
      chatId: chat.chatId,
      userMessageId: chat.ids[2] ?? "",
      assistantMessageId: chat.ids[3] ?? "",
      earlier: 4,
    });
    expect(read).toEqual({ userMessage: undefined, assistantMessage: undefined, earlier: [] });
  });

  it("reports a deleted user message as gone, with no earlier messages", async () => {
    const chat = await chatWith(["u1", "a1"]);
    const read = await findTurnWithEarlier(getDb(), {
      userId: chat.userId,
      chatId: chat.chatId,
      userMessageId: randomUUID(),
      assistantMessageId: chat.ids[1] ?? "",
      earlier: 4,
    });
    expect(read.userMessage).toBeUndefined();
    expect(read.assistantMessage && textOf(read.assistantMessage)).toBe("a1");
    expect(read.earlier).toEqual([]);
  });
});
