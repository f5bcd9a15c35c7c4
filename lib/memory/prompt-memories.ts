/**
 * Which memories go into the chat system prompt, on the latency-critical reply path. Active
 * memories only — a suggestion is not something Ingat knows yet. Importance order: confirmed /
 * explicit / user-written first, then confidence, then recency (last seen).
 *
 * Cost is bounded whatever the number of memories (`npm run bench:selection` measures it at 100
 * to 10,000 memories): one read of the most important rows straight off memories_prompt_idx,
 * limited to as many lines as could ever fit the budget — if everything fits, that is all; a
 * full-text read (GIN index, English + Indonesian + as-written lexemes; ts_rank over at most
 * RANK_POOL matches) for the ones relevant to the latest message; and, with an embedding model,
 * the SEMANTIC_MATCHES nearest by meaning, fused with the full-text ranks (rank-fusion.ts). The
 * relevance reads are used only when not everything fits. Selection: the important facts take
 * up to half of the budget, relevant ones follow, then the rest by importance while anything
 * still fits. The result is listed in importance order.
 *
 * Token estimate: ceil(characters / 4) of each line exactly as `formatMemoryBlock` writes it.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { formatMemoryBlock, type PromptMemory } from "@/lib/ai/prompt-format";
import type { Executor } from "@/lib/db/open";
import { preparedStatement } from "@/lib/db/prepared";
import { memories } from "@/lib/db/schema";
import {
  type Embedder,
  embedderFromEnv,
  embedMessage,
  findSimilar,
  type SemanticCandidate,
  scheduleMemoryEmbedding,
} from "./embeddings";
import { fuseRankings } from "./rank-fusion";
import { searchForms } from "./search-terms";

export const DEFAULT_MEMORY_TOKEN_BUDGET = 800;

/** A memory chosen for the prompt, with its id (the reply records which ones it used). */
export type SelectedMemory = PromptMemory & { id: string };
/** Share of the budget the most important facts may take before relevance gets its turn. */
const IMPORTANT_SHARE = 0.5;
/** At most this many matching memories are ranked by relevance (see `findRelevant`). */
const RANK_POOL = 200;
/** Nearest memories by meaning merged with the full-text matches (rank fusion). */
const SEMANTIC_MATCHES = 8;

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

/** A memory that may go into the prompt (the same shape semantic search returns), with its cost. */
type Candidate = SemanticCandidate & { tokens: number };

