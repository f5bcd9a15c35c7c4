/** Message queries, scoped by the user id stored on every message. */
import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import { notFound } from "@/lib/errors";
import type { Executor } from "../open";
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
  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.chatId, chatId), eq(messages.userId, userId)))
    .orderBy(desc(messages.createdAt))
    .limit(limit);
  return rows.reverse();
}

/**
 * Saves the user's message under the id the client gave it. Sending the same message again
 * (Retry) keeps the first copy: the return value is the stored row either way. An id already
 * used by another chat or user is "not found", like any id that is not the caller's.
 */
export async function saveUserMessage(
  db: Executor,
  values: { id: string; userId: string; chatId: string; text: string },
): Promise<Message> {
  const [inserted] = await db
    .insert(messages)
    .values({
      id: values.id,
      userId: values.userId,
      chatId: values.chatId,
      role: "user",
      parts: [{ type: "text", text: values.text }] satisfies TextPart[],
    })
    .onConflictDoNothing({ target: messages.id })
    .returning();
  if (inserted) return inserted;
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
  return existing;
}

export async function saveAssistantMessage(
  db: Executor,
  values: { id: string; userId: string; chatId: string; text: string; status: Message["status"] },
): Promise<Message> {
  const [row] = await db
    .insert(messages)
    .values({
      id: values.id,
      userId: values.userId,
      chatId: values.chatId,
      role: "assistant",
      parts: [{ type: "text", text: values.text }] satisfies TextPart[],
      status: values.status,
    })
    .returning();
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

/** Up to `limit` messages of the chat written before `before`, oldest first. */
export async function messagesBefore(
  db: Executor,
  {
    userId,
    chatId,
    before,
    limit,
  }: { userId: string; chatId: string; before: Date; limit: number },
): Promise<Message[]> {
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(eq(messages.chatId, chatId), eq(messages.userId, userId), lt(messages.createdAt, before)),
    )
    .orderBy(desc(messages.createdAt))
    .limit(limit);
  return rows.reverse();
}
