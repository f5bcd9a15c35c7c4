/**
 * Import of Ingat's own export file: each memory of the file is an observation of its key, at
 * the time it was last stated (max of observed_at and last_seen_at), merged by the conflict
 * rule (conflict.ts) — nothing is duplicated, a protected memory is only offered a suggestion,
 * an older statement is skipped. A memory already stored exactly as the file has it is skipped,
 * so importing the same file twice changes nothing.
 *
 * The preview is the import itself in a transaction that is rolled back: what it lists is what
 * the import would do, by construction. The import runs in one transaction: all or nothing.
 * Quotes' chats and messages are kept only when they are the importing user's own.
 */
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import { chats, messages } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { type ConflictDecision, decideConflict, storedTime } from "./conflict";
import type { ImportedMemory, MemoryExportFile } from "./export-format";
import { recordHistory } from "./history";
import { isUuid, type MemoryRow, snapshotOf } from "./memory-row";
import { sameContent, topicKey } from "./normalize";
import { looksLikeSecret } from "./secrets";
import { deleteOwnMemory, insertMemory, type KeyRows, lockKeyRows, updateMemory } from "./store";

export type ImportOutcome = "added" | "updated" | "skipped";
export type ImportReason =
  /** added or updated: offered in Review, the key's memory stays as it is */
  | "suggestion"
  /** added */
  | "new"
  /** updated */
  | "replaces"
  | "seen_again"
  /** skipped */
  | "already_there"
  | "older"
  | "secret";

export type ImportItem = {
  outcome: ImportOutcome;
  reason: ImportReason;
  type: ImportedMemory["type"];
  category: string;
  topic: string;
  detail: string;
  status: ImportedMemory["status"];
};

export type ImportReport = {
  added: number;
  updated: number;
  skipped: number;
  items: ImportItem[];
};

const MAX_ATTEMPTS_PER_KEY = 3;
const RETRY = Symbol("retry");

/**
 * Ends the preview's transaction, which rolls it back. A class of this module rather than
 * Drizzle's `tx.rollback()`: the bundled server may hold two copies of Drizzle's error class.
 */
class PreviewDone extends Error {
  constructor(readonly report: ImportReport) {
    super("import preview");
  }
}

/** What importing the file would do; nothing is written. */
export async function previewMemoryImport(
  db: Executor,
  userId: string,
  file: MemoryExportFile,
): Promise<ImportReport> {
  try {
    await db.transaction(async (tx) => {
      throw new PreviewDone(await importInto(tx, userId, file));
    });
  } catch (error) {
    if (error instanceof PreviewDone) return error.report;
    throw error;
  }
  throw new Error("import preview produced no report");
}

/** Imports the file in one transaction. */
export async function applyMemoryImport(
  db: Executor,
  userId: string,
  file: MemoryExportFile,
): Promise<ImportReport> {
  return db.transaction((tx) => importInto(tx, userId, file));
}

async function importInto(
  tx: Executor,
  userId: string,
  file: MemoryExportFile,
): Promise<ImportReport> {
  const owned = await ownedChatsAndMessages(tx, userId, file.memories);
  // Active memories before suggestions (a suggestion replaces its key's active memory), and
  // keys in a fixed order, as the extraction path locks them.
  const ordered = [...file.memories].sort((a, b) => {
    const order = (memory: ImportedMemory) =>
      `${memory.status === "active" ? 0 : 1}\u0000${memory.category}\u0000${topicKey(memory.topic)}`;
    return order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0;
  });
  const items: ImportItem[] = [];
  for (const memory of ordered) {
    const scoped = {
      ...memory,
      chat_id: memory.chat_id && owned.chats.has(memory.chat_id) ? memory.chat_id : null,
      message_id:
        memory.message_id && owned.messages.has(memory.message_id) ? memory.message_id : null,
    };
    const [outcome, reason] = await importOne(tx, userId, scoped);
    items.push({
      outcome,
      reason,
      type: memory.type,
      category: memory.category,
      topic: memory.topic,
      detail: memory.detail,
      status: memory.status,
    });
  }
  const count = (outcome: ImportOutcome) => items.filter((item) => item.outcome === outcome).length;
  return { added: count("added"), updated: count("updated"), skipped: count("skipped"), items };
}

async function ownedChatsAndMessages(tx: Executor, userId: string, list: ImportedMemory[]) {
  const chatIds = [...new Set(list.flatMap((memory) => memory.chat_id ?? []))].filter(isUuid);
  const messageIds = [...new Set(list.flatMap((memory) => memory.message_id ?? []))].filter(isUuid);
  const ownChats = chatIds.length
    ? await tx
        .select({ id: chats.id })
        .from(chats)
        .where(and(eq(chats.userId, userId), inArray(chats.id, chatIds)))
    : [];
  const ownMessages = messageIds.length
    ? await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.userId, userId), inArray(messages.id, messageIds)))
    : [];
  return {
    chats: new Set(ownChats.map((row) => row.id)),
    messages: new Set(ownMessages.map((row) => row.id)),
  };
}

