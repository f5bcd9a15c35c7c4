/**
 * Search chats: Postgres full-text search over chat titles and message text, one result per
 * chat (its best-matching message, if any). Always filtered by the user id; temporary chats are
 * not part of the history and are never found.
 */
import "server-only";
import { and, asc, desc, eq, isNotNull, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../open";
import { chats, messages } from "../schema";

export type ChatSearchResult = {
  chatId: string;
  title: string;
  /** The best-matching message; null when only the title matched. */
  messageId: string | null;
  /** That message's text (Markdown, as stored). */
  text: string | null;
};

const MAX_TERMS = 8;
const MAX_TERM_CHARS = 64;

/**
 * The query as a tsquery in the `simple` configuration: its words (letters and digits only, so
 * no tsquery operator can be smuggled in), each as a prefix — results appear while typing.
 * Null when nothing searchable is left.
 */
export function toPrefixQuery(text: string): string | null {
  const terms = text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term !== "")
    .slice(0, MAX_TERMS)
    .map((term) => `${term.slice(0, MAX_TERM_CHARS)}:*`);
  return terms.length === 0 ? null : terms.join(" & ");
}

export async function searchChats(
  db: Executor,
  { userId, query, limit = 20 }: { userId: string; query: string; limit?: number },
): Promise<ChatSearchResult[]> {
  const prefixQuery = toPrefixQuery(query);
  if (!prefixQuery) return [];
  const tsquery = (): SQL => sql`to_tsquery('simple', ${prefixQuery})`;
  const messageText = sql<string>`${messages.parts} -> 0 ->> 'text'`;

  const best = db
    .selectDistinctOn([messages.chatId], {
      chatId: sql<string>`${messages.chatId}`.as("hit_chat_id"),
      messageId: sql<string>`${messages.id}`.as("hit_message_id"),
      rank: sql<number>`ts_rank(${messages.searchVector}, ${tsquery()})`.as("hit_rank"),
      text: messageText.as("hit_text"),
    })
    .from(messages)
    .where(and(eq(messages.userId, userId), sql`${messages.searchVector} @@ ${tsquery()}`))
    .orderBy(
      messages.chatId,
      desc(sql`ts_rank(${messages.searchVector}, ${tsquery()})`),
      asc(messages.createdAt),
    )
    .as("best");

  const titleMatches = sql`to_tsvector('simple', ${chats.title}) @@ ${tsquery()}`;
  const rows = await db
    .select({
      chatId: chats.id,
      title: chats.title,
      messageId: best.messageId,
      text: best.text,
    })
    .from(chats)
    .leftJoin(best, eq(best.chatId, chats.id))
    .where(
      and(
        eq(chats.userId, userId),
        eq(chats.temporary, false),
        or(isNotNull(best.messageId), titleMatches),
      ),
    )
    .orderBy(desc(titleMatches), desc(sql`coalesce(${best.rank}, 0)`), desc(chats.updatedAt))
    .limit(limit);
  return rows;
}
