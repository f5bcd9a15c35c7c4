/**
 * Memory hygiene: likely duplicates — two active memories of the user whose topic + detail are
 * similar by trigrams (pg_trgm), typically the same thing under two topics ("city: lives in
 * Bandung" and "home city: lives in Bandung") — offered in Review as "These look like the same
 * thing". Merge keeps the stronger one and removes the other, recording the merge in the kept
 * one's history; Keep both remembers the pair so it is not offered again.
 *
 * "Stronger": confirmed by the user, then stated explicitly or written by the user, then the
 * higher confidence, then the newer statement.
 */
import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import { memories, memoryDistinctPairs } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { isProtected, storedTime } from "./conflict";
import { recordHistory } from "./history";
import {
  type MemoryJson,
  type MemoryRow,
  memoryColumns,
  snapshotOf,
  toMemoryJson,
} from "./memory-row";
import { deleteOwnMemory, findOwnMemory } from "./store";

/** Topic + detail similarity (0..1) from which two memories count as likely the same. */
export const DUPLICATE_SIMILARITY = 0.5;
const MAX_PAIRS = 20;
/** The most important active memories compared: a bounded cost however many there are. */
const MAX_COMPARED = 2000;

export type DuplicatePair = { firstId: string; secondId: string; similarity: number };

/**
 * The user's likely duplicate pairs, most similar first; pairs the user kept apart are left out.
 * Similarity is pg_trgm's: shared trigrams over all trigrams of both texts. Postgres extracts each
 * memory's trigrams once (`show_trgm`) and the pairs are counted here through an inverted list:
 * a self-join calling similarity() per pair is quadratic in the database (seconds at a few hundred
 * memories), and a trigram index would slow every memory write many times over.
 */
export async function listLikelyDuplicates(db: Executor, userId: string): Promise<DuplicatePair[]> {
  const [rows, keptApart] = await Promise.all([
    db
      .select({
        id: memories.id,
        trigrams: sql<string[]>`show_trgm(${memories.topic} || ' ' || ${memories.detail})`,
      })
      .from(memories)
      .where(and(eq(memories.userId, userId), eq(memories.status, "active")))
      .orderBy(desc(memories.updatedAt), memories.id)
      .limit(MAX_COMPARED),
    db
      .select({
        first: memoryDistinctPairs.firstMemoryId,
        second: memoryDistinctPairs.secondMemoryId,
      })
      .from(memoryDistinctPairs)
      .where(eq(memoryDistinctPairs.userId, userId)),
  ]);
  const apart = new Set(keptApart.map((pair) => `${pair.first}/${pair.second}`));
  const sizes = rows.map((row) => new Set(row.trigrams).size);
  const postings = new Map<string, number[]>();
  const pairs: DuplicatePair[] = [];
  rows.forEach((row, index) => {
    const shared = new Map<number, number>();
    for (const trigram of new Set(row.trigrams)) {
      const earlier = postings.get(trigram);
      for (const other of earlier ?? []) shared.set(other, (shared.get(other) ?? 0) + 1);
      if (earlier) earlier.push(index);
      else postings.set(trigram, [index]);
    }
    for (const [other, count] of shared) {
      const similarity = count / ((sizes[index] ?? 0) + (sizes[other] ?? 0) - count);
      if (similarity < DUPLICATE_SIMILARITY) continue;
      const otherId = rows[other]?.id ?? "";
      const [firstId, secondId] = otherId < row.id ? [otherId, row.id] : [row.id, otherId];
      if (!apart.has(`${firstId}/${secondId}`)) pairs.push({ firstId, secondId, similarity });
    }
  });
  return pairs
    .sort(
      (a, b) =>
        b.similarity - a.similarity ||
        (a.firstId < b.firstId ? -1 : a.firstId > b.firstId ? 1 : a.secondId < b.secondId ? -1 : 1),
    )
    .slice(0, MAX_PAIRS);
}

