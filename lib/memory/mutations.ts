/**
 * The user's own actions on their memories (memory page and JSON API): add by hand, edit,
 * confirm, delete, delete all, accept or reject a suggestion. The user's word is final:
 * what they add or edit is active, confirmed, source "user", confidence 1, and settles
 * its key — a pending suggestion for it is dropped. Each change is recorded in history (actor
 * "user"). Delete forgets the memory (forget.ts): gone at once, back with its undo token
 * within the undo window, purged after it.
 *
 * Editing or confirming a suggestion accepts it first. Rejecting one deletes it; nothing is kept
 * to stop the extractor from suggesting it again, because keeping it would keep its content.
 */
import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/lib/db/open";
import { extractionJobs, memories } from "@/lib/db/schema";
import { AppError, fieldReason, notFound } from "@/lib/errors";
import { dropForgotten, type ForgetReceipt, forgetMemories } from "./forget";
import { type HistoryAction, recordHistory } from "./history";
import { isUuid, type MemoryRow, snapshotOf } from "./memory-row";
import { cleanDetail, cleanTopic, normalizeCategory, topicKey } from "./normalize";
import { hasRoomForMemory, memoryQuotaReached } from "./quota";
import { looksLikeSecret } from "./secrets";
import {
  deleteOwnMemory,
  findOwnMemory,
  insertMemory,
  type KeyRows,
  lockKeyRows,
  updateMemory,
} from "./store";
import { forgetAllUsedMemories } from "./used-memories";
import { MEMORY_TYPES } from "./vocabulary";

const topicField = z
  .string()
  .transform(cleanTopic)
  .pipe(z.string().min(1, "Topic is required").max(120, "Topic is too long"))
  .refine((topic) => topicKey(topic) !== "", "Topic needs a word");
const detailField = z
  .string()
  .transform(cleanDetail)
  .pipe(z.string().min(1, "Detail is required").max(1000, "Detail is too long"));
const categoryField = z.string().max(60, "Category is too long").transform(normalizeCategory);

/** A memory as the user writes it (API body of POST /api/memories, the page's form). */
export const memoryInputSchema = z.object({
  type: z.enum(MEMORY_TYPES),
  category: categoryField,
  topic: topicField,
  detail: detailField,
});
export type MemoryInput = z.input<typeof memoryInputSchema>;

/** An edit: any of the fields, at least one. */
export const memoryEditSchema = memoryInputSchema
  .partial()
  .refine((edit) => Object.values(edit).some((value) => value !== undefined), "Nothing to change");
export type MemoryEdit = z.input<typeof memoryEditSchema>;

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path[0];
  const name = typeof field === "string" ? field : undefined;
  throw new AppError("bad_request", issue?.message ?? "Invalid memory", {
    field: name,
    reason: name ? fieldReason(name, issue?.code) : undefined,
  });
}

function refuseSecrets(content: { topic?: string; detail?: string }): void {
  for (const field of ["topic", "detail"] as const) {
    const value = content[field];
    if (value && looksLikeSecret(value)) {
      throw new AppError(
        "bad_request",
        "This looks like a password, key, card or ID number. Ingat doesn't store those.",
        { field, reason: "secret_refused" },
      );
    }
  }
}

/** Adds a memory by hand; an active memory of the same key is overwritten (with history). */
export async function createMemory(
  db: Executor,
  userId: string,
  input: MemoryInput,
): Promise<MemoryRow> {
  const memory = parse(memoryInputSchema, input);
  refuseSecrets(memory);
  return db.transaction(async (tx) => {
    const key = { userId, category: memory.category, topicKey: topicKey(memory.topic) };
    const stored = await lockKeyRows(tx, key);
    const values = {
      ...userVersion(),
      type: memory.type,
      category: key.category,
      topic: memory.topic,
      topicKey: key.topicKey,
      detail: memory.detail,
      sourceText: null,
      chatId: null,
      messageId: null,
    };
    await dropSuggestion(tx, userId, stored);
    if (stored.active) {
      return writeUserChange(tx, userId, stored.active, values, "edited");
    }
    if (!(await hasRoomForMemory(tx, userId))) throw memoryQuotaReached();
    const row = await insertMemory(tx, { ...values, userId });
    if (!row)
      throw new AppError("conflict", "This memory was changed meanwhile. Try again.", {
        reason: "memory_changed_meanwhile",
      });
    await recordHistory(tx, {
      userId,
      memoryId: row.id,
      actor: "user",
      action: "added",
      before: null,
      after: snapshotOf(row),
    });
    return row;
  });
}

/**
 * Edits a memory: the user's wording becomes the memory (source "user", confirmed). Moving it
 * onto a key that already has an active memory is refused (409) rather than merging silently.
 */
export async function editMemory(
  db: Executor,
  userId: string,
  memoryId: string,
  edit: MemoryEdit,
): Promise<MemoryRow> {
  const changes = parse(memoryEditSchema, edit);
  refuseSecrets(changes);
  return db.transaction(async (tx) => {
    let row = await findOwnMemory(tx, { userId, memoryId }, { lock: true });
    if (row.status === "suggested") row = await acceptLocked(tx, userId, row);

    const category = changes.category ?? row.category;
    const topic = changes.topic ?? row.topic;
    const key = { userId, category, topicKey: topicKey(topic) };
    const target = await lockKeyRows(tx, key);
    if (target.active && target.active.id !== row.id) {
      throw new AppError("conflict", "Another memory already has this topic", {
        field: "topic",
        reason: "topic_taken",
      });
    }
    // Suggestions for the key, or to change this memory, are settled by the user's wording.
    await dropSuggestion(tx, userId, target);
    await tx
      .delete(memories)
      .where(and(eq(memories.userId, userId), eq(memories.replacesMemoryId, row.id)));

    return writeUserChange(
      tx,
      userId,
      row,
      {
        ...userVersion(),
        type: changes.type ?? row.type,
        category,
        topic,
        topicKey: key.topicKey,
        detail: changes.detail ?? row.detail,
      },
      "edited",
    );
  });
}

