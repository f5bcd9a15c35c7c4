/**
 * Saving a finished turn: the assistant message, the chat's title and order, and — in the same
 * statement — the use count of the memories it used and the extraction job of the turn (the
 * outbox), so no saved turn can lose its job.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/db/client";
import { saveReplyAndTouchChat } from "@/lib/db/queries/chats";
import type { Message, UsedMemory } from "@/lib/db/schema";
import { queueExtractionJobAlongside } from "@/lib/jobs/extraction-queue";
import { recordMemoryUseAlongside } from "@/lib/memory/used-memories";
import { titleFrom, UNTITLED_CHAT } from "./title";

export type FinishedTurn = {
  userId: string;
  chatId: string;
  userMessageId: string;
  assistantMessageId: string;
  extractionJobId: string | null;
};

export async function saveFinishedTurn(
  db: Database,
  turn: {
    userId: string;
    chatId: string;
    userMessage: Message;
    assistantMessageId: string;
    replyText: string;
    status: "complete" | "stopped";
    titleSource: string;
    /** False with memory off or in a temporary chat: then no job is even queued. */
    extract: boolean;
    /** The memories the reply's prompt carried, kept with the reply ("Used N memories"). */
    usedMemories: UsedMemory[] | null;
    /** The reply's lease on the chat, freed with the save: the next message may start. */
    streamId: string;
  },
): Promise<FinishedTurn> {
  const reply = {
    id: turn.assistantMessageId,
    userId: turn.userId,
    chatId: turn.chatId,
    text: turn.replyText,
    status: turn.status,
    usedMemories: turn.usedMemories,
  };
  const touch = {
    userId: turn.userId,
    chatId: turn.chatId,
    releaseReplyStreamId: turn.streamId,
    titleIfUnnamed: titleFrom(turn.titleSource) || UNTITLED_CHAT,
  };
  const finished = {
    userId: turn.userId,
    chatId: turn.chatId,
    userMessageId: turn.userMessage.id,
    assistantMessageId: turn.assistantMessageId,
  };
  const usedIds = (turn.usedMemories ?? []).map((used) => used.id);
  // Counted with the reply it served: a use is never counted for a reply that was not saved.
  // The job is the turn's outbox: no saved turn can lose it. All in the reply's one statement.
  const alongside = [];
  if (usedIds.length > 0) {
    alongside.push(recordMemoryUseAlongside(db, { userId: turn.userId, memoryIds: usedIds }));
  }
  const extractionJobId = turn.extract ? randomUUID() : null;
  if (extractionJobId) {
    alongside.push(queueExtractionJobAlongside(db, { ...finished, id: extractionJobId }));
  }
  await saveReplyAndTouchChat(db, reply, touch, alongside);
  return { ...finished, extractionJobId };
}
