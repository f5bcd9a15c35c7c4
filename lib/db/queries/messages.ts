/** Message queries, scoped by the user id stored on every message. */
import "server-only";
import { and, asc, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { notFound } from "@/lib/errors";
import type { Executor } from "../open";
import { preparedStatement } from "../prepared";
import { type Message, messages } from "../schema";

export type TextPart = { type: "text"; text: string };

export async function listMessages(
  db: Executor,
  { userId, chatId }: { userId: string; chatId: string },
): Promise<Message[]> {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.chatId, chatId), eq(messages.userId, userId)))
    .orderBy(asc(messages.createdAt), asc(messages.role));
}

/** The latest `limit` messages of a chat, oldest first: the model's view of the conversation. */
export async function recentMessages(
  db: Executor,
  { userId, chatId, limit }: { userId: string; chatId: string; limit: number },
): Promise<Message[]> {
  const rows = await preparedStatement(db, "recent-messages", recentMessagesStatement).execute({
    userId,
    chatId,
    limit,
  });
  return rows.reverse();
}

function recentMessagesStatement(db: Executor) {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.chatId, sql.placeholder("chatId")),
        eq(messages.userId, sql.placeholder("userId")),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(sql.placeholder("limit"))
    .prepare("recent_messages");
}

/** A message of one text part, as every message Ingat writes is. */
export type UserMessageValues = { id: string; userId: string; chatId: string; text: string };

function textMessageRow<Role extends Message["role"]>(values: UserMessageValues, role: Role) {
  return {
    id: values.id,
    userId: values.userId,
    chatId: values.chatId,
    role,
    parts: [{ type: "text", text: values.text }] satisfies TextPart[],
  };
}

export function userMessageRow(values: UserMessageValues) {
  return textMessageRow(values, "user");
}

/**
 * Saves the user's message under the id the client gave it. Sending the same message again
 * (Retry) keeps the first copy: the return value is the stored row either way. An id already
 * used by another chat or user is "not found", like any id that is not the caller's.
 */
export async function saveUserMessage(db: Executor, values: UserMessageValues): Promise<Message> {
  return (await saveUserMessageOnce(db, values)).message;
}

/** saveUserMessage, saying whether the message was new (false: the stored copy is returned). */
export async function saveUserMessageOnce(
  db: Executor,
  values: UserMessageValues,
): Promise<{ message: Message; inserted: boolean }> {
  const [inserted] = await db
    .insert(messages)
    .values(userMessageRow(values))
    .onConflictDoNothing({ target: messages.id })
    .returning();
  if (inserted) return { message: inserted, inserted: true };
  const [existing] = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.id, values.id),
        eq(messages.userId, values.userId),
        eq(messages.chatId, values.chatId),
      ),
    );
  if (!existing) throw notFound("Message not found in this chat");
  return { message: existing, inserted: false };
}

/** Whether the chat has a reply written after this user message. Compared in the database. */
export async function hasReplyAfter(
  db: Executor,
  { userId, chatId, messageId }: { userId: string; chatId: string; messageId: string },
): Promise<boolean> {
  const sent = db
    .select({ createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.userId, userId)));
  const [reply] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.chatId, chatId),
        eq(messages.userId, userId),
        eq(messages.role, "assistant"),
        sql`${messages.createdAt} >= (${sent})`,
      ),
    )
    .limit(1);
  return reply !== undefined;
}

export type AssistantMessageValues = {
  id: string;
  userId: string;
  chatId: string;
  text: string;
  status: Message["status"];
  usedMemories?: Message["usedMemories"];
};

export function assistantMessageRow(values: AssistantMessageValues) {
  return {
    ...textMessageRow(values, "assistant"),
    status: values.status,
    usedMemories: values.usedMemories ?? null,
  };
}

export async function saveAssistantMessage(
  db: Executor,
  values: AssistantMessageValues,
): Promise<Message> {
  const [row] = await db.insert(messages).values(assistantMessageRow(values)).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export function textOf(message: Pick<Message, "parts">): string {
  if (!Array.isArray(message.parts)) return "";
  return message.parts
    .map((part) =>
      part && typeof part === "object" && (part as TextPart).type === "text"
        ? String((part as TextPart).text)
        : "",
    )
    .join("");
}

export async function findMessagesByIds(
  db: Executor,
  { userId, ids }: { userId: string; ids: string[] },
): Promise<Message[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(messages)
    .where(and(inArray(messages.id, ids), eq(messages.userId, userId)));
}

/**
 * A turn's two messages and up to `earlier` messages of its chat written before the user's
 * message (oldest first), in one read. A message that is gone is undefined.
 */
export async function findTurnWithEarlier(
  db: Executor,
  turn: {
    userId: string;
    chatId: string;
    userMessageId: string;
    assistantMessageId: string;
    earlier: number;
  },
): Promise<{ userMessage?: Message; assistantMessage?: Message; earlier: Message[] }> {
  const sent = db
    .select({ createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.id, turn.userMessageId), eq(messages.userId, turn.userId)));
  const turnIds = [turn.userMessageId, turn.assistantMessageId];
  // The turn's own messages are at or after the user's message, so they sort first.
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.chatId, turn.chatId),
        eq(messages.userId, turn.userId),
        or(inArray(messages.id, turnIds), lt(messages.createdAt, sql`(${sent})`)),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(turnIds.length + turn.earlier);
  return {
    userMessage: rows.find((message) => message.id === turn.userMessageId),
    assistantMessage: rows.find((message) => message.id === turn.assistantMessageId),
    earlier: rows.filter((message) => !turnIds.includes(message.id)).reverse(),
  };
}

/** The chat's latest user message, if any. */
export async function lastUserMessage(
  db: Executor,
  { userId, chatId }: { userId: string; chatId: string },
): Promise<Message | undefined> {
  const [message] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.chatId, chatId), eq(messages.userId, userId), eq(messages.role, "user")))
    .orderBy(desc(messages.createdAt))
    .limit(1);
  return message;
}

/**
 * Deletes the messages of the chat written after message `messageId` (or from it on, with
 * `inclusive`): the reply a Regenerate replaces, or an edited message and its reply. Compared in
 * the database: JavaScript dates would drop the microseconds and misplace the boundary. Their
 * extraction jobs go with them; memories learned from them stay, unlinked from the message.
 */
export async function deleteMessagesAfter(
  db: Executor,
  {
    userId,
    chatId,
    messageId,
    inclusive = false,
  }: { userId: string; chatId: string; messageId: string; inclusive?: boolean },
): Promise<number> {
  const boundary = db
    .select({ createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.userId, userId)));
  const deleted = await db
    .delete(messages)
    .where(
      and(
        eq(messages.chatId, chatId),
        eq(messages.userId, userId),
        inclusive
          ? sql`${messages.createdAt} >= (${boundary})`
          : sql`${messages.createdAt} > (${boundary})`,
      ),
    )
    .returning({ id: messages.id });
  return deleted.length;
}
