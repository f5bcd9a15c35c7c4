/**
 * Saving a finished turn: the assistant message, the chat's title and order, and — in the same
 * transaction — the extraction job of the turn (the outbox), so no saved turn can lose its job.
 */
import "server-only";
import type { Database } from "@/lib/db/client";
import { touchChat } from "@/lib/db/queries/chats";
import { saveAssistantMessage } from "@/lib/db/queries/messages";
import type { Message } from "@/lib/db/schema";
import { enqueueExtractionJob } from "@/lib/jobs/extraction-queue";

export type FinishedTurn = {
  userId: string;
  chatId: string;
  userMessageId: string;
  assistantMessageId: string;
  extractionJobId: string | null;
};

const TITLE_LENGTH = 60;

export function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= TITLE_LENGTH ? line : `${line.slice(0, TITLE_LENGTH - 1).trimEnd()}…`;
}

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
    memoryEnabled: boolean;
  },
): Promise<FinishedTurn> {
  return db.transaction(async (tx) => {
    const assistant = await saveAssistantMessage(tx, {
      id: turn.assistantMessageId,
      userId: turn.userId,
      chatId: turn.chatId,
      text: turn.replyText,
      status: turn.status,
    });
    await touchChat(tx, {
      userId: turn.userId,
      chatId: turn.chatId,
      titleIfUnnamed: titleFrom(turn.titleSource) || "New chat",
    });
    // Memory off means no extraction at all: not even a job.
    const extractionJobId = turn.memoryEnabled
      ? await enqueueExtractionJob(tx, {
          userId: turn.userId,
          chatId: turn.chatId,
          userMessageId: turn.userMessage.id,
          assistantMessageId: assistant.id,
        })
      : null;
    return {
      userId: turn.userId,
      chatId: turn.chatId,
      userMessageId: turn.userMessage.id,
      assistantMessageId: assistant.id,
      extractionJobId,
    };
  });
}
