/**
 * Applies one extraction job's output to a user's memories, inside the caller's transaction
 * (the job runner's `tx`: PGlite has one connection, and the job's status must commit together
 * with its memories). The write gate (gate.ts) first; then forgets, then each observation: lock
 * the key's rows, decide (conflict.ts), write, and record a history row per change. This is the
 * whole pipeline after the model call — the job runner and the eval harness both enter here.
 *
 * Idempotent: a job whose history rows exist, or whose status is already "done", is not applied
 * again (history alone is not enough: it cascades away when the user deletes the memory, and a
 * re-run must not resurrect it — so the runner marks the job done in this same transaction).
 * Within one run, equal observed_at + same content is a no-op, so re-applying changes nothing.
 *
 * Forgets run first, so "forget that I live in Paris — I live in Berlin now" ends with Berlin.
 * A forget touches its one key only, and only a memory the request's sentence names; the
 * memory leaves at once and is held for the notice's Undo until the undo window ends
 * (forget.ts). Only its key is reported.
 */
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import { extractionJobs, memoryHistory } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { type ConflictDecision, decideConflict } from "./conflict";
import type { ExtractionOutput } from "./extraction-schema";
import { forgetMemories } from "./forget";
import {
  forgetMatchesMemory,
  type ScreenedForget,
  type ScreenedPreference,
  screenExtraction,
} from "./gate";
import { type HistoryAction, recordHistory } from "./history";
import type { MemoryRow } from "./memory-row";
import { snapshotOf } from "./memory-row";
import { sameContent } from "./normalize";
import { hasRoomForMemory } from "./quota";
import { deleteOwnMemory, insertMemory, type KeyRows, lockKeyRows, updateMemory } from "./store";

export type MemoryChange = {
  memoryId: string;
  action: "created" | "updated" | "suggested";
  type: MemoryRow["type"];
  category: string;
  topic: string;
  detail: string;
  status: MemoryRow["status"];
};

export type ApplyExtractionInput = {
  userId: string;
  jobId: string;
  chatId: string;
  userMessageId: string;
  /** Time of the user message: what the conflict rule compares. */
  observedAt: Date;
  userMessage: string;
  output: ExtractionOutput;
  thresholds: { minConfidence: number; autoAcceptConfidence: number };
  /** How long a forgotten memory can be brought back (MEMORY_UNDO_SECONDS); default 600. */
  undoSeconds?: number;
};

const DEFAULT_UNDO_SECONDS = 600;

export type ApplyExtractionResult = {
  /** What the "Memory updated" notice lists (refreshes are not shown: nothing visibly changed). */
  changes: MemoryChange[];
  /** Keys only: forgotten content is kept nowhere. */
  forgotten: { category: string; topic: string }[];
  /** Items the gate refused (evidence, secret, low confidence, invalid, duplicate…). */
  rejected: number;
  /** Forgets the gate refused, or that named no memory of the user. */
  rejectedForgets: number;
  /** Memories seen again with the same content (last_seen_at advanced). */
  refreshed: number;
  /** True when this job had been applied before: nothing was done. */
  alreadyApplied: boolean;
};

const RETRY = Symbol("retry");
const MAX_ATTEMPTS_PER_KEY = 3;

export async function applyExtraction(
  tx: Executor,
  input: ApplyExtractionInput,
): Promise<ApplyExtractionResult> {
  if (await alreadyApplied(tx, input)) {
    return {
      changes: [],
      forgotten: [],
      rejected: 0,
      rejectedForgets: 0,
      refreshed: 0,
      alreadyApplied: true,
    };
  }
  const screening = screenExtraction(input.output, {
    userMessage: input.userMessage,
    ...input.thresholds,
  });

  const forgotten: ApplyExtractionResult["forgotten"] = [];
  let rejectedForgets = screening.rejectedForgets.length;
  for (const forget of byKey(screening.forgets)) {
    const key = await forgetKey(tx, input, forget);
    if (key) forgotten.push(key);
    else rejectedForgets += 1;
  }

  const changes: MemoryChange[] = [];
  let refreshed = 0;
  // Keys in a fixed order: two jobs locking the same keys never deadlock.
  for (const preference of byKey(screening.accepted)) {
    const outcome = await applyObservation(tx, input, preference);
    if (outcome === "refreshed") refreshed += 1;
    else if (outcome) changes.push(outcome);
  }
  return {
    changes,
    forgotten,
    rejected: screening.rejected.length,
    rejectedForgets,
    refreshed,
    alreadyApplied: false,
  };
}

/** Locks the job row (serialising two runners of one job) and looks for earlier effects. */
async function alreadyApplied(tx: Executor, input: ApplyExtractionInput): Promise<boolean> {
  const [job] = await tx
    .select({ status: extractionJobs.status })
    .from(extractionJobs)
    .where(and(eq(extractionJobs.id, input.jobId), eq(extractionJobs.userId, input.userId)))
    .for("update");
  if (!job) throw notFound("Extraction job not found");
  if (job.status === "done") return true;
  const [earlier] = await tx
    .select({ id: memoryHistory.id })
    .from(memoryHistory)
    .where(and(eq(memoryHistory.jobId, input.jobId), eq(memoryHistory.userId, input.userId)))
    .limit(1);
  return earlier !== undefined;
}

