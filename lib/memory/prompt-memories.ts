/**
 * Which memories go into the chat system prompt (SPEC §8), on the latency-critical reply path.
 * Active memories only — a suggestion is not something Ingat knows yet. Importance order:
 * confirmed / explicit / user-written first, then confidence, then recency (last seen).
 *
 * Cost is bounded whatever the number of memories (two queries, run side by side; `npm run
 * bench` measures it at 100 to 10,000 memories): one read of the most important rows straight
 * off memories_prompt_idx, limited to as many lines as could ever fit the budget — if everything
 * fits, that is all; and a full-text read (GIN index; ts_rank over at most RANK_POOL matches)
 * for the ones relevant to the latest message, used when not everything fits. Selection:
 * the important facts take up to half of the budget, relevant ones follow, then the rest by
 * importance while anything still fits. The result is listed in importance order.
 *
 * Token estimate: ceil(characters / 4) of each line exactly as `formatMemoryBlock` writes it.
 */
import "server-only";
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { formatMemoryBlock, type PromptMemory } from "@/lib/ai/prompt-format";
import type { Executor } from "@/lib/db/open";
import { memories } from "@/lib/db/schema";

export const DEFAULT_MEMORY_TOKEN_BUDGET = 800;
/** Share of the budget the most important facts may take before relevance gets its turn. */
const IMPORTANT_SHARE = 0.5;
const MAX_SEARCH_TERMS = 24;
/** At most this many matching memories are ranked by relevance (see `findRelevant`). */
const RANK_POOL = 400;

/** The shortest possible line: a four-letter type and empty strings. */
const MIN_LINE_TOKENS = estimateTokens({ type: "fact", category: "", topic: "", detail: "" });

// Must match memories_prompt_idx in lib/db/schema.ts exactly, or Postgres sorts instead.
const pinned = sql<boolean>`(${memories.confirmedAt} is not null or ${memories.source} <> 'inferred')`;
const importanceOrder = sql`${pinned} desc, ${memories.confidenceScore} desc nulls last, ${memories.lastSeenAt} desc nulls last, ${memories.id}`;

const candidateColumns = {
  id: memories.id,
  type: memories.type,
  category: memories.category,
  topic: memories.topic,
  detail: memories.detail,
  pinned,
  confidenceScore: memories.confidenceScore,
  lastSeenAt: memories.lastSeenAt,
};

type Candidate = {
  id: string;
  type: string;
  category: string;
  topic: string;
  detail: string;
  pinned: boolean;
  confidenceScore: number;
  lastSeenAt: Date;
  tokens: number;
};

export async function selectMemoriesForPrompt(
  db: Executor,
  {
    userId,
    latestMessage,
    tokenBudget = DEFAULT_MEMORY_TOKEN_BUDGET,
  }: { userId: string; latestMessage: string; tokenBudget?: number },
): Promise<PromptMemory[]> {
  const maxLines = Math.floor(tokenBudget / MIN_LINE_TOKENS);
  if (maxLines < 1) return [];
  const active = and(eq(memories.userId, userId), eq(memories.status, "active"));

  // Both reads at once (this is on the reply's path); the full-text one is only used when not
  // everything fits. One more row than could ever fit: if it comes back, not everything fits.
  const terms = searchTerms(latestMessage);
  const [importantRows, relevantRows] = await Promise.all([
    db
      .select(candidateColumns)
      .from(memories)
      .where(active)
      .orderBy(importanceOrder)
      .limit(maxLines + 1),
    terms === "" ? [] : findRelevant(db, active, terms, maxLines),
  ]);
  const important = withTokens(importantRows);
  const total = important.reduce((sum, memory) => sum + memory.tokens, 0);
  if (important.length <= maxLines && total <= tokenBudget) return important.map(toPromptMemory);
  const relevant = withTokens(relevantRows);

  const chosen = new Map<string, Candidate>();
  let used = 0;
  const take = (memory: Candidate, limit: number) => {
    if (chosen.has(memory.id) || used + memory.tokens > limit) return;
    chosen.set(memory.id, memory);
    used += memory.tokens;
  };
  for (const memory of important) {
    if (memory.pinned) take(memory, Math.floor(tokenBudget * IMPORTANT_SHARE));
  }
  for (const memory of relevant) take(memory, tokenBudget);
  for (const memory of important) take(memory, tokenBudget);

  return [...chosen.values()].sort(byImportance).map(toPromptMemory);
}

