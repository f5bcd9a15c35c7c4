/**
 * Semantic retrieval of memories, only when EMBEDDING_MODEL is set (any OpenAI-compatible
 * /v1/embeddings endpoint, through the AI SDK). Memories are embedded in the background after
 * they are written — after an extraction job, and on every prompt selection for whatever is
 * still missing or stale (user edits, imports, Undo), so no write path has to remember to.
 * The latest message is embedded on the reply path with a short timeout: past it (or on any
 * error) the reply goes on with full-text retrieval alone.
 *
 * Similarity: pgvector's cosine distance where the database has the `vector` extension
 * (PGlite ships it; it is created on first use when available), otherwise cosine similarity in
 * JS over the user's stored float arrays, bounded to the SEMANTIC_POOL most important memories.
 */
import "server-only";
import { createOpenAI } from "@ai-sdk/openai";
import { type EmbeddingModel, embed, embedMany } from "ai";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import { memories, memoryEmbeddings } from "@/lib/db/schema";
import { type Env, getEnv } from "@/lib/env";
import { cosineSimilarity } from "./rank-fusion";

/** Memories embedded per call, and per background pass for one user. */
const EMBED_BATCH = 64;
const MAX_BATCHES_PER_PASS = 20;
/** Without pgvector, similarity is computed in JS over at most this many memories. */
const SEMANTIC_POOL = 2000;

export type Embedder = {
  modelId: string;
  embedOne: (text: string, signal?: AbortSignal) => Promise<number[]>;
  embedMany: (texts: string[]) => Promise<number[][]>;
  timeoutMs: number;
};

export type SemanticCandidate = {
  id: string;
  type: string;
  category: string;
  topic: string;
  detail: string;
  pinned: boolean;
  confidenceScore: number;
  lastSeenAt: Date;
};

/** The configured embedder, or null when EMBEDDING_MODEL is unset. */
export function embedderFromEnv(env: Env = getEnv()): Embedder | null {
  if (!env.EMBEDDING_MODEL) return null;
  const cache = globalThis as { __ingatEmbedder?: { key: string; embedder: Embedder } };
  const baseURL = env.EMBEDDING_BASE_URL ?? env.OPENAI_BASE_URL;
  const apiKey = env.EMBEDDING_API_KEY ?? env.OPENAI_API_KEY ?? "not-needed";
  const key = `${baseURL ?? "openai"}\u0000${env.EMBEDDING_MODEL}\u0000${env.EMBEDDING_TIMEOUT_MS}`;
  if (cache.__ingatEmbedder?.key === key) return cache.__ingatEmbedder.embedder;
  const model = createOpenAI({ apiKey, baseURL, name: "ingat-embedding" }).embedding(
    env.EMBEDDING_MODEL,
  );
  const embedder = createEmbedder(model, env.EMBEDDING_MODEL, env.EMBEDDING_TIMEOUT_MS);
  cache.__ingatEmbedder = { key, embedder };
  return embedder;
}

export function createEmbedder(
  model: EmbeddingModel,
  modelId: string,
  timeoutMs: number,
): Embedder {
  return {
    modelId,
    timeoutMs,
    embedOne: async (text, signal) =>
      (await embed({ model, value: text, abortSignal: signal, maxRetries: 0 })).embedding,
    embedMany: async (texts) =>
      (await embedMany({ model, values: texts, maxRetries: 2 })).embeddings,
  };
}

/** The text a memory is embedded as (what a reader of the memory page sees), and its hash. */
const embeddingText = sql<string>`(${memories.type} || ': ' || ${memories.topic} || ' — ' || ${memories.detail})`;
const embeddingTextHash = sql<string>`encode(sha256(convert_to(${embeddingText}, 'UTF8')), 'hex')`;

/**
 * Embeds the user's active memories that have no embedding for this model, or one of a text
 * they no longer have (edited since). Returns how many were embedded.
 */
export async function embedPendingMemories(
  db: Executor,
  { userId, embedder }: { userId: string; embedder: Embedder },
): Promise<number> {
  let embedded = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
    const stale = await db
      .select({ id: memories.id, text: embeddingText, contentHash: embeddingTextHash })
      .from(memories)
      .leftJoin(memoryEmbeddings, eq(memoryEmbeddings.memoryId, memories.id))
      .where(
        and(
          eq(memories.userId, userId),
          eq(memories.status, "active"),
          or(
            isNull(memoryEmbeddings.memoryId),
            sql`${memoryEmbeddings.model} <> ${embedder.modelId}`,
            sql`${memoryEmbeddings.contentHash} <> ${embeddingTextHash}`,
          ),
        ),
      )
      .limit(EMBED_BATCH);
    if (stale.length === 0) break;
    const vectors = await embedder.embedMany(stale.map((row) => row.text));
    await db
      .insert(memoryEmbeddings)
      .values(
        stale.map((row, index) => ({
          memoryId: row.id,
          userId,
          model: embedder.modelId,
          contentHash: row.contentHash,
          embedding: vectors[index] ?? [],
        })),
      )
      .onConflictDoUpdate({
        target: memoryEmbeddings.memoryId,
        set: {
          model: sql`excluded.model`,
          contentHash: sql`excluded.content_hash`,
          embedding: sql`excluded.embedding`,
          createdAt: sql`now()`,
        },
      });
    embedded += stale.length;
    if (stale.length < EMBED_BATCH) break;
  }
  return embedded;
}

