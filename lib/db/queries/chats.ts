/** Chat queries. Each takes the user id and filters by it: another user's chat is "not found". */
import { and, desc, eq, sql } from "drizzle-orm";
import { notFound } from "@/lib/errors";
import type { Executor } from "../open";
import { type Chat, chats } from "../schema";

export const DEFAULT_CHAT_TITLE = "New chat";

export type ChatSummary = Pick<Chat, "id" | "title" | "createdAt" | "updatedAt">;

export async function listChats(db: Executor, userId: string, limit = 200): Promise<ChatSummary[]> {
  return db
    .select({
      id: chats.id,
      title: chats.title,
      createdAt: chats.createdAt,
      updatedAt: chats.updatedAt,
    })
    .from(chats)
    .where(eq(chats.userId, userId))
    .orderBy(desc(chats.updatedAt))
    .limit(limit);
}

export async function findChat(
  db: Executor,
  { userId, chatId }: { userId: string; chatId: string },
): Promise<Chat | undefined> {
  const [chat] = await db
    .select()
    .from(chats)
    .where(and(eq(chats.id, chatId), eq(chats.userId, userId)))
    .limit(1);
  return chat;
}

export async function getChat(
  db: Executor,
  ids: { userId: string; chatId: string },
): Promise<Chat> {
  const chat = await findChat(db, ids);
  if (!chat) throw notFound("Chat not found");
  return chat;
}

/**
 * The chat with this id, created for the user if no chat has it yet (the client picks the id of
 * a new chat). A chat of another user with this id is reported as not found.
 */
export async function ensureChat(
  db: Executor,
  { userId, chatId }: { userId: string; chatId: string },
): Promise<{ chat: Chat; created: boolean }> {
  const [created] = await db
    .insert(chats)
    .values({ id: chatId, userId })
    .onConflictDoNothing({ target: chats.id })
    .returning();
  if (created) return { chat: created, created: true };
  return { chat: await getChat(db, { userId, chatId }), created: false };
}

export async function renameChat(
  db: Executor,
  { userId, chatId, title }: { userId: string; chatId: string; title: string },
): Promise<Chat> {
  const [chat] = await db
    .update(chats)
    .set({ title })
    .where(and(eq(chats.id, chatId), eq(chats.userId, userId)))
    .returning();
  if (!chat) throw notFound("Chat not found");
  return chat;
}

export async function deleteChat(
  db: Executor,
  { userId, chatId }: { userId: string; chatId: string },
): Promise<void> {
  const deleted = await db
    .delete(chats)
    .where(and(eq(chats.id, chatId), eq(chats.userId, userId)))
    .returning({ id: chats.id });
  if (deleted.length === 0) throw notFound("Chat not found");
}

/** Bumps the chat to the top of the list and names it after its first message if unnamed. */
export async function touchChat(
  db: Executor,
  { userId, chatId, titleIfUnnamed }: { userId: string; chatId: string; titleIfUnnamed: string },
): Promise<void> {
  await db
    .update(chats)
    .set({
      updatedAt: new Date(),
      title: sql`case when ${chats.title} = ${DEFAULT_CHAT_TITLE} then ${titleIfUnnamed} else ${chats.title} end`,
    })
    .where(and(eq(chats.id, chatId), eq(chats.userId, userId)));
}
