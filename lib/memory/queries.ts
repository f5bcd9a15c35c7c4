/**
 * Reading a user's memories for the memory page, the JSON API, the export and the extraction
 * prompt. Every function takes the owner's user id and filters by it; an id that is not the
 * caller's is "not found", never "forbidden".
 *
 * Pagination of `listMemories` is by offset (an opaque cursor): the page orders by status, type,
 * confirmation and recency — a compound order that keyset pagination would have to spell out
 * column by column — and one user's memories are hundreds, not millions.
 */
import "server-only";
import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import {
  type MemoryHistoryEntry,
  memories,
  memoryHistory as memoryHistoryTable,
} from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { EXPORT_FORMAT_VERSION } from "./export-format";
import { type MemoryHistoryJson, toHistoryJson } from "./history";
import { type MemoryJson, type MemoryRow, memoryColumns, toMemoryJson } from "./memory-row";
import { normalizeCategory } from "./normalize";
import { findOwnMemory } from "./store";
import { MEMORY_TYPES } from "./vocabulary";

export type MemoryFilters = {
  type?: MemoryRow["type"];
  category?: string;
  status?: MemoryRow["status"];
  /** Full-text search (whole words) plus substring match on topic and detail. */
  q?: string;
  /** `newest` (the default) groups by type; the others rank all memories by their use. */
  sort?: MemorySort;
  limit?: number;
  cursor?: string | null;
};

export const MEMORY_SORTS = ["newest", "last_used", "most_used"] as const;
export type MemorySort = (typeof MEMORY_SORTS)[number];

export type MemoryPage = { memories: MemoryRow[]; nextCursor: string | null };

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Types in the order the memory page groups them. */
const typeRank = sql`case ${memories.type} ${sql.join(
  MEMORY_TYPES.map((type, rank) => sql`when ${type} then ${sql.raw(String(rank))}`),
  sql` `,
)} end`;

export async function listMemories(
  db: Executor,
  userId: string,
  filters: MemoryFilters = {},
): Promise<MemoryPage> {
  const limit = Math.min(
    Math.max(Math.trunc(filters.limit ?? DEFAULT_PAGE_SIZE), 1),
    MAX_PAGE_SIZE,
  );
  const offset = decodeCursor(filters.cursor);
  const conditions: (SQL | undefined)[] = [eq(memories.userId, userId)];
  if (filters.type) conditions.push(eq(memories.type, filters.type));
  if (filters.status) conditions.push(eq(memories.status, filters.status));
  if (filters.category?.trim()) {
    conditions.push(eq(memories.category, normalizeCategory(filters.category)));
  }
  const q = filters.q?.trim().slice(0, 200);
  if (q) conditions.push(searchCondition(q));

  const rows = await db
    .select(memoryColumns)
    .from(memories)
    .where(and(...conditions))
    .orderBy(...listOrder(filters.sort ?? "newest"))
    .limit(limit + 1)
    .offset(offset);
  const hasMore = rows.length > limit;
  return {
    memories: rows.slice(0, limit),
    nextCursor: hasMore ? encodeCursor(offset + limit) : null,
  };
}

function listOrder(sort: MemorySort): SQL[] {
  const newest = [
    sql`${memories.confirmedAt} is null`,
    desc(memories.updatedAt),
    desc(memories.id),
  ];
  const lastUsed = sql`${memories.lastUsedAt} desc nulls last`;
  if (sort === "last_used") return [asc(memories.status), lastUsed, ...newest];
  if (sort === "most_used") {
    return [asc(memories.status), desc(memories.useCount), lastUsed, ...newest];
  }
  return [asc(memories.status), typeRank, ...newest];
}

/** Whole words through the search vector; parts of words ("sush") through ILIKE. */
function searchCondition(q: string): SQL | undefined {
  const pattern = `%${q.replace(/[\\%_]/gu, (char) => `\\${char}`)}%`;
  return or(
    sql`${memories.searchVector} @@ websearch_to_tsquery('simple', ${q})`,
    ilike(memories.topic, pattern),
    ilike(memories.detail, pattern),
  );
}

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString("base64url");
}

