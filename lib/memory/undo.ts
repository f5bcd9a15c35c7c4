/**
 * Undo of one extraction job (the "Undo" of the "Memory updated" notice): walks the job's
 * history rows newest first and puts each memory back as it was — created → deleted; updated,
 * refreshed or replaced suggestion → the `before` content restored; new suggestion → deleted.
 *
 * Only what is still exactly as the job left it is reverted: a memory the user (or a later job)
 * changed since is left alone, which also makes a second undo a no-op. Each revert is recorded
 * as a "reverted" history row by the user. Then what the job forgot comes back, within the undo
 * window (forget.ts) — after the reverts, so "forget Paris, I live in Berlin" undoes to Paris.
 *
 * Not undoable: suggestions the job dropped as stale (deleted with their history).
 */
import "server-only";
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import { chats, extractionJobs, memories, memoryHistory, messages } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { restoreForgottenByJob } from "./forget";
import { JOB_ACTIONS, recordHistory } from "./history";
import {
  isUuid,
  type MemorySnapshot,
  memoryColumns,
  memorySnapshotSchema,
  rowMatchesSnapshot,
  snapshotOf,
  valuesFromSnapshot,
} from "./memory-row";
import { deleteOwnMemory, updateMemory } from "./store";

export async function undoJobChanges(
  db: Executor,
  { userId, jobId }: { userId: string; jobId: string },
): Promise<number> {
  if (!isUuid(jobId)) throw notFound("Extraction job not found");
  return db.transaction(async (tx) => {
    const [job] = await tx
      .select({ id: extractionJobs.id })
      .from(extractionJobs)
      .where(and(eq(extractionJobs.id, jobId), eq(extractionJobs.userId, userId)));
    if (!job) throw notFound("Extraction job not found");

    const entries = await tx
      .select()
      .from(memoryHistory)
      .where(
        and(
          eq(memoryHistory.jobId, jobId),
          eq(memoryHistory.userId, userId),
          inArray(memoryHistory.action, JOB_ACTIONS),
        ),
      )
      .orderBy(desc(memoryHistory.createdAt), desc(memoryHistory.id));

    let reverted = 0;
    for (const entry of entries) {
      const after = memorySnapshotSchema.safeParse(entry.after);
      const before = entry.before === null ? null : memorySnapshotSchema.safeParse(entry.before);
      if (!after.success || (before && !before.success)) continue;
      const done = await revertEntry(tx, {
        userId,
        memoryId: entry.memoryId,
        after: after.data,
        before: before ? before.data : null,
      });
      if (done) reverted += 1;
    }
    return reverted + (await restoreForgottenByJob(tx, { userId, jobId }));
  });
}

async function revertEntry(
  tx: Executor,
  step: { userId: string; memoryId: string; after: MemorySnapshot; before: MemorySnapshot | null },
): Promise<boolean> {
  const { userId, memoryId } = step;
  const [current] = await tx
    .select(memoryColumns)
    .from(memories)
    .where(and(eq(memories.id, memoryId), eq(memories.userId, userId)))
    .for("update");
  if (!current || !rowMatchesSnapshot(current, step.after)) return false;

  if (!step.before) return deleteOwnMemory(tx, { userId, memoryId });

  const restored = await restorable(tx, userId, step.before);
  // Another row took this key and status since (e.g. a newer suggestion): leave both alone.
  const [clash] = await tx
    .select({ id: memories.id })
    .from(memories)
    .where(
      and(
        eq(memories.userId, userId),
        eq(memories.category, restored.category),
        eq(memories.topicKey, restored.topic_key),
        eq(memories.status, restored.status),
        ne(memories.id, memoryId),
      ),
    );
  if (clash) return false;

  const row = await updateMemory(tx, { userId, memoryId }, valuesFromSnapshot(restored));
  await recordHistory(tx, {
    userId,
    memoryId,
    actor: "user",
    action: "reverted",
    before: snapshotOf(current),
    after: snapshotOf(row),
  });
  return true;
}

/** The snapshot with links to rows that no longer exist (deleted chat, message, memory) cut. */
async function restorable(
  tx: Executor,
  userId: string,
  snapshot: MemorySnapshot,
): Promise<MemorySnapshot> {
  const exists = async (found: Promise<{ id: string }[]>) => (await found).length > 0;
  const chatId =
    snapshot.chat_id &&
    (await exists(
      tx
        .select({ id: chats.id })
        .from(chats)
        .where(and(eq(chats.id, snapshot.chat_id), eq(chats.userId, userId))),
    ))
      ? snapshot.chat_id
      : null;
  const messageId =
    snapshot.message_id &&
    (await exists(
      tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.id, snapshot.message_id), eq(messages.userId, userId))),
    ))
      ? snapshot.message_id
      : null;
  const replacesMemoryId =
    snapshot.replaces_memory_id &&
    (await exists(
      tx
        .select({ id: memories.id })
        .from(memories)
        .where(and(eq(memories.id, snapshot.replaces_memory_id), eq(memories.userId, userId))),
    ))
      ? snapshot.replaces_memory_id
      : null;
  return {
    ...snapshot,
    chat_id: chatId,
    message_id: messageId,
    replaces_memory_id: replacesMemoryId,
  };
}