/** "Yes, that's right": confirmed (protected from silent overwrites), confidence 1. */
export async function confirmMemory(
  db: Executor,
  userId: string,
  memoryId: string,
): Promise<MemoryRow> {
  return db.transaction(async (tx) => {
    const row = await findOwnMemory(tx, { userId, memoryId }, { lock: true });
    if (row.status === "suggested") return acceptLocked(tx, userId, row);
    if (row.confirmedAt) return row;
    return writeUserChange(
      tx,
      userId,
      row,
      { confirmedAt: databaseNow(), confidenceScore: 1 },
      "confirmed",
    );
  });
}

/** Forgets the memory (with its history and any suggestion to change it); Undo takes the token. */
export async function deleteMemory(
  db: Executor,
  userId: string,
  memoryId: string,
  { undoSeconds }: { undoSeconds: number },
): Promise<ForgetReceipt> {
  if (!isUuid(memoryId)) throw notFound("Memory not found");
  const receipt = await db.transaction((tx) =>
    forgetMemories(tx, { userId, memoryIds: [memoryId], undoSeconds, withToken: true }),
  );
  if (!receipt) throw notFound("Memory not found");
  return receipt;
}

/**
 * Deletes every memory of the user, and so all their history; returns how many. The topics that
 * extraction jobs forgot earlier (kept for the chat's "Memory updated" notice) and the copies
 * kept for Undo go too: after "Delete all", nothing Ingat learned about the user is left.
 */
export async function deleteAllMemories(db: Executor, userId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(memories)
      .where(eq(memories.userId, userId))
      .returning({ id: memories.id });
    await tx
      .update(extractionJobs)
      .set({ forgotten: null })
      .where(and(eq(extractionJobs.userId, userId), isNotNull(extractionJobs.forgotten)));
    await dropForgotten(tx, userId);
    await forgetAllUsedMemories(tx, userId);
    return deleted.length;
  });
}

/**
 * Accepts a suggestion: it becomes the key's active memory, confirmed. One that would change an
 * active memory overwrites it (the active row keeps its id and history) and is removed.
 */
export async function acceptSuggestion(
  db: Executor,
  userId: string,
  memoryId: string,
): Promise<MemoryRow> {
  return db.transaction(async (tx) => {
    const row = await findOwnMemory(tx, { userId, memoryId }, { lock: true });
    return acceptLocked(tx, userId, row);
  });
}

export async function rejectSuggestion(
  db: Executor,
  userId: string,
  memoryId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await findOwnMemory(tx, { userId, memoryId }, { lock: true });
    if (row.status !== "suggested") throw notSuggestion();
    await deleteOwnMemory(tx, { userId, memoryId });
  });
}

function notSuggestion(): AppError {
  return new AppError("conflict", "This memory is not a suggestion", {
    reason: "not_a_suggestion",
  });
}

async function acceptLocked(tx: Executor, userId: string, suggestion: MemoryRow) {
  if (suggestion.status !== "suggested") throw notSuggestion();
  const stored = await lockKeyRows(tx, {
    userId,
    category: suggestion.category,
    topicKey: suggestion.topicKey,
  });
  const accepted = {
    type: suggestion.type,
    topic: suggestion.topic,
    detail: suggestion.detail,
    // The user said it is right: as certain as a confirmed memory, not the extractor's guess.
    confidenceScore: 1,
    sourceText: suggestion.sourceText,
    source: suggestion.source,
    chatId: suggestion.chatId,
    messageId: suggestion.messageId,
    observedAt: suggestion.observedAt,
    lastSeenAt: suggestion.lastSeenAt,
    status: "active" as const,
    confirmedAt: databaseNow(),
    replacesMemoryId: null,
  };
  if (!stored.active) return writeUserChange(tx, userId, suggestion, accepted, "accepted");
  await deleteOwnMemory(tx, { userId, memoryId: suggestion.id });
  return writeUserChange(tx, userId, stored.active, accepted, "accepted");
}

/**
 * Now by the database's clock: a memory's times order it against what extraction observes in
 * messages, which carry the database's time — an instance's own clock may be off.
 */
const databaseNow = () => sql<Date>`now()`;

/** What a user's own statement is: active, confirmed, certain, observed now. */
function userVersion() {
  const now = databaseNow();
  return {
    source: "user" as const,
    status: "active" as const,
    confirmedAt: now,
    confidenceScore: 1,
    replacesMemoryId: null,
    observedAt: now,
    lastSeenAt: now,
  };
}

async function writeUserChange(
  tx: Executor,
  userId: string,
  before: MemoryRow,
  values: Parameters<typeof updateMemory>[2],
  action: HistoryAction,
): Promise<MemoryRow> {
  const after = await updateMemory(tx, { userId, memoryId: before.id }, values);
  await recordHistory(tx, {
    userId,
    memoryId: after.id,
    actor: "user",
    action,
    before: snapshotOf(before),
    after: snapshotOf(after),
  });
  return after;
}

async function dropSuggestion(tx: Executor, userId: string, stored: KeyRows): Promise<void> {
  if (stored.suggestion) {
    await deleteOwnMemory(tx, { userId, memoryId: stored.suggestion.id });
  }
}