const running = new Set<string>();
const lastPass = new Map<string, number>();
/** A prompt selection starts a pass for its user at most this often. */
const SELECTION_PASS_INTERVAL_MS = 30_000;

/**
 * Embeds the user's pending memories in the background, one pass per user at a time (`force`:
 * right after memories were written; otherwise at most every SELECTION_PASS_INTERVAL_MS). The
 * embeddings are a cache the next pass rebuilds, so a failure costs nothing but a log line.
 */
export function scheduleMemoryEmbedding(
  db: Executor,
  userId: string,
  {
    embedder = embedderFromEnv(),
    force = false,
  }: { embedder?: Embedder | null; force?: boolean } = {},
): Promise<void> | null {
  if (!embedder || running.has(userId)) return null;
  const now = Date.now();
  if (!force && now - (lastPass.get(userId) ?? 0) < SELECTION_PASS_INTERVAL_MS) return null;
  lastPass.set(userId, now);
  running.add(userId);
  return embedPendingMemories(db, { userId, embedder })
    .then(() => undefined)
    .catch((error: unknown) => {
      console.warn(`[embeddings] embedding memories failed: ${errorName(error)}`);
    })
    .finally(() => running.delete(userId));
}

/** The message's embedding within the timeout, or null (slow or failing endpoint). */
export async function embedMessage(embedder: Embedder, message: string): Promise<number[] | null> {
  try {
    return await embedder.embedOne(message, AbortSignal.timeout(embedder.timeoutMs));
  } catch (error) {
    console.warn(`[embeddings] message not embedded, full-text only: ${errorName(error)}`);
    return null;
  }
}

function errorName(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const status = (error as { statusCode?: number }).statusCode;
  return status ? `${error.name} (HTTP ${status})` : error.name;
}

const pgvectorByDatabase = new WeakMap<object, Promise<boolean>>();

/** Whether this database has pgvector; creates the extension once when it is available. */
export function hasPgvector(db: Executor): Promise<boolean> {
  let known = pgvectorByDatabase.get(db);
  if (!known) {
    known = detectPgvector(db);
    pgvectorByDatabase.set(db, known);
  }
  return known;
}

async function detectPgvector(db: Executor): Promise<boolean> {
  try {
    const rows = rowsOf<{ installed: boolean; available: boolean }>(
      await db.execute(sql`select
        exists(select 1 from pg_extension where extname = 'vector') as installed,
        exists(select 1 from pg_available_extensions where name = 'vector') as available`),
    );
    if (rows[0]?.installed) return true;
    if (!rows[0]?.available) {
      console.info("[embeddings] no pgvector in this database: similarity is computed in JS");
      return false;
    }
    await db.execute(sql`create extension if not exists vector`);
    return true;
  } catch (error) {
    console.info(`[embeddings] pgvector unusable (${errorName(error)}): similarity in JS`);
    return false;
  }
}

/** The user's active memories nearest to the message's embedding, nearest first. */
export async function findSimilar(
  db: Executor,
  {
    userId,
    modelId,
    vector,
    limit,
  }: { userId: string; modelId: string; vector: number[]; limit: number },
): Promise<SemanticCandidate[]> {
  if (vector.length === 0) return [];
  const pinned = sql<boolean>`(${memories.confirmedAt} is not null or ${memories.source} <> 'inferred')`;
  const columns = {
    id: memories.id,
    type: memories.type,
    category: memories.category,
    topic: memories.topic,
    detail: memories.detail,
    pinned,
    confidenceScore: memories.confidenceScore,
    lastSeenAt: memories.lastSeenAt,
  };
  const mine = and(
    eq(memoryEmbeddings.userId, userId),
    eq(memoryEmbeddings.model, modelId),
    eq(memories.userId, userId),
    eq(memories.status, "active"),
    sql`cardinality(${memoryEmbeddings.embedding}) = ${vector.length}`,
  );
  if (await hasPgvector(db)) {
    const literal = `[${vector.join(",")}]`;
    return db
      .select(columns)
      .from(memoryEmbeddings)
      .innerJoin(memories, eq(memories.id, memoryEmbeddings.memoryId))
      .where(mine)
      .orderBy(sql`${memoryEmbeddings.embedding}::vector <=> ${literal}::vector`)
      .limit(limit);
  }
  const rows = await db
    .select({ ...columns, embedding: memoryEmbeddings.embedding })
    .from(memoryEmbeddings)
    .innerJoin(memories, eq(memories.id, memoryEmbeddings.memoryId))
    .where(mine)
    .orderBy(
      sql`${pinned} desc`,
      sql`${memories.confidenceScore} desc`,
      sql`${memories.lastSeenAt} desc`,
    )
    .limit(SEMANTIC_POOL);
  return rows
    .map(({ embedding, ...row }) => ({ row, similarity: cosineSimilarity(vector, embedding) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, limit)
    .map(({ row }) => row);
}

function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  return (result as { rows: Row[] }).rows;
}
