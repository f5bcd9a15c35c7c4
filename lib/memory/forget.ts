/**
 * Forgetting and deleting, with Undo. A forgotten memory (the user's "forget…" in a chat, or
 * Delete on the memory page) leaves `memories` at once — so the page, the API, export and
 * prompts no longer have it — together with its pending change and its history, and its words
 * are scrubbed from the other memories' quotes and history ("[forgotten]"). For the undo window
 * (MEMORY_UNDO_SECONDS) one `forgotten_memories` row keeps what is needed to bring it all back
 * exactly; Undo names it by a token the server issued (the page) or by the job that forgot it
 * (the chat's notice), never by anything the client sends about the memory. When the window has
 * passed, `purgeExpiredForgotten` — run by the worker, from rows that survive restarts — deletes
 * the row, and the content is gone for good.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/lib/db/open";
import {
  chats,
  extractionJobs,
  forgottenMemories,
  memories,
  memoryHistory,
  messages,
} from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { type MemoryHistoryJson, recordHistory, toHistoryJson } from "./history";
import {
  type MemoryRow,
  memoryColumns,
  memorySnapshotSchema,
  snapshotOf,
  valuesFromSnapshot,
} from "./memory-row";
import {
  FORGOTTEN_MARK,
  forgottenWords,
  scrubSnapshot,
  scrubText,
  wordsToScrubFrom,
} from "./scrub";
import { insertMemory, lockKeyRows } from "./store";
import { type ScrubbedUsage, scrubUsedMemories, unscrubUsedMemories } from "./used-memories";

export type ForgetReceipt = {
  /** Hand this to the client: it alone brings the memory back. Null for a job's forget. */
  undoToken: string | null;
  undoExpiresAt: Date;
};

const heldMemorySchema = memorySnapshotSchema.extend({
  id: z.string(),
  // Rows held before the flag existed were not imported.
  imported: z.boolean().default(false),
  created_at: z.string(),
  updated_at: z.string(),
  use_count: z.number().default(0),
  last_used_at: z.string().nullable().default(null),
});
type HeldMemory = z.infer<typeof heldMemorySchema>;
type ScrubbedQuote = { memoryId: string; original: string; scrubbed: string };
type ScrubbedHistory = {
  historyId: string;
  original: { before: unknown; after: unknown };
  scrubbed: { before: unknown; after: unknown };
};
type Scrubbed = {
  quotes: ScrubbedQuote[];
  history: ScrubbedHistory[];
  /** The replies that used the forgotten memories, as they read before. */
  usages?: ScrubbedUsage[];
};

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Forgets these memories of the user (and the suggestions that would change them) inside the
 * caller's transaction. `withToken` issues an undo token (the memory page); a job's forget is
 * undone through its job instead.
 */
export async function forgetMemories(
  tx: Executor,
  input: {
    userId: string;
    memoryIds: string[];
    undoSeconds: number;
    jobId?: string | null;
    withToken: boolean;
  },
): Promise<ForgetReceipt | null> {
  const { userId } = input;
  if (input.memoryIds.length === 0) return null;
  const rows = await tx
    .select(memoryColumns)
    .from(memories)
    .where(
      and(
        eq(memories.userId, userId),
        sql`(${inArray(memories.id, input.memoryIds)} or ${inArray(memories.replacesMemoryId, input.memoryIds)})`,
      ),
    )
    .orderBy(asc(memories.status))
    .for("update");
  if (rows.length === 0) return null;
  const ids = rows.map((row) => row.id);
  const history = await tx
    .select()
    .from(memoryHistory)
    .where(and(eq(memoryHistory.userId, userId), inArray(memoryHistory.memoryId, ids)))
    .orderBy(asc(memoryHistory.createdAt), asc(memoryHistory.id));

  await tx.delete(memories).where(and(eq(memories.userId, userId), inArray(memories.id, ids)));
  const scrubbed = await scrubOtherMemories(tx, userId, forgottenWords(rows));
  scrubbed.usages = await scrubUsedMemories(tx, userId, ids);

  const undoToken = input.withToken ? randomBytes(32).toString("base64url") : null;
  const [held] = await tx
    .insert(forgottenMemories)
    .values({
      userId,
      undoTokenHash: undoToken ? hashToken(undoToken) : null,
      jobId: input.jobId ?? null,
      memories: rows.map(heldMemoryOf),
      history: history.map(toHistoryJson),
      scrubbed,
      purgeAfter: sql`now() + make_interval(secs => ${input.undoSeconds})`,
    })
    .returning({ purgeAfter: forgottenMemories.purgeAfter });
  if (!held) throw new Error("the forgotten memory was not kept for undo");
  return { undoToken, undoExpiresAt: held.purgeAfter };
}