function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,9})$/u.exec(Buffer.from(cursor, "base64url").toString());
  if (!match?.[1]) throw new AppError("bad_request", "Invalid cursor", { field: "cursor" });
  return Number(match[1]);
}

export async function getMemory(
  db: Executor,
  userId: string,
  memoryId: string,
): Promise<MemoryRow> {
  return findOwnMemory(db, { userId, memoryId });
}

/** The memory's changes, newest first. */
export async function memoryHistory(
  db: Executor,
  userId: string,
  memoryId: string,
): Promise<MemoryHistoryEntry[]> {
  await getMemory(db, userId, memoryId);
  return db
    .select()
    .from(memoryHistoryTable)
    .where(and(eq(memoryHistoryTable.memoryId, memoryId), eq(memoryHistoryTable.userId, userId)))
    .orderBy(desc(memoryHistoryTable.createdAt), desc(memoryHistoryTable.id));
}

export type MemoryExport = {
  /** The export format's version (export-format.ts): the import reads it back. */
  version: typeof EXPORT_FORMAT_VERSION;
  exported_at: string;
  memories: (MemoryJson & { history: MemoryHistoryJson[] })[];
};

export type MemoryExportItem = MemoryExport["memories"][number];

/**
 * Everything Ingat remembers about the user, with each memory's history, a batch of memories at
 * a time: the export streams these, so its size never has to fit in the server's memory at once.
 */
export async function* exportMemoryBatches(
  db: Executor,
  userId: string,
  { batchSize = 100 }: { batchSize?: number } = {},
): AsyncGenerator<MemoryExportItem[]> {
  const order = await db
    .select({ id: memories.id })
    .from(memories)
    .where(eq(memories.userId, userId))
    .orderBy(asc(memories.status), typeRank, asc(memories.category), asc(memories.topicKey));
  for (let start = 0; start < order.length; start += batchSize) {
    const ids = order.slice(start, start + batchSize).map((row) => row.id);
    const rows = await db
      .select(memoryColumns)
      .from(memories)
      .where(and(eq(memories.userId, userId), inArray(memories.id, ids)));
    const entries = await db
      .select()
      .from(memoryHistoryTable)
      .where(and(eq(memoryHistoryTable.userId, userId), inArray(memoryHistoryTable.memoryId, ids)))
      .orderBy(asc(memoryHistoryTable.createdAt), asc(memoryHistoryTable.id));
    const historyByMemory = new Map<string, MemoryHistoryJson[]>();
    for (const entry of entries) {
      const list = historyByMemory.get(entry.memoryId) ?? [];
      list.push(toHistoryJson(entry));
      historyByMemory.set(entry.memoryId, list);
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    // A memory deleted since the order was read is left out.
    yield ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [{ ...toMemoryJson(row), history: historyByMemory.get(id) ?? [] }] : [];
    });
  }
}

/** The whole export as one object (for tests and small callers; the route streams). */
export async function exportMemories(db: Executor, userId: string): Promise<MemoryExport> {
  const exported: MemoryExportItem[] = [];
  for await (const batch of exportMemoryBatches(db, userId)) exported.push(...batch);
  return {
    version: EXPORT_FORMAT_VERSION,
    exported_at: new Date().toISOString(),
    memories: exported,
  };
}

/**
 * The keys the user already has, so the extraction model reuses topics instead of inventing
 * near-duplicates. One entry per key (the active memory's wording when there is one).
 */
export async function listMemoryKeys(
  db: Executor,
  userId: string,
  { limit = 300 }: { limit?: number } = {},
): Promise<{ category: string; topic: string }[]> {
  return db
    .selectDistinctOn([memories.category, memories.topicKey], {
      category: memories.category,
      topic: memories.topic,
    })
    .from(memories)
    .where(eq(memories.userId, userId))
    .orderBy(asc(memories.category), asc(memories.topicKey), asc(memories.status))
    .limit(limit);
}
