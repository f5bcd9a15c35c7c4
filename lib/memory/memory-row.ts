/**
 * How a memory row looks outside the database: the columns we select (never the generated
 * search vector), the JSON shape of the API and export (snake_case, matching the extraction
 * schema: `confidence_score`, `source_text`, …) and the snapshot kept in history before/after.
 */
import { getTableColumns } from "drizzle-orm";
import { z } from "zod";
import { MEMORY_SOURCES, MEMORY_STATUSES, type Memory, memories } from "@/lib/db/schema";
import { MEMORY_TYPES } from "./vocabulary";

export type MemoryRow = Omit<Memory, "searchVector">;

const { searchVector: _searchVector, ...selectedColumns } = getTableColumns(memories);
/** Every column but the search vector: `db.select(memoryColumns).from(memories)`. */
export const memoryColumns = selectedColumns;

export type MemoryJson = {
  id: string;
  type: MemoryRow["type"];
  category: string;
  topic: string;
  topic_key: string;
  detail: string;
  confidence_score: number;
  source_text: string | null;
  source: MemoryRow["source"];
  status: MemoryRow["status"];
  confirmed: boolean;
  confirmed_at: string | null;
  chat_id: string | null;
  message_id: string | null;
  replaces_memory_id: string | null;
  /** From text pasted from another assistant. */
  imported: boolean;
  observed_at: string;
  last_seen_at: string;
  /** How many replies used it, and when the last one did (null: never). */
  use_count: number;
  last_used_at: string | null;
  created_at: string;
  updated_at: string;
};

export function toMemoryJson(row: MemoryRow): MemoryJson {
  return {
    id: row.id,
    ...snapshotOf(row),
    confirmed: row.confirmedAt !== null,
    use_count: row.useCount,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    imported: row.imported,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The content of a memory as history keeps it: enough to restore the row exactly. */
export const memorySnapshotSchema = z.object({
  type: z.enum(MEMORY_TYPES),
  category: z.string(),
  topic: z.string(),
  topic_key: z.string(),
  detail: z.string(),
  confidence_score: z.number(),
  source_text: z.string().nullable(),
  source: z.enum(MEMORY_SOURCES),
  status: z.enum(MEMORY_STATUSES),
  confirmed_at: z.string().nullable(),
  chat_id: z.string().nullable(),
  message_id: z.string().nullable(),
  replaces_memory_id: z.string().nullable(),
  observed_at: z.string(),
  last_seen_at: z.string(),
});
export type MemorySnapshot = z.infer<typeof memorySnapshotSchema>;

export function snapshotOf(row: MemoryRow): MemorySnapshot {
  return {
    type: row.type,
    category: row.category,
    topic: row.topic,
    topic_key: row.topicKey,
    detail: row.detail,
    confidence_score: row.confidenceScore,
    source_text: row.sourceText,
    source: row.source,
    status: row.status,
    confirmed_at: row.confirmedAt?.toISOString() ?? null,
    chat_id: row.chatId,
    message_id: row.messageId,
    replaces_memory_id: row.replacesMemoryId,
    observed_at: row.observedAt.toISOString(),
    last_seen_at: row.lastSeenAt.toISOString(),
  };
}

/** Column values that put a snapshot back into a row. */
export function valuesFromSnapshot(snapshot: MemorySnapshot) {
  return {
    type: snapshot.type,
    category: snapshot.category,
    topic: snapshot.topic,
    topicKey: snapshot.topic_key,
    detail: snapshot.detail,
    confidenceScore: snapshot.confidence_score,
    sourceText: snapshot.source_text,
    source: snapshot.source,
    status: snapshot.status,
    confirmedAt: snapshot.confirmed_at === null ? null : new Date(snapshot.confirmed_at),
    chatId: snapshot.chat_id,
    messageId: snapshot.message_id,
    replacesMemoryId: snapshot.replaces_memory_id,
    observedAt: new Date(snapshot.observed_at),
    lastSeenAt: new Date(snapshot.last_seen_at),
  };
}

/** True when the row still holds exactly the snapshot's content. */
export function rowMatchesSnapshot(row: MemoryRow, snapshot: MemorySnapshot): boolean {
  const current = snapshotOf(row);
  return (Object.keys(current) as (keyof MemorySnapshot)[]).every((field) =>
    field === "confidence_score"
      ? Math.abs(current.confidence_score - snapshot.confidence_score) < 1e-6
      : current[field] === snapshot[field],
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** Ids from URLs are checked before they reach Postgres, which would reject them loudly. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
