/**
 * What the memory page and the JSON API show of a user's memories, built on `queries.ts`: list
 * items (the API's memory JSON, plus — for a suggestion that would change a memory — that
 * memory's current wording, so "Ingat thinks this changed: old → new" needs no second request)
 * and the page summary (counts per type and status, the categories in use). One place, so the
 * server-rendered first page and `GET /api/memories` are the same JSON.
 */
import "server-only";
import { and, count, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import { memories } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { type PreviousDetailJson, previousDetails } from "./history";
import { type MemoryJson, type MemoryRow, toMemoryJson } from "./memory-row";
import { countMemoriesThatFit } from "./prompt-memories";
import { getMemory, listMemories, type MemoryFilters } from "./queries";
import { MEMORY_TYPES, type MemoryType } from "./vocabulary";

/** The memory a suggestion would change, as it reads now. */
export type ReplacedMemoryJson = { id: string; topic: string; detail: string };

export type MemoryListItemJson = MemoryJson & {
  replaces: ReplacedMemoryJson | null;
  /** What the memory said before a newer observation (or the user) replaced it. */
  previous: PreviousDetailJson | null;
};

export type MemoryListJson = { memories: MemoryListItemJson[]; next_cursor: string | null };

export type MemorySummaryJson = {
  /** Every memory of the user, active and suggested. */
  total: number;
  /** Active memories per type. */
  active: Record<MemoryType, number>;
  /** Suggestions waiting for review. */
  suggested: number;
  /** Categories the user's memories use, alphabetically (the category filter's options). */
  categories: string[];
  /** How many active memories fit in each reply's prompt (its memory budget). */
  fit_in_reply: number;
};

export async function listMemoryItems(
  db: Executor,
  userId: string,
  filters: MemoryFilters = {},
): Promise<MemoryListJson> {
  const page = await listMemories(db, userId, filters);
  return {
    memories: await withReplacedMemories(db, userId, page.memories),
    next_cursor: page.nextCursor,
  };
}

export async function getMemoryItem(
  db: Executor,
  userId: string,
  memoryId: string,
): Promise<MemoryListItemJson> {
  const [item] = await withReplacedMemories(db, userId, [await getMemory(db, userId, memoryId)]);
  if (!item) throw new Error("unreachable: one row in, one item out");
  return item;
}

/**
 * The page with one more active memory of the user's at its top (a link to it), if it exists;
 * otherwise the page as it was.
 */
export async function withMemory(
  db: Executor,
  userId: string,
  page: MemoryListJson,
  memoryId: string,
): Promise<MemoryListJson> {
  const item = await getMemoryItem(db, userId, memoryId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (item?.status !== "active") return page;
  return { ...page, memories: [item, ...page.memories] };
}

/**
 * Memory JSON for rows; the memories that suggestions would change are read in one query, what
 * the memories said before their latest replacement in another.
 */
export async function withReplacedMemories(
  db: Executor,
  userId: string,
  rows: MemoryRow[],
): Promise<MemoryListItemJson[]> {
  const replacedIds = [
    ...new Set(rows.flatMap((row) => (row.replacesMemoryId ? [row.replacesMemoryId] : []))),
  ];
  const [replaced, previous] = await Promise.all([
    replacedIds.length === 0
      ? []
      : db
          .select({ id: memories.id, topic: memories.topic, detail: memories.detail })
          .from(memories)
          .where(and(eq(memories.userId, userId), inArray(memories.id, replacedIds))),
    previousDetails(
      db,
      userId,
      rows.map((row) => row.id),
    ),
  ]);
  const byId = new Map(replaced.map((memory) => [memory.id, memory]));
  return rows.map((row) => ({
    ...toMemoryJson(row),
    replaces: (row.replacesMemoryId && byId.get(row.replacesMemoryId)) || null,
    previous: previous.get(row.id) ?? null,
  }));
}

export async function memorySummary(db: Executor, userId: string): Promise<MemorySummaryJson> {
  const groupsQuery = db
    .select({
      status: memories.status,
      type: memories.type,
      category: memories.category,
      count: count(),
    })
    .from(memories)
    .where(eq(memories.userId, userId))
    .groupBy(memories.status, memories.type, memories.category);
  const [groups, fitInReply] = await Promise.all([groupsQuery, countMemoriesThatFit(db, userId)]);

  const active = Object.fromEntries(MEMORY_TYPES.map((type) => [type, 0])) as Record<
    MemoryType,
    number
  >;
  let suggested = 0;
  let total = 0;
  const categories = new Set<string>();
  for (const group of groups) {
    total += group.count;
    categories.add(group.category);
    if (group.status === "suggested") suggested += group.count;
    else active[group.type] += group.count;
  }
  return {
    total,
    active,
    suggested,
    categories: [...categories].sort(),
    fit_in_reply: fitInReply,
  };
}