type Result = [ImportOutcome, ImportReason];

async function importOne(tx: Executor, userId: string, memory: ImportedMemory): Promise<Result> {
  if ([memory.topic, memory.detail, memory.source_text ?? ""].some(looksLikeSecret)) {
    return ["skipped", "secret"];
  }
  const key = { userId, category: memory.category, topicKey: topicKey(memory.topic) };
  const stated = new Date(
    Math.max(Date.parse(memory.observed_at), Date.parse(memory.last_seen_at)),
  );
  for (let attempt = 1; ; attempt += 1) {
    const stored = await lockKeyRows(tx, key);
    if (alreadyThere(memory, stored, stated)) return ["skipped", "already_there"];
    const decision = decideConflict(
      {
        type: memory.type,
        detail: memory.detail,
        confidence: memory.confidence_score,
        source: memory.source,
        status: memory.status,
        observedAt: stated,
      },
      stored,
    );
    const outcome = await write(tx, { userId, memory, stored, decision, stated });
    if (outcome !== RETRY) return outcome;
    if (attempt >= MAX_ATTEMPTS_PER_KEY) {
      throw new AppError("conflict", "A memory kept changing while it was being imported");
    }
  }
}

/** The key already holds this memory as the file has it (same standing, content and time). */
function alreadyThere(memory: ImportedMemory, stored: KeyRows, stated: Date): boolean {
  const row = memory.status === "active" ? stored.active : stored.suggestion;
  return (
    row !== null &&
    sameContent(memory, row) &&
    row.source === memory.source &&
    (row.confirmedAt !== null) === (memory.confirmed_at !== null) &&
    storedTime(row) === stated.getTime()
  );
}

async function write(
  tx: Executor,
  step: {
    userId: string;
    memory: ImportedMemory;
    stored: KeyRows;
    decision: ConflictDecision;
    stated: Date;
  },
): Promise<Result | typeof RETRY> {
  const { userId, memory, stored, decision, stated } = step;
  const content = {
    type: memory.type,
    category: memory.category,
    topic: memory.topic,
    topicKey: topicKey(memory.topic),
    detail: memory.detail,
    confidenceScore: memory.confidence_score,
    sourceText: memory.source_text,
    source: memory.source,
    chatId: memory.chat_id,
    messageId: memory.message_id,
    imported: memory.imported,
    observedAt: new Date(memory.observed_at),
    lastSeenAt: new Date(memory.last_seen_at),
  };
  const confirmedAt = memory.confirmed_at === null ? null : new Date(memory.confirmed_at);
  const record = (before: MemoryRow | null, after: MemoryRow) =>
    recordHistory(tx, {
      userId,
      memoryId: after.id,
      actor: "user",
      action: "imported",
      before: before && snapshotOf(before),
      after: snapshotOf(after),
    });
  const drop = async (memoryId: string | null) => {
    if (memoryId) await deleteOwnMemory(tx, { userId, memoryId });
  };

  switch (decision.kind) {
    case "ignore":
      return ["skipped", decision.reason === "older" ? "older" : "already_there"];

    case "create": {
      const suggestion = decision.status === "suggested";
      const row = await insertMemory(tx, {
        ...content,
        userId,
        status: decision.status,
        confirmedAt: suggestion ? null : confirmedAt,
        replacesMemoryId: suggestion ? (stored.active?.id ?? null) : null,
      });
      if (!row) return RETRY;
      await record(null, row);
      return ["added", "new"];
    }

    case "suggest": {
      const before = decision.suggestionId ? stored.suggestion : null;
      const values = {
        ...content,
        status: "suggested" as const,
        confirmedAt: null,
        replacesMemoryId: decision.replacesMemoryId,
      };
      const row = before
        ? await updateMemory(tx, { userId, memoryId: before.id }, values)
        : await insertMemory(tx, { ...values, userId });
      if (!row) return RETRY;
      await record(before, row);
      return before ? ["updated", "suggestion"] : ["added", "suggestion"];
    }

    case "overwrite": {
      const before = rowById(stored, decision.memoryId);
      await drop(decision.dropSuggestionId);
      const row = await updateMemory(
        tx,
        { userId, memoryId: before.id },
        {
          ...content,
          confidenceScore: decision.confidence,
          status: "active",
          confirmedAt: confirmedAt ?? (sameContent(memory, before) ? before.confirmedAt : null),
          replacesMemoryId: null,
        },
      );
      await record(before, row);
      return ["updated", "replaces"];
    }

    case "refresh": {
      const before = rowById(stored, decision.memoryId);
      await drop(decision.dropSuggestionId);
      const row = await updateMemory(
        tx,
        { userId, memoryId: before.id },
        { lastSeenAt: stated, confidenceScore: decision.confidence },
      );
      await record(before, row);
      return ["updated", "seen_again"];
    }
  }
}

function rowById(stored: KeyRows, memoryId: string): MemoryRow {
  const row = [stored.active, stored.suggestion].find((candidate) => candidate?.id === memoryId);
  if (!row) throw new Error("conflict decision names a row that was not loaded");
  return row;
}
