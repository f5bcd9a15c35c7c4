/**
 * What one turn's extraction changed, for the "Memory updated" notice under that turn (SPEC §3):
 * the job's status, the memories it created, updated or suggested (from its history rows), and
 * the keys it forgot. Undo reverts the same job through `undoJobChanges`.
 */
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import { memoryHistory } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { findJobForTurn } from "@/lib/jobs/extraction-queue";
import { memorySnapshotSchema } from "./memory-row";
import { undoJobChanges } from "./undo";

export type TurnMemoryChange = {
  memoryId: string;
  action: "created" | "updated" | "suggested";
  type: string;
  category: string;
  topic: string;
  detail: string;
  status: string;
};

export type TurnMemoryUpdates = {
  status: "none" | "pending" | "running" | "done" | "failed" | "skipped";
  changes: TurnMemoryChange[];
  forgotten: { category: string; topic: string }[];
  /** Why the job failed (its last error: the error's class and message), only when `failed`. */
  error?: string;
};

const VISIBLE_ACTIONS = ["created", "updated", "suggested"] as const;

export async function memoryUpdatesForTurn(
  db: Executor,
  { userId, assistantMessageId }: { userId: string; assistantMessageId: string },
): Promise<TurnMemoryUpdates> {
  const job = await findJobForTurn(db, { userId, assistantMessageId });
  if (!job) return { status: "none", changes: [], forgotten: [] };
  if (job.status === "failed") {
    return {
      status: "failed",
      changes: [],
      forgotten: [],
      error: job.lastError ?? "unknown error",
    };
  }
  if (job.status !== "done") return { status: job.status, changes: [], forgotten: [] };

  const entries = await db
    .select()
    .from(memoryHistory)
    .where(
      and(
        eq(memoryHistory.jobId, job.id),
        eq(memoryHistory.userId, userId),
        inArray(memoryHistory.action, [...VISIBLE_ACTIONS]),
      ),
    )
    .orderBy(asc(memoryHistory.createdAt));
  const changes = entries.flatMap((entry): TurnMemoryChange[] => {
    const after = memorySnapshotSchema.safeParse(entry.after);
    if (!after.success) return [];
    return [
      {
        memoryId: entry.memoryId,
        action: entry.action as TurnMemoryChange["action"],
        type: after.data.type,
        category: after.data.category,
        topic: after.data.topic,
        detail: after.data.detail,
        status: after.data.status,
      },
    ];
  });
  return { status: "done", changes, forgotten: job.forgotten ?? [] };
}

export async function undoTurnMemoryUpdates(
  db: Executor,
  { userId, assistantMessageId }: { userId: string; assistantMessageId: string },
): Promise<number> {
  const job = await findJobForTurn(db, { userId, assistantMessageId });
  if (!job) throw notFound("No memory updates for this message");
  return undoJobChanges(db, { userId, jobId: job.id });
}