function heldMemoryOf(row: MemoryRow): HeldMemory {
  return {
    id: row.id,
    ...snapshotOf(row),
    imported: row.imported,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    use_count: row.useCount,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** Replaces the forgotten words in the other memories' quotes and history; returns the originals. */
async function scrubOtherMemories(
  tx: Executor,
  userId: string,
  words: string[],
): Promise<Scrubbed> {
  const scrubbed: Scrubbed = { quotes: [], history: [] };
  if (words.length === 0) return scrubbed;
  const others = await tx
    .select({
      id: memories.id,
      topic: memories.topic,
      detail: memories.detail,
      sourceText: memories.sourceText,
    })
    .from(memories)
    .where(eq(memories.userId, userId))
    .for("update");
  const wordsFor = new Map(others.map((memory) => [memory.id, wordsToScrubFrom(words, memory)]));

  for (const memory of others) {
    if (!memory.sourceText) continue;
    const clean = scrubText(memory.sourceText, wordsFor.get(memory.id) ?? []);
    if (clean === memory.sourceText) continue;
    await tx
      .update(memories)
      .set({ sourceText: clean })
      .where(and(eq(memories.id, memory.id), eq(memories.userId, userId)));
    scrubbed.quotes.push({ memoryId: memory.id, original: memory.sourceText, scrubbed: clean });
  }

  const entries = await tx
    .select({
      id: memoryHistory.id,
      memoryId: memoryHistory.memoryId,
      before: memoryHistory.before,
      after: memoryHistory.after,
    })
    .from(memoryHistory)
    .where(eq(memoryHistory.userId, userId));
  for (const entry of entries) {
    const scrub = wordsFor.get(entry.memoryId) ?? [];
    const clean = {
      before: scrubSnapshot(entry.before, scrub),
      after: scrubSnapshot(entry.after, scrub),
    };
    if (JSON.stringify(clean) === JSON.stringify({ before: entry.before, after: entry.after }))
      continue;
    await tx
      .update(memoryHistory)
      .set(clean)
      .where(and(eq(memoryHistory.id, entry.id), eq(memoryHistory.userId, userId)));
    scrubbed.history.push({
      historyId: entry.id,
      original: { before: entry.before, after: entry.after },
      scrubbed: clean,
    });
  }
  return scrubbed;
}

// ─── Undo ────────────────────────────────────────────────────────────────────────────────────

/** The page's Undo: brings back what the token's delete removed, exactly as it was. */
export async function restoreForgotten(
  db: Executor,
  { userId, undoToken }: { userId: string; undoToken: string },
): Promise<MemoryRow> {
  return db.transaction(async (tx) => {
    const [held] = await tx
      .select()
      .from(forgottenMemories)
      .where(
        and(
          eq(forgottenMemories.userId, userId),
          eq(forgottenMemories.undoTokenHash, hashToken(undoToken)),
          sql`${forgottenMemories.purgeAfter} > now()`,
        ),
      )
      .for("update");
    if (!held)
      throw notFound("There is nothing to undo: the undo window has passed.", "undo_expired");
    const restored = await restoreHeld(tx, userId, held, { onConflict: "throw" });
    const first = restored[0];
    if (!first)
      throw notFound("There is nothing to undo: the undo window has passed.", "undo_expired");
    return first;
  });
}

/** The notice's Undo of a turn: brings back what that job forgot. Returns how many memories. */
export async function restoreForgottenByJob(
  tx: Executor,
  { userId, jobId }: { userId: string; jobId: string },
): Promise<number> {
  const held = await tx
    .select()
    .from(forgottenMemories)
    .where(
      and(
        eq(forgottenMemories.userId, userId),
        eq(forgottenMemories.jobId, jobId),
        sql`${forgottenMemories.purgeAfter} > now()`,
      ),
    )
    .for("update");
  let count = 0;
  for (const row of held)
    count += (await restoreHeld(tx, userId, row, { onConflict: "skip" })).length;
  return count;
}

async function restoreHeld(
  tx: Executor,
  userId: string,
  held: typeof forgottenMemories.$inferSelect,
  { onConflict }: { onConflict: "throw" | "skip" },
): Promise<MemoryRow[]> {
  const rows = z.array(heldMemorySchema).parse(held.memories);
  for (const row of rows) {
    const stored = await lockKeyRows(tx, {
      userId,
      category: row.category,
      topicKey: row.topic_key,
    });
    const taken = row.status === "active" ? stored.active : stored.suggestion;
    if (!taken) continue;
    if (onConflict === "skip") return [];
    throw new AppError(
      "conflict",
      `There is already a memory about “${taken.topic}”. Edit that one instead.`,
      {
        field: "topic",
      },
    );
  }

  const restored: MemoryRow[] = [];
  const ids = new Set(rows.map((row) => row.id));
  // Active first: a suggestion may point at the memory it would change.
  for (const row of [...rows].sort((a, b) =>
    a.status === b.status ? 0 : a.status === "active" ? -1 : 1,
  )) {
    const links = await existingLinks(tx, userId, row, ids);
    const inserted = await insertMemory(tx, {
      ...valuesFromSnapshot({ ...row, ...links }),
      imported: row.imported,
      id: row.id,
      userId,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      useCount: row.use_count,
      lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
    });
    if (!inserted)
      throw new AppError("conflict", "This memory was changed meanwhile. Try again.", {
        reason: "memory_changed_meanwhile",
      });
    restored.push(inserted);
  }
  await restoreHistory(tx, userId, z.array(z.custom<MemoryHistoryJson>()).parse(held.history));
  await unscrub(tx, userId, held.scrubbed as Scrubbed);
  await unscrubUsedMemories(
    tx,
    userId,
    (held.scrubbed as Scrubbed).usages ?? [],
    new Set(restored.map((row) => row.id)),
  );
  for (const row of restored) {
    await recordHistory(tx, {
      userId,
      memoryId: row.id,
      actor: "user",
      action: "reverted",
      before: null,
      after: snapshotOf(row),
    });
  }
  await tx.delete(forgottenMemories).where(eq(forgottenMemories.id, held.id));
  return restored;
}

/** The held row's links to chats, messages and memories that still exist (and are the user's). */
async function existingLinks(
  tx: Executor,
  userId: string,
  row: HeldMemory,
  restoring: Set<string>,
) {
  const exists = async (found: Promise<{ id: string }[]>) => (await found).length > 0;
  const chatId =
    row.chat_id &&
    (await exists(
      tx
        .select({ id: chats.id })
        .from(chats)
        .where(and(eq(chats.id, row.chat_id), eq(chats.userId, userId))),
    ))
      ? row.chat_id
      : null;
  const messageId =
    row.message_id &&
    (await exists(
      tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.id, row.message_id), eq(messages.userId, userId))),
    ))
      ? row.message_id
      : null;
  const replaced = row.replaces_memory_id;
  const replacesMemoryId =
    replaced &&
    (restoring.has(replaced) ||
      (await exists(
        tx
          .select({ id: memories.id })
          .from(memories)
          .where(and(eq(memories.id, replaced), eq(memories.userId, userId))),
      )))
      ? replaced
      : null;
  return { chat_id: chatId, message_id: messageId, replaces_memory_id: replacesMemoryId };
}

