/**
 * The extraction job queue: a plain Postgres table used as a transactional outbox (SPEC §5).
 * A job is inserted in the transaction that saves the assistant message; runners claim jobs
 * with FOR UPDATE SKIP LOCKED and a lease, so several server instances share the work and a
 * crashed claim is picked up again once its lease expires. Failed attempts back off
 * exponentially until `max_attempts`, then the job is `failed` with its error kept.
 * Lease, attempts and back-off come from the configuration (EXTRACTION_LEASE_SECONDS,
 * EXTRACTION_MAX_ATTEMPTS, EXTRACTION_BACKOFF_BASE_SECONDS).
 */
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { type ExtractionJob, extractionJobs } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";

const BACKOFF_MAX_SECONDS = 300;

export async function enqueueExtractionJob(
  db: Executor,
  turn: { userId: string; chatId: string; userMessageId: string; assistantMessageId: string },
): Promise<string | null> {
  const [job] = await db
    .insert(extractionJobs)
    .values({ ...turn, maxAttempts: getEnv().EXTRACTION_MAX_ATTEMPTS })
    .onConflictDoNothing({ target: extractionJobs.assistantMessageId })
    .returning({ id: extractionJobs.id });
  return job?.id ?? null;
}

/** Jobs that are due or whose lease expired: claimable now. */
const claimable = sql`(
  (${extractionJobs.status} = 'pending' and ${extractionJobs.runAfter} <= now())
  or (${extractionJobs.status} = 'running' and ${extractionJobs.leaseExpiresAt} < now())
)`;

async function claimWhere(db: Executor, filter: SQL, limit: number): Promise<ExtractionJob[]> {
  const due = db
    .select({ id: extractionJobs.id })
    .from(extractionJobs)
    .where(and(claimable, filter))
    .orderBy(extractionJobs.runAfter)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(extractionJobs)
    .set({
      status: "running",
      attempts: sql`${extractionJobs.attempts} + 1`,
      leaseExpiresAt: sql`now() + make_interval(secs => ${getEnv().EXTRACTION_LEASE_SECONDS})`,
      updatedAt: new Date(),
    })
    .where(inArray(extractionJobs.id, due))
    .returning();
}

/** Claims up to `limit` due jobs for this runner. */
export function claimDueJobs(db: Executor, limit = 10): Promise<ExtractionJob[]> {
  return claimWhere(db, sql`true`, limit);
}

/** Claims one job by id — what `after()` does for the turn it just saved. */
export async function claimJob(db: Executor, jobId: string): Promise<ExtractionJob | null> {
  const [job] = await claimWhere(db, sql`${extractionJobs.id} = ${jobId}`, 1);
  return job ?? null;
}

/** Locks a claimed job inside the transaction that applies its result; null if done already. */
export async function lockRunningJob(db: Executor, jobId: string): Promise<ExtractionJob | null> {
  const [job] = await db
    .select()
    .from(extractionJobs)
    .where(eq(extractionJobs.id, jobId))
    .for("update");
  return job && job.status === "running" ? job : null;
}

export type JobOutcome = {
  status: "done" | "skipped";
  model?: string;
  latencyMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  memoriesChanged?: number;
  forgotten?: { category: string; topic: string }[];
};

export async function completeJob(db: Executor, jobId: string, outcome: JobOutcome) {
  await db
    .update(extractionJobs)
    .set({
      status: outcome.status,
      model: outcome.model,
      latencyMs: outcome.latencyMs,
      inputTokens: outcome.inputTokens,
      outputTokens: outcome.outputTokens,
      memoriesChanged: outcome.memoriesChanged ?? 0,
      forgotten: outcome.forgotten ?? [],
      lastError: null,
      leaseExpiresAt: null,
      completedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(extractionJobs.id, jobId), eq(extractionJobs.status, "running")));
}

/** The wait after a failed attempt: base, 2 × base, 4 × base… capped at five minutes. */
export function backoffSeconds(
  attempts: number,
  baseSeconds = getEnv().EXTRACTION_BACKOFF_BASE_SECONDS,
): number {
  return Math.min(BACKOFF_MAX_SECONDS, baseSeconds * 2 ** Math.max(0, attempts - 1));
}

/** Records a failed attempt: back to pending after a back-off, or `failed` after the last one. */
export async function failJobAttempt(
  db: Executor,
  job: Pick<ExtractionJob, "id" | "attempts" | "maxAttempts">,
  error: string,
  metrics: { model?: string; latencyMs?: number } = {},
): Promise<"retry" | "failed"> {
  const final = job.attempts >= job.maxAttempts;
  await db
    .update(extractionJobs)
    .set({
      status: final ? "failed" : "pending",
      lastError: error.slice(0, 2000),
      runAfter: final
        ? undefined
        : sql`now() + make_interval(secs => ${backoffSeconds(job.attempts)})`,
      leaseExpiresAt: null,
      completedAt: final ? new Date() : null,
      updatedAt: new Date(),
      ...metrics,
    })
    .where(and(eq(extractionJobs.id, job.id), eq(extractionJobs.status, "running")));
  return final ? "failed" : "retry";
}

/** The job of a turn, for the "Memory updated" notice. */
export async function findJobForTurn(
  db: Executor,
  { userId, assistantMessageId }: { userId: string; assistantMessageId: string },
): Promise<ExtractionJob | undefined> {
  const [job] = await db
    .select()
    .from(extractionJobs)
    .where(
      and(
        eq(extractionJobs.assistantMessageId, assistantMessageId),
        eq(extractionJobs.userId, userId),
      ),
    );
  return job;
}
