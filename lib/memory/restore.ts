/**
 * Putting back a memory the user just deleted (the memory page's Undo). Deleting is a hard
 * delete — no copy of the content survives on the server (SPEC §6) — so the only copy left is
 * the one the user's own page still holds, and Undo sends it back.
 *
 * The memory returns as it was (type, wording, confidence, source, status, quote, dates) under a
 * new id; its old history is gone for good and a "reverted" entry by the user starts the new
 * one. The copy comes from the client, so it is checked like any input: the same field rules and
 * secret check as a hand-added memory, and links to chats, messages and memories kept only when
 * they are the caller's own. If the key has been taken meanwhile (the user added the topic
 * again), restoring is refused rather than overwriting the newer memory.
 */
import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/lib/db/open";
import { chats, MEMORY_SOURCES, MEMORY_STATUSES, memories, messages } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { recordHistory } from "./history";
import { type MemoryRow, snapshotOf } from "./memory-row";
import { memoryInputSchema } from "./mutations";
import { topicKey } from "./normalize";
import { looksLikeSecret } from "./secrets";
import { insertMemory, lockKeyRows, type MemoryKey } from "./store";

const timestamp = z.iso.datetime({ offset: true });

/** A memory as the API returned it (snake_case); fields the server derives are ignored. */
export const memoryCopySchema = memoryInputSchema.extend({
  confidence_score: z.number().min(0).max(1),
  source: z.enum(MEMORY_SOURCES),
  status: z.enum(MEMORY_STATUSES),
  source_text: z.string().max(2000, "Source text is too long").nullable(),
  confirmed_at: timestamp.nullable(),
  chat_id: z.uuid().nullable(),
  message_id: z.uuid().nullable(),
  replaces_memory_id: z.uuid().nullable(),
  observed_at: timestamp,
  last_seen_at: timestamp,
  created_at: timestamp.optional(),
});
export type MemoryCopy = z.output<typeof memoryCopySchema>;

export async function restoreMemory(
  db: Executor,
  userId: string,
  copy: MemoryCopy,
): Promise<MemoryRow> {
  for (const field of ["topic", "detail", "source_text"] as const) {
    const value = copy[field];
    if (value && looksLikeSecret(value)) {
      throw new AppError(
        "bad_request",
        "This looks like a password, key, card or ID number. Ingat doesn't store those.",
        { field },
      );
    }
  }
  return db.transaction(async (tx) => {
    const key = { userId, category: copy.category, topicKey: topicKey(copy.topic) };
    const stored = await lockKeyRows(tx, key);
    const taken = copy.status === "active" ? stored.active : stored.suggestion;
    if (taken) {
      throw new AppError(
        "conflict",
        `There is already a memory about “${taken.topic}”. Edit that one instead.`,
        { field: "topic" },
      );
    }
    const links = await ownLinks(tx, key, copy);
    const row = await insertMemory(tx, {
      userId,
      type: copy.type,
      category: key.category,
      topic: copy.topic,
      topicKey: key.topicKey,
      detail: copy.detail,
      confidenceScore: copy.confidence_score,
      sourceText: copy.source_text,
      source: copy.source,
      status: copy.status,
      confirmedAt: copy.confirmed_at ? new Date(copy.confirmed_at) : null,
      ...links,
      observedAt: new Date(copy.observed_at),
      lastSeenAt: new Date(copy.last_seen_at),
      ...(copy.created_at ? { createdAt: new Date(copy.created_at) } : {}),
    });
    if (!row) throw new AppError("conflict", "This memory was changed meanwhile. Try again.");
    await recordHistory(tx, {
      userId,
      memoryId: row.id,
      actor: "user",
      action: "reverted",
      before: null,
      after: snapshotOf(row),
    });
    return row;
  });
}

/** The copy's links that point at the caller's own rows; anything else is dropped. */
async function ownLinks(tx: Executor, key: MemoryKey, copy: MemoryCopy) {
  const { userId } = key;
  const [chat] = copy.chat_id
    ? await tx
        .select({ id: chats.id })
        .from(chats)
        .where(and(eq(chats.id, copy.chat_id), eq(chats.userId, userId)))
    : [];
  const [message] =
    copy.message_id && chat
      ? await tx
          .select({ id: messages.id })
          .from(messages)
          .where(
            and(
              eq(messages.id, copy.message_id),
              eq(messages.chatId, chat.id),
              eq(messages.userId, userId),
            ),
          )
      : [];
  // Only a suggestion changes another memory, and only an active one of the same key.
  const [replaced] =
    copy.replaces_memory_id && copy.status === "suggested"
      ? await tx
          .select({ id: memories.id })
          .from(memories)
          .where(
            and(
              eq(memories.id, copy.replaces_memory_id),
              eq(memories.userId, userId),
              eq(memories.category, key.category),
              eq(memories.topicKey, key.topicKey),
              eq(memories.status, "active"),
            ),
          )
      : [];
  return {
    chatId: chat?.id ?? null,
    messageId: message?.id ?? null,
    replacesMemoryId: replaced?.id ?? null,
  };
}
