/**
 * The memory history: one row per change of a memory — who (extractor, explicit request, user),
 * what (action), and the content before and after. History rows belong to their memory and
 * cascade away with it, so deleting a memory leaves no copy of its content. Each memory keeps
 * its newest `MEMORY_HISTORY_MAX_PER_MEMORY` rows: a memory refreshed every day for years would
 * otherwise grow without bound.
 */
import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import { type MemoryHistoryEntry, memoryHistory } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import type { MemorySnapshot } from "./memory-row";

export const HISTORY_ACTIONS = [
  // by a job (undo reverts these)
  "created",
  "updated",
  "refreshed",
  "suggested",
  // by the user
  "added",
  "edited",
  "confirmed",
  "accepted",
  "reverted",
  "imported",
  "merged",
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];
export type HistoryActor = MemoryHistoryEntry["actor"];

/** The actions an extraction job records; `undoJobChanges` reverts exactly these. */
export const JOB_ACTIONS: HistoryAction[] = ["created", "updated", "refreshed", "suggested"];

export async function recordHistory(
  db: Executor,
  entry: {
    userId: string;
    memoryId: string;
    actor: HistoryActor;
    action: HistoryAction;
    before: MemorySnapshot | null;
    after: MemorySnapshot | null;
    jobId?: string | null;
  },
): Promise<void> {
  await db.insert(memoryHistory).values({
    userId: entry.userId,
    memoryId: entry.memoryId,
    actor: entry.actor,
    action: entry.action,
    before: entry.before,
    after: entry.after,
    jobId: entry.jobId ?? null,
    // now() is the transaction's start: several changes in one transaction need real order.
    createdAt: sql`clock_timestamp()`,
  });
  await pruneHistory(db, entry, getEnv().MEMORY_HISTORY_MAX_PER_MEMORY);
}

/** Deletes a memory's history rows beyond the newest `keep`. */
async function pruneHistory(
  db: Executor,
  { userId, memoryId }: { userId: string; memoryId: string },
  keep: number,
): Promise<void> {
  const ofMemory = and(eq(memoryHistory.userId, userId), eq(memoryHistory.memoryId, memoryId));
  const older = db
    .select({ id: memoryHistory.id })
    .from(memoryHistory)
    .where(ofMemory)
    .orderBy(desc(memoryHistory.createdAt), desc(memoryHistory.id))
    .offset(keep);
  await db.delete(memoryHistory).where(and(ofMemory, inArray(memoryHistory.id, older)));
}

/** What a memory said before its latest replacement, and when it was replaced. */
export type PreviousDetailJson = { detail: string; until: string };

/**
 * "Previously: X, until <date>" for each of the given memories of the user, in one query: the
 * newest history entry per memory that changed the detail of the memory while it was in use.
 * Confirmations and refreshes keep the detail, so they never count; a change made while the
 * memory was only a suggestion is not something it "previously" said. When that newest change is
 * an Undo, the replacement was taken back and there is nothing to show.
 */
export async function previousDetails(
  db: Executor,
  userId: string,
  memoryIds: string[],
): Promise<Map<string, PreviousDetailJson>> {
  if (memoryIds.length === 0) return new Map();
  const beforeDetail = sql<string>`${memoryHistory.before}->>'detail'`;
  const rows = await db
    .selectDistinctOn([memoryHistory.memoryId], {
      memoryId: memoryHistory.memoryId,
      action: memoryHistory.action,
      detail: beforeDetail,
      until: memoryHistory.createdAt,
    })
    .from(memoryHistory)
    .where(
      and(
        eq(memoryHistory.userId, userId),
        inArray(memoryHistory.memoryId, memoryIds),
        sql`${memoryHistory.before}->>'status' = 'active'`,
        sql`${beforeDetail} is distinct from ${memoryHistory.after}->>'detail'`,
      ),
    )
    .orderBy(memoryHistory.memoryId, desc(memoryHistory.createdAt), desc(memoryHistory.id));
  return new Map(
    rows.flatMap((row) =>
      row.action === "reverted" || row.detail === null
        ? []
        : [[row.memoryId, { detail: row.detail, until: row.until.toISOString() }] as const],
    ),
  );
}

export type MemoryHistoryJson = {
  id: string;
  memory_id: string;
  actor: HistoryActor;
  action: string;
  before: unknown;
  after: unknown;
  job_id: string | null;
  created_at: string;
};

export function toHistoryJson(entry: MemoryHistoryEntry): MemoryHistoryJson {
  return {
    id: entry.id,
    memory_id: entry.memoryId,
    actor: entry.actor,
    action: entry.action,
    before: entry.before,
    after: entry.after,
    job_id: entry.jobId,
    created_at: entry.createdAt.toISOString(),
  };
}
