/**
 * "Used N memories": which memories a reply's prompt carried. The assistant message keeps them
 * as they read then (`messages.used_memories`, written in the same insert as the reply, so the
 * reply waits for nothing); the memories' use counts are bumped after the reply. Forgetting a
 * memory strips its words from every reply that used it (only the id stays, marked forgotten)
 * and Undo puts them back; reading a chat marks entries whose memory is gone as forgotten too.
 */
import "server-only";
import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import { memories, messages, type UsedMemory } from "@/lib/db/schema";

export type { UsedMemory };

/** What a client is shown of one used memory. */
export type UsedMemoryView =
  | {
      id: string;
      type: string;
      category: string;
      topic: string;
      detail: string;
      forgotten: false;
    }
  | { id: string; forgotten: true };

type PromptSelection = {
  id: string;
  type: string;
  category: string;
  topic: string;
  detail: string;
};

/** The column value for a reply whose prompt carried these memories (null: none). */
export function usedMemoriesOf(selected: PromptSelection[]): UsedMemory[] | null {
  if (selected.length === 0) return null;
  return selected.map(({ id, type, category, topic, detail }) => ({
    id,
    type,
    category,
    topic,
    detail,
  }));
}

type MemoryUse = { userId: string; memoryIds: string[] };

/** One more use for each, now. Only the user's own memories are touched. */
function memoryUseUpdate(db: Executor, { userId, memoryIds }: MemoryUse) {
  return db
    .update(memories)
    .set({ useCount: sql`${memories.useCount} + 1`, lastUsedAt: sql`now()` })
    .where(and(eq(memories.userId, userId), inArray(memories.id, memoryIds)));
}

/** After the reply, on its own. */
export async function recordMemoryUse(db: Executor, use: MemoryUse): Promise<void> {
  if (use.memoryIds.length === 0) return;
  await memoryUseUpdate(db, use);
}

/** The same, as a CTE of the statement that saves the reply (saveReplyAndTouchChat). */
export function recordMemoryUseAlongside(db: Executor, use: MemoryUse) {
  return db.$with("used_memories").as(memoryUseUpdate(db, use).returning({ id: memories.id }));
}

/** For each message, its used memories as the client shows them (live ones only as such). */
export async function viewUsedMemories(
  db: Executor,
  userId: string,
  rows: { id: string; usedMemories: UsedMemory[] | null }[],
): Promise<Map<string, UsedMemoryView[]>> {
  const ids = [
    ...new Set(
      rows.flatMap((row) =>
        (row.usedMemories ?? []).flatMap((used) => ("forgotten" in used ? [] : [used.id])),
      ),
    ),
  ];
  const live =
    ids.length === 0
      ? []
      : await db
          .select({ id: memories.id })
          .from(memories)
          .where(
            and(
              eq(memories.userId, userId),
              eq(memories.status, "active"),
              inArray(memories.id, ids),
            ),
          );
  const liveIds = new Set(live.map((memory) => memory.id));
  const views = new Map<string, UsedMemoryView[]>();
  for (const row of rows) {
    if (!row.usedMemories?.length) continue;
    views.set(
      row.id,
      row.usedMemories.map((used) =>
        "forgotten" in used || !liveIds.has(used.id)
          ? { id: used.id, forgotten: true }
          : { ...used, forgotten: false },
      ),
    );
  }
  return views;
}

/** A reply's entries as they were before a forget stripped them (for Undo). */
export type ScrubbedUsage = { messageId: string; entries: UsedMemory[] };

/** Strips the forgotten memories' words from the replies that used them; returns the originals. */
export async function scrubUsedMemories(
  tx: Executor,
  userId: string,
  memoryIds: string[],
): Promise<ScrubbedUsage[]> {
  if (memoryIds.length === 0) return [];
  const forgotten = new Set(memoryIds);
  const using = await tx
    .select({ id: messages.id, usedMemories: messages.usedMemories })
    .from(messages)
    .where(
      and(
        eq(messages.userId, userId),
        or(
          ...memoryIds.map(
            (id) => sql`${messages.usedMemories} @> ${JSON.stringify([{ id }])}::jsonb`,
          ),
        ),
      ),
    )
    .for("update");
  const scrubbed: ScrubbedUsage[] = [];
  for (const message of using) {
    const entries = message.usedMemories ?? [];
    await tx
      .update(messages)
      .set({
        usedMemories: entries.map((used) =>
          forgotten.has(used.id) ? { id: used.id, forgotten: true as const } : used,
        ),
      })
      .where(and(eq(messages.id, message.id), eq(messages.userId, userId)));
    scrubbed.push({ messageId: message.id, entries });
  }
  return scrubbed;
}

/** Undo of a forget: the restored memories read again as they did in those replies. */
export async function unscrubUsedMemories(
  tx: Executor,
  userId: string,
  usages: ScrubbedUsage[],
  restoredIds: Set<string>,
): Promise<void> {
  for (const usage of usages) {
    const [message] = await tx
      .select({ usedMemories: messages.usedMemories })
      .from(messages)
      .where(and(eq(messages.id, usage.messageId), eq(messages.userId, userId)))
      .for("update");
    if (!message?.usedMemories) continue;
    const originals = new Map(usage.entries.map((entry) => [entry.id, entry]));
    await tx
      .update(messages)
      .set({
        usedMemories: message.usedMemories.map((used) => {
          const original = originals.get(used.id);
          return "forgotten" in used && original && restoredIds.has(used.id) ? original : used;
        }),
      })
      .where(and(eq(messages.id, usage.messageId), eq(messages.userId, userId)));
  }
}

/** "Delete all": every reply keeps only the ids of what it used. */
export async function forgetAllUsedMemories(tx: Executor, userId: string): Promise<void> {
  await tx
    .update(messages)
    .set({
      usedMemories: sql`(select jsonb_agg(jsonb_build_object('id', used->>'id', 'forgotten', true))
        from jsonb_array_elements(${messages.usedMemories}) as used)`,
    })
    .where(and(eq(messages.userId, userId), isNotNull(messages.usedMemories)));
}
