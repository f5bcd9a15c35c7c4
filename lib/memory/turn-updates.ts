/**
 * What one turn's extraction changed, for the "Memory updated" notice under that turn:
 * the job's status, the memories it created, updated or suggested (from its history rows), and
 * the keys it forgot. Undo reverts the same job through `undoJobChanges`.
 */
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import { memoryHistory } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { findJobForTurn, findJobsForTurns, markJobUndone } from "@/lib/jobs/extraction-queue";
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
  /** The user undid these changes from the notice. */
  undone?: boolean;
};

const VISIBLE_ACTIONS = ["created", "updated", "suggested"] as const;
const NONE: TurnMemoryUpdates = { status: "none", changes: [], forgotten: [] };

export async function memoryUpdatesForTurn(
  db: Executor,
  { userId, assistantMessageId }: { userId: string; assistantMessageId: string },
): Promise<TurnMemoryUpdates> {
  const updates = await memoryUpdatesForTurns(db, {
    userId,
    assistantMessageIds: [assistantMessageId],
  });
  return updates.get(assistantMessageId) ?? NONE;
}

/**
 * The outcome of each of these turns' extraction, keyed by assistant message id (turns without
 * a job are left out): what a chat shows under its turns when it is opened. Two queries for the
 * whole chat.
 */
export async function memoryUpdatesForTurns(
  db: Executor,
  { userId, assistantMessageIds }: { userId: string; assistantMessageIds: string[] },
): Promise<Map<string, TurnMemoryUpdates>> {
  const jobs = await findJobsForTurns(db, { userId, assistantMessageIds });
  const doneJobIds = jobs.filter((job) => job.status === "done").map((job) => job.id);
  const entries =
    doneJobIds.length === 0
      ? []
      : await db
          .select()
          .from(memoryHistory)
          .where(
            and(
              inArray(memoryHistory.jobId, doneJobIds),
              eq(memoryHistory.userId, userId),
              inArray(memoryHistory.action, [...VISIBLE_ACTIONS]),
            ),
          )
          .orderBy(asc(memoryHistory.createdAt));

  const updates = new Map<string, TurnMemoryUpdates>();
  for (const job of jobs) {
    if (job.status === "failed") {
      updates.set(job.assistantMessageId, {
        status: "failed",
        changes: [],
        forgotten: [],
        error: job.lastError ?? "unknown error",
      });
      continue;
    }
    if (job.status !== "done") {
      updates.set(job.assistantMessageId, { status: job.status, changes: [], forgotten: [] });
      continue;
    }
    const changes = entries
      .filter((entry) => entry.jobId === job.id)
      .flatMap((entry): TurnMemoryChange[] => {
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
    updates.set(job.assistantMessageId, {
      status: "done",
      changes,
      forgotten: job.forgotten ?? [],
      undone: job.undoneAt !== null,
    });
  }
  return updates;
}

export async function undoTurnMemoryUpdates(
  db: Executor,
  { userId, assistantMessageId }: { userId: string; assistantMessageId: string },
): Promise<number> {
  const job = await findJobForTurn(db, { userId, assistantMessageId });
  if (!job) throw notFound("No memory updates for this message");
  const reverted = await undoJobChanges(db, { userId, jobId: job.id });
  await markJobUndone(db, { userId, jobId: job.id });
  return reverted;
}
