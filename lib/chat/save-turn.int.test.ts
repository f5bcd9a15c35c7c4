/**
 * A finished turn is saved in one statement: the reply, its chat's order, title and lease, the
 * use count of the memories it carried and its extraction job — all of them or none.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Database } from "@/lib/db/open";
import { ensureChat, findChat } from "@/lib/db/queries/chats";
import { saveUserMessage } from "@/lib/db/queries/messages";
import { chats, extractionJobs, memories, messages } from "@/lib/db/schema";
import { createMemory } from "@/lib/memory/mutations";
import { createUser } from "@/lib/memory/testing/fixtures";
import { describeWithDatabase } from "@/lib/testing/test-db";
import { saveFinishedTurn } from "./save-turn";

describeWithDatabase("saving a finished turn", (getDb) => {
  async function startedTurn(db: Database) {
    const userId = await createUser(db);
    const chatId = randomUUID();
    const streamId = randomUUID();
    await ensureChat(db, { userId, chatId, replyLease: { streamId, seconds: 60 } });
    const userMessage = await saveUserMessage(db, {
      id: randomUUID(),
      userId,
      chatId,
      text: "I sail on weekends",
    });
    const memory = await createMemory(db, userId, {
      type: "interest",
      category: "hobby",
      topic: "sailing",
      detail: "sails on weekends",
    });
    return { userId, chatId, streamId, userMessage, memory };
  }
  const finish = (turn: Awaited<ReturnType<typeof startedTurn>>) =>
    saveFinishedTurn(getDb(), {
      userId: turn.userId,
      chatId: turn.chatId,
      userMessage: turn.userMessage,
      assistantMessageId: randomUUID(),
      replyText: "Fair winds!",
      status: "complete",
      titleSource: "Sailing on weekends",
      extract: true,
      usedMemories: [
        {
          id: turn.memory.id,
          type: turn.memory.type,
          category: turn.memory.category,
          topic: turn.memory.topic,
          detail: turn.memory.detail,
        },
      ],
      streamId: turn.streamId,
    });

  it("saves the reply, frees the chat, counts the memory's use and queues the job", async () => {
    const turn = await startedTurn(getDb());
    const finished = await finish(turn);
    expect(finished.extractionJobId).toEqual(expect.any(String));
    const [job] = await getDb()
      .select()
      .from(extractionJobs)
      .where(eq(extractionJobs.id, finished.extractionJobId ?? ""));
    expect(job).toMatchObject({
      status: "pending",
      userId: turn.userId,
      userMessageId: turn.userMessage.id,
      assistantMessageId: finished.assistantMessageId,
    });
    const [reply] = await getDb()
      .select()
      .from(messages)
      .where(eq(messages.id, finished.assistantMessageId));
    expect(reply?.usedMemories).toEqual([expect.objectContaining({ id: turn.memory.id })]);
    const chat = await findChat(getDb(), { userId: turn.userId, chatId: turn.chatId });
    expect(chat).toMatchObject({ replyStreamId: null, title: "Sailing on weekends" });
    const [memory] = await getDb()
      .select({ useCount: memories.useCount })
      .from(memories)
      .where(eq(memories.id, turn.memory.id));
    expect(memory?.useCount).toBe(1);
  });

  it("writes nothing when the reply cannot be saved (its chat was deleted meanwhile)", async () => {
    const turn = await startedTurn(getDb());
    await getDb()
      .delete(chats)
      .where(and(eq(chats.id, turn.chatId), eq(chats.userId, turn.userId)));
    await expect(finish(turn)).rejects.toThrow();
    const jobs = await getDb()
      .select()
      .from(extractionJobs)
      .where(eq(extractionJobs.userId, turn.userId));
    expect(jobs).toEqual([]);
    const [memory] = await getDb()
      .select({ useCount: memories.useCount })
      .from(memories)
      .where(eq(memories.id, turn.memory.id));
    expect(memory?.useCount).toBe(0);
  });
});
