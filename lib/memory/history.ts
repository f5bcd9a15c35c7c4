/**
 * The memory history: one row per change of a memory — who (extractor, explicit request, user),
 * what (action), and the content before and after. History rows belong to their memory and
 * cascade away with it, so deleting a memory leaves no copy of its content.
 */
import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import { type MemoryHistoryEntry, memoryHistory } from "@/lib/db/schema";
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