/** Merges two of the user's active memories: the stronger stays, the other is removed. */
export async function mergeDuplicates(
  db: Executor,
  userId: string,
  memoryIds: [string, string],
): Promise<{ kept: MemoryRow; removedId: string }> {
  return db.transaction(async (tx) => {
    const [first, second] = await lockPair(tx, userId, memoryIds);
    for (const row of [first, second]) {
      if (row.status !== "active") {
        throw new AppError("conflict", "Only memories (not suggestions) can be merged.", {
          reason: "merge_suggestion",
        });
      }
    }
    const kept = strongerOf(first, second);
    const removed = kept === first ? second : first;
    await deleteOwnMemory(tx, { userId, memoryId: removed.id });
    await recordHistory(tx, {
      userId,
      memoryId: kept.id,
      actor: "user",
      action: "merged",
      before: snapshotOf(removed),
      after: snapshotOf(kept),
    });
    return { kept, removedId: removed.id };
  });
}

/** Remembers that the two memories are not the same thing. */
export async function keepBoth(
  db: Executor,
  userId: string,
  memoryIds: [string, string],
): Promise<void> {
  await db.transaction(async (tx) => {
    const [first, second] = await lockPair(tx, userId, memoryIds);
    const [a, b] = first.id < second.id ? [first, second] : [second, first];
    await tx
      .insert(memoryDistinctPairs)
      .values({ userId, firstMemoryId: a.id, secondMemoryId: b.id })
      .onConflictDoNothing();
  });
}

async function lockPair(
  tx: Executor,
  userId: string,
  [firstId, secondId]: [string, string],
): Promise<[MemoryRow, MemoryRow]> {
  if (firstId === secondId) {
    throw new AppError("bad_request", "memory_ids: must be two different memories.", {
      field: "memory_ids",
    });
  }
  // In id order, so two requests on one pair never deadlock.
  const [low, high] = firstId < secondId ? [firstId, secondId] : [secondId, firstId];
  const lowRow = await findOwnMemory(tx, { userId, memoryId: low }, { lock: true });
  const highRow = await findOwnMemory(tx, { userId, memoryId: high }, { lock: true });
  return low === firstId ? [lowRow, highRow] : [highRow, lowRow];
}

function strength(row: MemoryRow): number[] {
  return [
    row.confirmedAt !== null ? 1 : 0,
    isProtected(row) ? 1 : 0,
    row.confidenceScore,
    storedTime(row),
  ];
}

/** Compares strength vectors lexicographically. */
function compare(a: number[], b: number[]): number {
  for (let index = 0; index < a.length; index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export function strongerOf(a: MemoryRow, b: MemoryRow): MemoryRow {
  return compare(strength(a), strength(b)) >= 0 ? a : b;
}

/**
 * An active memory as the Review list shows it: a memory, not a suggestion (it replaces nothing),
 * compared by what it says now (no timeline).
 */
type DuplicateMemoryJson = MemoryJson & { replaces: null; previous: null };
export type DuplicatePairJson = {
  similarity: number;
  memories: [DuplicateMemoryJson, DuplicateMemoryJson];
};

/** The likely duplicates as Review shows them: both memories of each pair, as the API sends them. */
export async function listDuplicateItems(
  db: Executor,
  userId: string,
): Promise<DuplicatePairJson[]> {
  const pairs = await listLikelyDuplicates(db, userId);
  const ids = [...new Set(pairs.flatMap((pair) => [pair.firstId, pair.secondId]))];
  if (ids.length === 0) return [];
  const rows = await db
    .select(memoryColumns)
    .from(memories)
    .where(and(eq(memories.userId, userId), inArray(memories.id, ids)));
  const byId = new Map(
    rows.map((row) => [row.id, { ...toMemoryJson(row), replaces: null, previous: null }]),
  );
  return pairs.flatMap((pair) => {
    const first = byId.get(pair.firstId);
    const second = byId.get(pair.secondId);
    return first && second
      ? [{ similarity: Math.round(pair.similarity * 100) / 100, memories: [first, second] }]
      : [];
  });
}
