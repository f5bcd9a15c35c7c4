import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { ensureChat } from "@/lib/db/queries/chats";
import { listMessages, saveAssistantMessage, saveUserMessage } from "@/lib/db/queries/messages";
import { insertUser } from "@/lib/db/queries/users";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { prepareEdit, prepareRegenerate } from "./resend";

const pause = () => new Promise((resolve) => setTimeout(resolve, 3));

describeWithDatabase("regenerate and edit", (getDb) => {
  const chatWithTurns = async (turns: number) => {
    const user = await insertUser(getDb(), {
      email: `${randomUUID()}@example.com`,
      passwordHash: "x",
    });
    const chatId = randomUUID();
    await ensureChat(getDb(), { userId: user.id, chatId });
    const ids: string[] = [];
    for (let turn = 0; turn < turns; turn += 1) {
      const question = randomUUID();
      const answer = randomUUID();
      // Rows a few ms apart, as real turns are: the order of messages is their time.
      await pause();
      await saveUserMessage(getDb(), { id: question, userId: user.id, chatId, text: `q${turn}` });
      await pause();
      await saveAssistantMessage(getDb(), {
        id: answer,
        userId: user.id,
        chatId,
        text: `a${turn}`,
        status: "complete",
      });
      ids.push(question, answer);
    }
    return { userId: user.id, chatId, ids };
  };
  const texts = async (userId: string, chatId: string) =>
    (await listMessages(getDb(), { userId, chatId })).map(
      (message) => (message.parts as { text: string }[])[0]?.text,
    );

  it("Regenerate drops only the last reply", async () => {
    const { userId, chatId, ids } = await chatWithTurns(2);
    const message = await prepareRegenerate(getDb(), { userId, chatId, messageId: ids[2] ?? "" });
    expect(message?.id).toBe(ids[2]);
    expect(await texts(userId, chatId)).toEqual(["q0", "a0", "q1"]);
  });

  it("refuses to regenerate an earlier reply, and sends an unknown message as new", async () => {
    const { userId, chatId, ids } = await chatWithTurns(2);
    await expect(
      prepareRegenerate(getDb(), { userId, chatId, messageId: ids[0] ?? "" }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await prepareRegenerate(getDb(), { userId, chatId, messageId: randomUUID() })).toBe(
      null,
    );
    expect(await texts(userId, chatId)).toEqual(["q0", "a0", "q1", "a1"]);
  });

  it("Edit replaces the last message and its reply with the edited message", async () => {
    const { userId, chatId, ids } = await chatWithTurns(2);
    const id = randomUUID();
    const userMessage = await prepareEdit(getDb(), {
      userId,
      chatId,
      replaces: ids[2] ?? "",
      message: { id, text: "q1 edited" },
    });
    expect(userMessage.id).toBe(id);
    expect(await texts(userId, chatId)).toEqual(["q0", "a0", "q1 edited"]);
  });

  it("refuses to edit an earlier message, another user's, or to reuse the id", async () => {
    const { userId, chatId, ids } = await chatWithTurns(2);
    const other = await chatWithTurns(1);
    const edit = (over: Partial<Parameters<typeof prepareEdit>[1]>) =>
      prepareEdit(getDb(), {
        userId,
        chatId,
        replaces: ids[2] ?? "",
        message: { id: randomUUID(), text: "x" },
        ...over,
      });
    await expect(edit({ replaces: ids[0] })).rejects.toMatchObject({ code: "conflict" });
    await expect(edit({ message: { id: ids[2] ?? "", text: "x" } })).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(edit({ userId: other.userId })).rejects.toMatchObject({ code: "not_found" });
    // A new id that is another user's message: refused, and nothing was deleted.
    await expect(edit({ message: { id: other.ids[0] ?? "", text: "x" } })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await texts(userId, chatId)).toEqual(["q0", "a0", "q1", "a1"]);
    expect(await texts(other.userId, other.chatId)).toEqual(["q0", "a0"]);
  });
});