function byKey<T extends { category: string; topicKey: string }>(items: T[]): T[] {
  const key = (item: T) => `${item.category}\u0000${item.topicKey}`;
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * Forgets what the key holds (its memory, its suggestion) when the request's sentence names it.
 * One key only: a forget whose category misses forgets nothing, rather than guessing.
 */
async function forgetKey(
  tx: Executor,
  input: ApplyExtractionInput,
  forget: ScreenedForget,
): Promise<{ category: string; topic: string } | null> {
  const stored = await lockKeyRows(tx, { userId: input.userId, ...forget });
  const named = [stored.active, stored.suggestion].filter(
    (row): row is MemoryRow => row !== null && forgetMatchesMemory(forget, row),
  );
  const [first] = named;
  if (!first) return null;
  await forgetMemories(tx, {
    userId: input.userId,
    memoryIds: named.map((row) => row.id),
    jobId: input.jobId,
    undoSeconds: input.undoSeconds ?? DEFAULT_UNDO_SECONDS,
    withToken: false,
  });
  return { category: first.category, topic: first.topic };
}

async function applyObservation(
  tx: Executor,
  input: ApplyExtractionInput,
  preference: ScreenedPreference,
): Promise<MemoryChange | "refreshed" | null> {
  const observation = { ...preference, observedAt: input.observedAt };
  for (let attempt = 1; ; attempt += 1) {
    const stored = await lockKeyRows(tx, { userId: input.userId, ...preference });
    const decision = decideConflict(observation, stored);
    const outcome = await writeDecision(tx, { input, preference, stored, decision });
    if (outcome !== RETRY) return outcome;
    // A concurrent transaction inserted a row for this key first: decide again on what it wrote.
    if (attempt >= MAX_ATTEMPTS_PER_KEY) {
      throw new AppError("conflict", "A memory kept changing while it was being updated");
    }
  }
}

async function writeDecision(
  tx: Executor,
  step: {
    input: ApplyExtractionInput;
    preference: ScreenedPreference;
    stored: KeyRows;
    decision: ConflictDecision;
  },
): Promise<MemoryChange | "refreshed" | null | typeof RETRY> {
  const { input, preference, stored, decision } = step;
  const userId = input.userId;
  const content = {
    type: preference.type,
    category: preference.category,
    topic: preference.topic,
    topicKey: preference.topicKey,
    detail: preference.detail,
    confidenceScore: preference.confidence,
    sourceText: preference.sourceText,
    source: preference.source,
    chatId: input.chatId,
    messageId: input.userMessageId,
    observedAt: input.observedAt,
    lastSeenAt: input.observedAt,
  };
  const record = async (action: HistoryAction, before: MemoryRow | null, after: MemoryRow) => {
    await recordHistory(tx, {
      userId,
      memoryId: after.id,
      actor: preference.source === "explicit" ? "explicit" : "extractor",
      action,
      before: before && snapshotOf(before),
      after: snapshotOf(after),
      jobId: input.jobId,
    });
  };

  switch (decision.kind) {
    case "ignore":
      return null;

    case "create": {
      if (!(await hasRoomForMemory(tx, userId))) return null;
      const row = await insertMemory(tx, {
        ...content,
        userId,
        status: decision.status,
        replacesMemoryId: null,
      });
      if (!row) return RETRY;
      const action = decision.status === "active" ? "created" : "suggested";
      await record(action, null, row);
      return changeOf(row, action);
    }

    case "suggest": {
      const values = {
        ...content,
        status: "suggested" as const,
        confirmedAt: null,
        replacesMemoryId: decision.replacesMemoryId,
      };
      const before = decision.suggestionId ? stored.suggestion : null;
      if (!before && !(await hasRoomForMemory(tx, userId))) return null;
      const row = before
        ? await updateMemory(tx, { userId, memoryId: before.id }, values)
        : await insertMemory(tx, { ...values, userId });
      if (!row) return RETRY;
      await record("suggested", before, row);
      return changeOf(row, "suggested");
    }

    case "overwrite": {
      const before = rowById(stored, decision.memoryId);
      if (decision.dropSuggestionId) {
        await deleteOwnMemory(tx, { userId, memoryId: decision.dropSuggestionId });
      }
      const row = await updateMemory(
        tx,
        { userId, memoryId: before.id },
        {
          ...content,
          confidenceScore: decision.confidence,
          status: "active",
          // A confirmation covers the content the user saw, not a new one.
          confirmedAt: sameContent(preference, before) ? before.confirmedAt : null,
          replacesMemoryId: null,
        },
      );
      await record("updated", before, row);
      return changeOf(row, "updated");
    }

    case "refresh": {
      const before = rowById(stored, decision.memoryId);
      if (decision.dropSuggestionId) {
        await deleteOwnMemory(tx, { userId, memoryId: decision.dropSuggestionId });
      }
      const row = await updateMemory(
        tx,
        { userId, memoryId: before.id },
        {
          lastSeenAt: input.observedAt,
          confidenceScore: decision.confidence,
        },
      );
      await record("refreshed", before, row);
      return "refreshed";
    }
  }
}

function rowById(stored: KeyRows, memoryId: string): MemoryRow {
  const row = [stored.active, stored.suggestion].find((candidate) => candidate?.id === memoryId);
  if (!row) throw new Error("conflict decision names a row that was not loaded");
  return row;
}

function changeOf(row: MemoryRow, action: MemoryChange["action"]): MemoryChange {
  return {
    memoryId: row.id,
    action,
    type: row.type,
    category: row.category,
    topic: row.topic,
    detail: row.detail,
    status: row.status,
  };
}
