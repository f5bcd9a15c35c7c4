/**
 * Regenerate and Edit: both act only on the chat's last turn. Regenerate drops the last reply
 * and answers the same user message again; Edit drops the last user message and its reply and
 * saves the edited text as a new message. The dropped rows are deleted (no versions are kept),
 * so the conversation the user sees is exactly the one the model sees next.
 */
import "server-only";
import type { Executor } from "@/lib/db/client";
import {
  deleteMessagesAfter,
  findMessagesByIds,
  lastUserMessage,
  saveUserMessage,
} from "@/lib/db/queries/messages";
import type { Message } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/errors";

type Turn = { userId: string; chatId: string };

/**
 * The stored user message to answer again, with the replies after it deleted. Null when the
 * message was never stored (its first send failed before it was saved): then it is simply sent.
 */
export async function prepareRegenerate(
  db: Executor,
  { userId, chatId, messageId }: Turn & { messageId: string },
): Promise<Message | null> {
  return db.transaction(async (tx) => {
    const last = await lastUserMessage(tx, { userId, chatId });
    if (last?.id !== messageId) {
      const [stored] = await findMessagesByIds(tx, { userId, ids: [messageId] });
      if (!stored) return null;
      throw new AppError("conflict", "Only the last reply can be regenerated.", {
        field: "message.id",
      });
    }
    await deleteMessagesAfter(tx, { userId, chatId, messageId: last.id });
    return last;
  });
}

/** Replaces the last user message (and its reply) by the edited one; returns the new message. */
export async function prepareEdit(
  db: Executor,
  {
    userId,
    chatId,
    replaces,
    message,
  }: Turn & { replaces: string; message: { id: string; text: string } },
): Promise<Message> {
  return db.transaction(async (tx) => {
    const last = await lastUserMessage(tx, { userId, chatId });
    if (!last) throw notFound("Message not found in this chat");
    if (last.id !== replaces) {
      throw new AppError("conflict", "Only the last message can be edited.", {
        field: "replaces",
      });
    }
    if (message.id === replaces) {
      throw new AppError("bad_request", "message.id: an edited message needs a new id.", {
        field: "message.id",
      });
    }
    await deleteMessagesAfter(tx, { userId, chatId, messageId: last.id, inclusive: true });
    return saveUserMessage(tx, { userId, chatId, ...message });
  });
}
