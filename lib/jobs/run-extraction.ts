/**
 * Running one extraction job: load the turn, call the extraction model (outside any
 * transaction), then apply the result and complete the job in one transaction. A failure is
 * recorded on the job and never reaches the chat.
 */
import "server-only";
import { callExtractionModel } from "@/lib/ai/extraction";
import { type Database, getDb } from "@/lib/db/client";
import { findMessagesByIds, messagesBefore, textOf } from "@/lib/db/queries/messages";
import { findUserById } from "@/lib/db/queries/users";
import type { ExtractionJob } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { applyExtraction } from "@/lib/memory/apply";
import { listMemoryKeys } from "@/lib/memory/queries";
import { claimJob, completeJob, failJobAttempt, lockRunningJob } from "./extraction-queue";

const EARLIER_MESSAGES = 4;

/** What `after()` calls for the turn it just saved. */
export async function runTurnExtraction(jobId: string): Promise<void> {
  try {
    const db = await getDb();
    const job = await claimJob(db, jobId);
    if (job) await runClaimedJob(db, job);
  } catch (error) {
    // The worker will pick the job up again; the chat never hears of it.
    console.error("[extraction] could not run job", jobId, describeError(error));
  }
}

export async function runClaimedJob(
  db: Database,
  job: ExtractionJob,
): Promise<"done" | "skipped" | "retry" | "failed"> {
  let modelId: string | undefined;
  const started = performance.now();
  try {
    const [account, turnMessages, memoryKeys] = await Promise.all([
      findUserById(db, job.userId),
      findMessagesByIds(db, {
        userId: job.userId,
        ids: [job.userMessageId, job.assistantMessageId],
      }),
      listMemoryKeys(db, job.userId),
    ]);
    const userMessage = turnMessages.find((message) => message.id === job.userMessageId);
    const assistantMessage = turnMessages.find((message) => message.id === job.assistantMessageId);
    if (!account?.memoryEnabled || !userMessage || !assistantMessage) {
      await completeJob(db, job.id, { status: "skipped" });
      return "skipped";
    }

    const earlier = await messagesBefore(db, {
      userId: job.userId,
      chatId: job.chatId,
      before: userMessage.createdAt,
      limit: EARLIER_MESSAGES,
    });
    const call = await callExtractionModel({
      userMessage: textOf(userMessage),
      assistantMessage: textOf(assistantMessage),
      earlierTurns: earlier.map((message) => ({ role: message.role, text: textOf(message) })),
      memoryKeys,
      today: new Date().toISOString().slice(0, 10),
    });
    modelId = call.modelId;

    const env = getEnv();
    await db.transaction(async (tx) => {
      if (!(await lockRunningJob(tx, job.id))) return; // another runner finished it first
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
      });
      await completeJob(tx, job.id, {
        status: "done",
        model: call.modelId,
        latencyMs: call.latencyMs,
        inputTokens: call.inputTokens,
        outputTokens: call.outputTokens,
        memoriesChanged: applied.changes.length + applied.forgotten.length,
        forgotten: applied.forgotten,
      });
    });
    return "done";
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
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const status = (error as { statusCode?: number }).statusCode;
  // NoObjectGenerated wraps the parse or validation error that says what was wrong.
  const cause = error.cause instanceof Error ? OUTPUT_ERRORS[error.cause.name] : undefined;
  const message = cause ?? OUTPUT_ERRORS[error.name] ?? error.message.split("\n")[0] ?? "";
  return `${error.name}${status ? ` (HTTP ${status})` : ""}: ${message}`.slice(0, 300);
}
