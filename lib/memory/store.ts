/**
 * Row-level building blocks shared by the extraction path and the user's own actions: lock the
 * rows of one memory key, find/insert/update/delete one memory. Every statement filters by the
 * owner's user id.
 */
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { PgInsertValue, PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Executor } from "@/lib/db/open";
import { memories } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { isUuid, type MemoryRow, memoryColumns } from "./memory-row";

export type KeyRows = { active: MemoryRow | null; suggestion: MemoryRow | null };
export type MemoryKey = { userId: string; category: string; topicKey: string };

/**
 * The rows stored under one key (user, category, topic_key): at most one active memory and one
 * pending suggestion, locked for the rest of the transaction so concurrent jobs and edits of the
 * same key take turns (FOR UPDATE; PGlite has a single connection anyway).
 */
export async function lockKeyRows(db: Executor, key: MemoryKey): Promise<KeyRows> {
  const rows = await db
    .select(memoryColumns)
    .from(memories)
    .where(
      and(
        eq(memories.userId, key.userId),
        eq(memories.category, key.category),
        eq(memories.topicKey, key.topicKey),
      ),
    )
    .for("update");
  return {
    active: rows.find((row) => row.status === "active") ?? null,
    suggestion: rows.find((row) => row.status === "suggested") ?? null,
  };
}

/** The caller's memory; anything else (another user's, a malformed id) → 404. */
export async function findOwnMemory(
  db: Executor,
  { userId, memoryId }: { userId: string; memoryId: string },
  { lock = false }: { lock?: boolean } = {},
): Promise<MemoryRow> {
  if (!isUuid(memoryId)) throw notFound("Memory not found");
  const query = db
    .select(memoryColumns)
    .from(memories)
    .where(and(eq(memories.id, memoryId), eq(memories.userId, userId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("Memory not found");
  return row;
}

/** Inserts unless another row holds the key and status already (then null). */
export async function insertMemory(
  db: Executor,
  values: PgInsertValue<typeof memories>,
): Promise<MemoryRow | null> {
  const [row] = await db
    .insert(memories)
    .values(values)
    .onConflictDoNothing()
    .returning(memoryColumns);
  return row ?? null;
}

export async function updateMemory(
  db: Executor,
  { userId, memoryId }: { userId: string; memoryId: string },
  values: Omit<PgUpdateSetSource<typeof memories>, "id" | "userId">,
): Promise<MemoryRow> {
  const [row] = await db
    .update(memories)
    // The database's clock, as for messages: several instances' clocks may disagree.
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(memories.id, memoryId), eq(memories.userId, userId)))
    .returning(memoryColumns);
  if (!row) throw notFound("Memory not found");
  return row;
}

/** Hard delete: the history rows and any suggestion replacing it cascade away. */
export async function deleteOwnMemory(
  db: Executor,
  { userId, memoryId }: { userId: string; memoryId: string },
): Promise<boolean> {
  const deleted = await db
    .delete(memories)
    .where(and(eq(memories.id, memoryId), eq(memories.userId, userId)))
    .returning({ id: memories.id });
  return deleted.length > 0;
}