async function restoreHistory(
  tx: Executor,
  userId: string,
  entries: MemoryHistoryJson[],
): Promise<void> {
  if (entries.length === 0) return;
  const jobIds = [...new Set(entries.flatMap((entry) => (entry.job_id ? [entry.job_id] : [])))];
  const jobs =
    jobIds.length === 0
      ? []
      : await tx
          .select({ id: extractionJobs.id })
          .from(extractionJobs)
          .where(and(eq(extractionJobs.userId, userId), inArray(extractionJobs.id, jobIds)));
  const liveJobs = new Set(jobs.map((job) => job.id));
  await tx.insert(memoryHistory).values(
    entries.map((entry) => ({
      id: entry.id,
      memoryId: entry.memory_id,
      userId,
      actor: entry.actor,
      action: entry.action,
      before: entry.before,
      after: entry.after,
      jobId: entry.job_id && liveJobs.has(entry.job_id) ? entry.job_id : null,
      createdAt: new Date(entry.created_at),
    })),
  );
}

/** Puts the scrubbed words back where the text is still as the forget left it. */
async function unscrub(tx: Executor, userId: string, scrubbed: Scrubbed): Promise<void> {
  for (const quote of scrubbed.quotes ?? []) {
    await tx
      .update(memories)
      .set({ sourceText: quote.original })
      .where(
        and(
          eq(memories.id, quote.memoryId),
          eq(memories.userId, userId),
          eq(memories.sourceText, quote.scrubbed),
        ),
      );
  }
  for (const entry of scrubbed.history ?? []) {
    await tx
      .update(memoryHistory)
      .set(entry.original)
      .where(
        and(
          eq(memoryHistory.id, entry.historyId),
          eq(memoryHistory.userId, userId),
          sql`${memoryHistory.before} is not distinct from ${jsonb(entry.scrubbed.before)}`,
          sql`${memoryHistory.after} is not distinct from ${jsonb(entry.scrubbed.after)}`,
        ),
      );
  }
}

