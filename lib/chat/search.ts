/**
 * Search chats for the sidebar: the database finds the chats and their best message; here the
 * message becomes a short plain-text snippet around the first match (Markdown syntax removed, so
 * a reply's `**bold**` reads as words).
 */
import "server-only";
import type { Executor } from "@/lib/db/client";
import { searchChats, toPrefixQuery } from "@/lib/db/queries/chat-search";
import { plainTextFrom } from "./title";

export type ChatSearchHit = {
  chatId: string;
  title: string;
  messageId: string | null;
  snippet: string | null;
};

const SNIPPET_CHARS = 120;
const LEAD_CHARS = 30;

export async function searchUserChats(
  db: Executor,
  { userId, query }: { userId: string; query: string },
): Promise<ChatSearchHit[]> {
  const rows = await searchChats(db, { userId, query });
  const terms = (toPrefixQuery(query) ?? "").split(" & ").map((term) => term.replace(":*", ""));
  return rows.map(({ text, ...row }) => ({
    ...row,
    snippet: text === null ? null : snippetAround(plainTextFrom(text), terms),
  }));
}

/** About SNIPPET_CHARS of `text`, starting a little before the first word that matches a term. */
export function snippetAround(text: string, terms: string[]): string {
  const lower = text.toLowerCase();
  const positions = terms
    .map((term) => (term === "" ? -1 : lower.indexOf(term)))
    .filter((position) => position >= 0);
  const first = positions.length === 0 ? 0 : Math.min(...positions);
  let start = Math.max(0, first - LEAD_CHARS);
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  const end = Math.min(text.length, start + SNIPPET_CHARS);
  return `${start > 0 ? "…" : ""}${text.slice(start, end).trim()}${end < text.length ? "…" : ""}`;
}