/**
 * The memories that best match the message's words (ts_rank), ties by importance. Ranking is
 * bounded: only the RANK_POOL most important matches are ranked, so a word that matches
 * thousands of memories (and says little about any of them) cannot make this slow.
 */
async function findRelevant(
  db: Executor,
  active: SQL | undefined,
  terms: string,
  limit: number,
): Promise<Omit<Candidate, "tokens">[]> {
  const query = sql`websearch_to_tsquery('simple', ${terms})`;
  const pool = db
    .select({
      ...candidateColumns,
      pinned: sql<boolean>`${pinned}`.as("pinned"),
      rank: sql<number>`ts_rank(${memories.searchVector}, ${query})`.as("rank"),
    })
    .from(memories)
    .where(and(active, sql`${memories.searchVector} @@ ${query}`))
    .orderBy(importanceOrder)
    .limit(RANK_POOL)
    .as("pool");
  return db
    .select({
      id: pool.id,
      type: pool.type,
      category: pool.category,
      topic: pool.topic,
      detail: pool.detail,
      pinned: pool.pinned,
      confidenceScore: pool.confidenceScore,
      lastSeenAt: pool.lastSeenAt,
    })
    .from(pool)
    .orderBy(
      desc(pool.rank),
      desc(pool.pinned),
      desc(pool.confidenceScore),
      desc(pool.lastSeenAt),
      asc(pool.id),
    )
    .limit(limit);
}

function withTokens(rows: Omit<Candidate, "tokens">[]): Candidate[] {
  return rows.map((row) => ({ ...row, tokens: estimateTokens(row) }));
}

function toPromptMemory({ type, category, topic, detail }: Candidate): PromptMemory {
  return { type, category, topic, detail };
}

/** Tokens of the line `formatMemoryBlock` writes for this memory. */
export function estimateTokens(memory: PromptMemory): number {
  const block = formatMemoryBlock([memory]);
  const line = block.split("\n")[1] ?? "";
  return Math.ceil(line.length / 4);
}

/** The same order as `importanceOrder` in SQL (uuid order = order of their hex strings). */
function byImportance(a: Candidate, b: Candidate): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.confidenceScore !== b.confidenceScore) return b.confidenceScore - a.confidenceScore;
  const recency = b.lastSeenAt.getTime() - a.lastSeenAt.getTime();
  if (recency !== 0) return recency;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const STOP_WORDS = new Set(
  (
    "or and the a an of to in on at for with from by is are was were be been am do does did " +
    "i me my mine you your we our they them he she it its this that these those what which who " +
    "how why when where there here can could would should will shall may might must not no yes " +
    "just about as if so but than then too very really please thanks thank hi hello hey ok okay " +
    "tell know think want like get got have has had any some all more most much many " +
    "saya aku kamu anda yang dan di ke dari ini itu apa ada untuk dengan tidak bisa juga akan " +
    "sudah belum dia mereka kami kita nya lah kah pun atau tapi jadi karena kalau ya"
  ).split(" "),
);

/**
 * The message's words as an OR query for websearch_to_tsquery: only runs of letters and digits
 * (so no operator, quote or dash from the user can reach the parser), without stop words.
 */
export function searchTerms(message: string): string {
  const words =
    message
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words.filter((word) => word.length >= 2 && !STOP_WORDS.has(word)))];
  return unique.slice(0, MAX_SEARCH_TERMS).join(" or ");
}
