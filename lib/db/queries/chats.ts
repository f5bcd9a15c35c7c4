/** Chat queries. Each takes the user id and filters by it: another user's chat is "not found". */
import "server-only";
import { and, desc, eq, lt, sql, type WithSubquery } from "drizzle-orm";
import { isUniqueViolation, notFound } from "@/lib/errors";
import type { Executor } from "../open";
import { type Chat, chats, type Message, messages } from "../schema";
import {
  type AssistantMessageValues,
  assistantMessageRow,
  type UserMessageValues,
  userMessageRow,
} from "./messages";
import { replyLeaseColumns } from "./reply-lease";

export const DEFAULT_CHAT_TITLE = "New chat";

export type ChatSummary = Pick<Chat, "id" | "title" | "createdAt" | "updatedAt">;

/** A temporary chat lives at most this long, even if the tab that left it never said so. */
export const TEMPORARY_CHAT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The user's chat history, newest first; temporary chats are not part of it. */
export async function listChats(db: Executor, userId: string, limit = 200): Promise<ChatSummary[]> {
  return db
    .select({
      id: chats.id,
      title: chats.title,
      createdAt: chats.createdAt,
      updatedAt: chats.updatedAt,
    })
    .from(chats)
    .where(and(eq(chats.userId, userId), eq(chats.temporary, false)))
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
 * a new chat) with the title and kind given. A chat of another user with this id is reported as
 * not found.
 */
export async function ensureChat(
  db: Executor,
  {
    userId,
    chatId,
    title = DEFAULT_CHAT_TITLE,
    temporary = false,
    replyLease,
  }: {
    userId: string;
    chatId: string;
    title?: string;
    temporary?: boolean;
    /** A chat created by this call starts holding this reply's lease. */
    replyLease?: { streamId: string; seconds: number };
  },
): Promise<{ chat: Chat; created: boolean }> {
  const [created] = await db
    .insert(chats)
    .values({
      id: chatId,
      userId,
      title,
      temporary,
      ...(replyLease ? replyLeaseColumns(replyLease) : {}),
    })
    .onConflictDoNothing({ target: chats.id })
    .returning();
  if (created) return { chat: created, created: true };
  return { chat: await getChat(db, { userId, chatId }), created: false };
}

/**
 * A new chat (holding this reply's lease) and its first message, in one statement: both or
 * neither. Null when either id is taken — the chat exists already, the same new chat was sent
 * twice at once, or the message id is in use — for the caller's slower path, which tells those
 * cases apart.
 */
export async function insertChatWithFirstMessage(
  db: Executor,
  chat: {
    userId: string;
    chatId: string;
    title: string;
    temporary: boolean;
    replyLease: { streamId: string; seconds: number };
  },
  message: UserMessageValues,
): Promise<Message | null> {
  const created = db.$with("created_chat").as(
    db
      .insert(chats)
      .values({
        id: chat.chatId,
        userId: chat.userId,
        title: chat.title,
        temporary: chat.temporary,
        ...replyLeaseColumns(chat.replyLease),
      })
      .returning({ id: chats.id }),
  );
  try {
    const [saved] = await db
      .with(created)
      .insert(messages)
      .values(userMessageRow(message))
      .returning();
    return saved ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
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

/**
 * Bumps the chat to the top of the list and names it after its first message if unnamed. The
 * database's clock, like the row's default: Node's millisecond clock could order it before a
 * chat created a moment earlier.
 */
type ChatTouch = {
  userId: string;
  chatId: string;
  titleIfUnnamed: string;
  /** Frees the chat's reply lease in the same statement, if this reply still holds it. */
  releaseReplyStreamId?: string;
};

/** What a finished reply changes on its chat: moved to the top, named if unnamed, lease freed. */
function chatTouch({ titleIfUnnamed, releaseReplyStreamId }: ChatTouch) {
  const held = releaseReplyStreamId
    ? sql`${chats.replyStreamId} = ${releaseReplyStreamId}`
    : sql`false`;
  return {
    updatedAt: sql`now()`,
    title: sql`case when ${chats.title} = ${DEFAULT_CHAT_TITLE} then ${titleIfUnnamed} else ${chats.title} end`,
    replyStreamId: sql`case when ${held} then null else ${chats.replyStreamId} end`,
    replyLeaseUntil: sql`case when ${held} then null else ${chats.replyLeaseUntil} end`,
  };
}

export async function touchChat(db: Executor, touch: ChatTouch): Promise<void> {
  await db
    .update(chats)
    .set(chatTouch(touch))
    .where(and(eq(chats.id, touch.chatId), eq(chats.userId, touch.userId)));
}

/**
 * Saves the reply and touches its chat in one statement (the insert runs as a data-modifying
 * CTE): as atomic as a transaction, without its extra round trips. `alongside` are more
 * data-modifying CTEs that must commit with the reply (its extraction job, its memory uses);
 * Postgres runs each of them exactly once, read or not.
 */
export async function saveReplyAndTouchChat(
  db: Executor,
  reply: AssistantMessageValues,
  touch: ChatTouch,
  alongside: WithSubquery[] = [],
): Promise<void> {
  const saved = db
    .$with("saved_reply")
    .as(db.insert(messages).values(assistantMessageRow(reply)).returning({ id: messages.id }));
  await db
    .with(saved, ...alongside)
    .update(chats)
    .set(chatTouch(touch))
    .where(and(eq(chats.id, touch.chatId), eq(chats.userId, touch.userId)));
}

/**
 * Deletes temporary chats created before `createdBefore`, of every user: the server's sweep for
 * temporary chats whose tab never said it was left (closed laptop, crash). Returns how many.
 */
export async function deleteStaleTemporaryChats(
  db: Executor,
  { createdBefore }: { createdBefore: Date },
): Promise<number> {
  const deleted = await db
    .delete(chats)
    .where(and(eq(chats.temporary, true), lt(chats.createdAt, createdBefore)))
    .returning({ id: chats.id });
  return deleted.length;
}