const jsonb = (value: unknown) =>
  value === null || value === undefined ? sql`null::jsonb` : sql`${JSON.stringify(value)}::jsonb`;

// ─── Purge ───────────────────────────────────────────────────────────────────────────────────

/**
 * Deletes what is past its undo window — the only remaining copy of the forgotten content —
 * and names the jobs' forgotten topics "[forgotten]". Several runners may call it at once: each
 * takes rows the others have not locked. Returns how many it purged.
 */
export async function purgeExpiredForgotten(db: Executor, { limit = 100 } = {}): Promise<number> {
  return db.transaction(async (tx) => {
    const due = tx
      .select({ id: forgottenMemories.id })
      .from(forgottenMemories)
      .where(lte(forgottenMemories.purgeAfter, sql`now()`))
      .orderBy(asc(forgottenMemories.purgeAfter))
      .limit(limit)
      .for("update", { skipLocked: true });
    const purged = await tx
      .delete(forgottenMemories)
      .where(inArray(forgottenMemories.id, due))
      .returning({ userId: forgottenMemories.userId, jobId: forgottenMemories.jobId });
    const jobIds = [...new Set(purged.flatMap((row) => (row.jobId ? [row.jobId] : [])))];
    if (jobIds.length > 0) await markForgottenTopics(tx, jobIds);
    return purged.length;
  });
}

async function markForgottenTopics(tx: Executor, jobIds: string[]): Promise<void> {
  const jobs = await tx
    .select({ id: extractionJobs.id, forgotten: extractionJobs.forgotten })
    .from(extractionJobs)
    .where(and(inArray(extractionJobs.id, jobIds), isNotNull(extractionJobs.forgotten)));
  for (const job of jobs) {
    await tx
      .update(extractionJobs)
      .set({
        forgotten: (job.forgotten ?? []).map(({ category }) => ({
          category,
          topic: FORGOTTEN_MARK,
        })),
      })
      .where(eq(extractionJobs.id, job.id));
  }
}

/** "Delete all": the held copies go too, so nothing is left to undo. */
export async function dropForgotten(tx: Executor, userId: string): Promise<void> {
  await tx.delete(forgottenMemories).where(eq(forgottenMemories.userId, userId));
}
