/**
 * Running one extraction job: load the turn, call the extraction model (outside any
 * transaction), then apply the result and complete the job in one transaction. A failure is
 * recorded on the job and never reaches the chat.
 */
import "server-only";
import { callExtractionModel } from "@/lib/ai/extraction";
import { type Database, getDb } from "@/lib/db/client";
import { findTurnWithEarlier, textOf } from "@/lib/db/queries/messages";
import { findUserById } from "@/lib/db/queries/users";
import type { ExtractionJob } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { publishQuietly } from "@/lib/events/process-bus";
import { applyExtraction } from "@/lib/memory/apply";
import { scheduleMemoryEmbedding } from "@/lib/memory/embeddings";
import { listMemoryKeys } from "@/lib/memory/queries";
import { isDatabaseError, loggableError } from "@/lib/observability/log-error";
import { claimJob, completeJob, failJobAttempt, lockRunningJob } from "./extraction-queue";

const EARLIER_MESSAGES = 4;

/**
 * What `after()` calls for the turn it just saved (or a Retry queued again): run it here, or,
 * when this web server runs no extraction (EXTRACTION_WORKER=off), wake a worker process.
 */
export async function runTurnExtraction(jobId: string): Promise<void> {
  if (getEnv().EXTRACTION_WORKER === "off") {
    await publishQuietly({ type: "job-queued", jobId });
    return;
  }
  try {
    const db = await getDb();
    const job = await claimJob(db, jobId);
    if (job) await runAndAnnounce(db, job);
  } catch (error) {
    // The worker will pick the job up again; the chat never hears of it.
    console.error("[extraction] could not run job", jobId, describeError(error));
  }
}

/** Runs the job, then tells every instance when it has settled (the chat's memory notice). */
export async function runAndAnnounce(
  db: Database,
  job: ExtractionJob,
): ReturnType<typeof runClaimedJob> {
  const outcome = await runClaimedJob(db, job);
  if (outcome === "done" || outcome === "skipped" || outcome === "failed") {
    await publishQuietly({
      type: "job-settled",
      userId: job.userId,
      chatId: job.chatId,
      jobId: job.id,
      assistantMessageId: job.assistantMessageId,
    });
  }
  return outcome;
}

/**
 * Runs a job this runner claimed. "lost" when another runner took the job over meanwhile (this
 * one's lease had expired): then nothing of this run is kept, success or failure.
 */
export async function runClaimedJob(
  db: Database,
  job: ExtractionJob,
): Promise<"done" | "skipped" | "retry" | "failed" | "lost"> {
  let modelId: string | undefined;
  const started = performance.now();
  try {
    const [account, turn, memoryKeys] = await Promise.all([
      findUserById(db, job.userId),
      findTurnWithEarlier(db, {
        userId: job.userId,
        chatId: job.chatId,
        userMessageId: job.userMessageId,
        assistantMessageId: job.assistantMessageId,
        earlier: EARLIER_MESSAGES,
      }),
      listMemoryKeys(db, job.userId),
    ]);
    const { userMessage, assistantMessage, earlier } = turn;
    if (!account?.memoryEnabled || !userMessage || !assistantMessage) {
      return (await completeJob(db, job, { status: "skipped" })) ? "skipped" : "lost";
    }

    const call = await callExtractionModel({
      userMessage: textOf(userMessage),
      assistantMessage: textOf(assistantMessage),
      earlierTurns: earlier.map((message) => ({ role: message.role, text: textOf(message) })),
      memoryKeys,
      today: new Date().toISOString().slice(0, 10),
    });
    modelId = call.modelId;

    const env = getEnv();
    const outcome = {
      status: "done" as const,
      model: call.modelId,
      latencyMs: call.latencyMs,
      inputTokens: call.inputTokens,
      outputTokens: call.outputTokens,
    };
    // Most turns hold nothing to remember: with nothing to write, completing the job is one
    // statement, as safe without a transaction (it changes nothing unless this runner holds it).
    if (call.output.preferences.length === 0 && call.output.forget.length === 0) {
      return (await completeJob(db, job, outcome)) ? "done" : "lost";
    }
    const kept = await db.transaction(async (tx) => {
      if (!(await lockRunningJob(tx, job))) return false; // another runner holds it now
      const applied = await applyExtraction(tx, {
        userId: job.userId,
        jobId: job.id,
        chatId: job.chatId,
        userMessageId: job.userMessageId,
        observedAt: userMessage.createdAt,
        userMessage: textOf(userMessage),
        output: call.output,
        thresholds: {
          minConfidence: env.MEMORY_MIN_CONFIDENCE,
          autoAcceptConfidence: env.MEMORY_AUTO_ACCEPT_CONFIDENCE,
        },
        undoSeconds: env.MEMORY_UNDO_SECONDS,
      });
      return completeJob(tx, job, {
        ...outcome,
        memoriesChanged: applied.changes.length + applied.forgotten.length,
        forgotten: applied.forgotten,
      });
    });
    if (kept) scheduleMemoryEmbedding(db, job.userId, { force: true });
    return kept ? "done" : "lost";
  } catch (error) {
    const outcome = await failJobAttempt(db, job, describeError(error), {
      model: modelId ?? undefined,
      latencyMs: Math.round(performance.now() - started),
    });
    if (outcome === "failed") {
      console.error(
        `[extraction] job ${job.id} failed after ${job.attempts} attempts:`,
        describeError(error),
      );
    }
    return outcome;
  }
}

/**
 * What the model's output did wrong, for errors whose message would quote that output — and the
 * output quotes the user, so it must not outlive their memories in a job row or a log line.
 */
const OUTPUT_ERRORS: Record<string, string> = {
  AI_JSONParseError: "the model's output was not valid JSON",
  AI_TypeValidationError: "the model's output did not match the schema",
  AI_NoObjectGeneratedError: "the model's output was not a valid extraction",
};

/**
 * A short, log-safe reason: the error's class and message, never request headers or keys, and
 * never the model's output (see OUTPUT_ERRORS).
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error) || isDatabaseError(error)) return loggableError(error);
  const status = (error as { statusCode?: number }).statusCode;
  // NoObjectGenerated wraps the parse or validation error that says what was wrong.
  const cause = error.cause instanceof Error ? OUTPUT_ERRORS[error.cause.name] : undefined;
  const message = cause ?? OUTPUT_ERRORS[error.name] ?? error.message.split("\n")[0] ?? "";
  return `${error.name}${status ? ` (HTTP ${status})` : ""}: ${message}`.slice(0, 300);
}