export async function selectMemoriesForPrompt(
  db: Executor,
  {
    userId,
    latestMessage,
    tokenBudget = DEFAULT_MEMORY_TOKEN_BUDGET,
    embedder = embedderFromEnv(),
  }: {
    userId: string;
    latestMessage: string;
    tokenBudget?: number;
    /** Semantic retrieval; null turns it off (default: EMBEDDING_MODEL's, if set). */
    embedder?: Embedder | null;
  },
): Promise<SelectedMemory[]> {
  const maxLines = Math.floor(tokenBudget / MIN_LINE_TOKENS);
  if (maxLines < 1) return [];
  if (embedder) scheduleMemoryEmbedding(db, userId, { embedder });

  // All reads at once (this is on the reply's path); the relevance ones are only used when not
  // everything fits. One more row than could ever fit: if it comes back, not everything fits.
  const terms = searchForms(latestMessage);
  const similar = embedder ? findSemanticMatches(db, userId, embedder, latestMessage) : null;
  const [importantRows, relevantRows] = await Promise.all([
    preparedStatement(db, "important-memories", importantMemoriesStatement).execute({
      userId,
      limit: maxLines + 1,
    }),
    terms === "" ? [] : findRelevant(db, userId, terms, maxLines),
  ]);
  const important = withTokens(importantRows);
  const total = important.reduce((sum, memory) => sum + memory.tokens, 0);
  if (important.length <= maxLines && total <= tokenBudget) return important.map(toPromptMemory);
  const semanticRows = similar ? await similar : [];
  const relevant = withTokens(
    semanticRows.length > 0 ? fuseRankings([relevantRows, semanticRows]) : relevantRows,
  );

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

function importantMemoriesStatement(db: Executor) {
  return db
    .select(candidateColumns)
    .from(memories)
    .where(and(eq(memories.userId, sql.placeholder("userId")), eq(memories.status, "active")))
    .orderBy(importanceOrder)
    .limit(sql.placeholder("limit"))
    .prepare("important_memories");
}

/**
 * How many of the user's active memories fit in one reply's memory budget: the most important
 * first, as many lines as fit (the memory page's prompt-budget line). When not all fit, which
 * ones go into a reply depends on what the user writes (`selectMemoriesForPrompt`).
 */
export async function countMemoriesThatFit(
  db: Executor,
  userId: string,
  tokenBudget = DEFAULT_MEMORY_TOKEN_BUDGET,
): Promise<number> {
  const maxLines = Math.floor(tokenBudget / MIN_LINE_TOKENS);
  if (maxLines < 1) return 0;
  const rows = await db
    .select(candidateColumns)
    .from(memories)
    .where(and(eq(memories.userId, userId), eq(memories.status, "active")))
    .orderBy(importanceOrder)
    .limit(maxLines);
  let used = 0;
  let fit = 0;
  for (const row of withTokens(rows)) {
    if (used + row.tokens > tokenBudget) continue;
    used += row.tokens;
    fit += 1;
  }
  return fit;
}

/**
 * The memories nearest in meaning to the message (at most SEMANTIC_MATCHES: every memory has
 * some similarity, and the budget's remainder belongs to the most important ones), or none
 * when the message could not be embedded in time. Never throws.
 */
async function findSemanticMatches(
  db: Executor,
  userId: string,
  embedder: Embedder,
  message: string,
): Promise<Omit<Candidate, "tokens">[]> {
  const vector = await embedMessage(embedder, message);
  if (!vector) return [];
  try {
    return await findSimilar(db, {
      userId,
      modelId: embedder.modelId,
      vector,
      limit: SEMANTIC_MATCHES,
    });
  } catch (error) {
    console.warn(`[embeddings] semantic search failed: ${(error as Error).name}`);
    return [];
  }
}

/**
 * The memories that best match the message's words (ts_rank), ties by importance. The match
 * comes from the GIN index alone (the `offset 0` fence keeps the planner from walking the
 * user's rows in importance order and testing each one, which costs a scan of all of them when
 * the words are rare), then the user's active matches are cut to the RANK_POOL most important
 * before ranking, so a word that matches thousands of memories cannot make this slow.
 */
async function findRelevant(
  db: Executor,
  userId: string,
  forms: string,
  limit: number,
): Promise<Omit<Candidate, "tokens">[]> {
  const query = languageQuery(forms);
  const result = await db.execute(sql`
    select id, type, category, topic, detail, pinned,
           confidence_score as "confidenceScore", last_seen_at as "lastSeenAt"
    from (
      select matched.*, ts_rank(matched.search_vector, ${query}) as rank
      from (
        select id, user_id, status, type, category, topic, detail, confidence_score,
               last_seen_at, search_vector, ${pinned} as pinned
        from ${memories}
        where search_vector @@ ${query}
        offset 0
      ) matched
      where matched.user_id = ${userId} and matched.status = 'active'
      order by pinned desc, confidence_score desc, last_seen_at desc, id
      limit ${RANK_POOL}
    ) pool
    order by rank desc, pinned desc, "confidenceScore" desc, "lastSeenAt" desc, id
    limit ${limit}`);
  return rowsOf<Omit<Candidate, "tokens">>(result).map((row) => ({
    ...row,
    confidenceScore: Number(row.confidenceScore),
    lastSeenAt: new Date(row.lastSeenAt),
  }));
}

/** Rows of `db.execute`: postgres.js returns them as the result, PGlite under `rows`. */
function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  return (result as { rows: Row[] }).rows;
}

/**
 * One OR query over the lexemes of every form in all three configurations (the memories'
 * search_vector holds the same three): a word matches when any of its stems does. A scalar
 * subquery, so Postgres builds it once per statement rather than once per row.
 */
function languageQuery(forms: string) {
  const lexemes = sql`tsvector_to_array(to_tsvector('simple', ${forms}) || to_tsvector('english', ${forms}) || to_tsvector('indonesian', ${forms}))`;
  return sql`(select to_tsquery('simple', array_to_string(${lexemes}, ' | ')))`;
}

function withTokens(rows: Omit<Candidate, "tokens">[]): Candidate[] {
  return rows.map((row) => ({ ...row, tokens: estimateTokens(row) }));
}

function toPromptMemory({ id, type, category, topic, detail }: Candidate): SelectedMemory {
  return { id, type, category, topic, detail };
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
