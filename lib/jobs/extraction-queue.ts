/**
 * The extraction job queue: a plain Postgres table used as a transactional outbox. A job is
 * inserted by the same statement that saves the assistant message (atomic); runners claim jobs
 * with FOR UPDATE SKIP LOCKED and a lease, so several server instances share the work and a
 * crashed claim is picked up again once its lease expires. Failed attempts back off
 * exponentially until `max_attempts`, then the job is `failed` with its error kept.
 * Lease, attempts and back-off come from the configuration (EXTRACTION_LEASE_SECONDS,
 * EXTRACTION_MAX_ATTEMPTS, EXTRACTION_BACKOFF_BASE_SECONDS).
 *
 * Fencing: every claim writes a new lease token, and completing, failing or applying a job
 * needs the current one — a runner whose lease expired and was taken over can no longer touch
 * the job, so its late failure never overwrites the new runner's success. A claim counts as an
 * attempt, so an attempt whose runner died (the lease just ran out) counts too: a job that
 * crashes the process each time ends `failed` after `max_attempts`.
 */
import "server-only";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { type ExtractionJob, extractionJobs } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";

const BACKOFF_MAX_SECONDS = 300;

type TurnJob = {
  userId: string;
  chatId: string;
  userMessageId: string;
  assistantMessageId: string;
};

function jobInsert(db: Executor, job: TurnJob & { id?: string }) {
  return db
    .insert(extractionJobs)
    .values({ ...job, maxAttempts: getEnv().EXTRACTION_MAX_ATTEMPTS });
}

export async function enqueueExtractionJob(db: Executor, turn: TurnJob): Promise<string | null> {
  const [job] = await jobInsert(db, turn)
    .onConflictDoNothing({ target: extractionJobs.assistantMessageId })
    .returning({ id: extractionJobs.id });
  return job?.id ?? null;
}

/**
 * The insert of a turn's job with a known id, as a CTE of the statement that saves the turn's
 * reply (saveReplyAndTouchChat): the job commits with its turn, in one round trip.
 */
export function queueExtractionJobAlongside(db: Executor, job: TurnJob & { id: string }) {
  return db.$with("queued_job").as(jobInsert(db, job).returning({ id: extractionJobs.id }));
}

/** A claimed job as its runner holds it: the lease token is its right to finish the job. */
export type ClaimedJob = Pick<ExtractionJob, "id" | "attempts" | "maxAttempts"> & {
  leaseToken: string | null;
};

const leaseExpired = sql`(${extractionJobs.status} = 'running' and ${extractionJobs.leaseExpiresAt} < now())`;

/** Jobs that are due, or whose runner's lease ran out with attempts left: claimable now. */
const claimable = sql`(
  (${extractionJobs.status} = 'pending' and ${extractionJobs.runAfter} <= now())
  or (${leaseExpired} and ${extractionJobs.attempts} < ${extractionJobs.maxAttempts})
)`;

/** The runner of the last attempt stopped (a crash, a kill) and no attempts are left. */
async function failAbandoned(db: Executor): Promise<void> {
  await db
    .update(extractionJobs)
    .set({
      status: "failed",
      lastError: sql`'LeaseExpired: the runner stopped before finishing, after ' || ${extractionJobs.attempts} || ' attempts'`,
      leaseExpiresAt: null,
      leaseToken: null,
      completedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(leaseExpired, sql`${extractionJobs.attempts} >= ${extractionJobs.maxAttempts}`));
}

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
      leaseToken: sql`gen_random_uuid()`,
      updatedAt: sql`now()`,
    })
    .where(inArray(extractionJobs.id, due))
    .returning();
}

/** Claims up to `limit` due jobs for this runner. */
export async function claimDueJobs(db: Executor, limit = 10): Promise<ExtractionJob[]> {
  await failAbandoned(db);
  return claimWhere(db, sql`true`, limit);
}

/**
 * Claims one job by id — what `after()` does for the turn it just saved. An abandoned job is
 * not claimable, and the worker's next pass marks it failed.
 */
export async function claimJob(db: Executor, jobId: string): Promise<ExtractionJob | null> {
  const [job] = await claimWhere(db, sql`${extractionJobs.id} = ${jobId}`, 1);
  return job ?? null;
}

/** The job while `job`'s runner still holds its lease (same token, still running). */
const heldBy = (job: Pick<ClaimedJob, "id" | "leaseToken">) =>
  and(
    eq(extractionJobs.id, job.id),
    eq(extractionJobs.status, "running"),
    job.leaseToken === null ? sql`false` : eq(extractionJobs.leaseToken, job.leaseToken),
  );

/**
 * Locks a claimed job inside the transaction that applies its result; null when this runner no
 * longer holds it (done already, or its lease was taken over).
 */
export async function lockRunningJob(
  db: Executor,
  job: Pick<ClaimedJob, "id" | "leaseToken">,
): Promise<ExtractionJob | null> {
  const [locked] = await db.select().from(extractionJobs).where(heldBy(job)).for("update");
  return locked ?? null;
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

/** Marks the job finished; false when this runner no longer holds it (nothing changes then). */
export async function completeJob(
  db: Executor,
  job: Pick<ClaimedJob, "id" | "leaseToken">,
  outcome: JobOutcome,
): Promise<boolean> {
  const done = await db
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
      leaseToken: null,
      completedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(heldBy(job))
    .returning({ id: extractionJobs.id });
  return done.length > 0;
}

/** The wait after a failed attempt: base, 2 × base, 4 × base… capped at five minutes. */
export function backoffSeconds(
  attempts: number,
  baseSeconds = getEnv().EXTRACTION_BACKOFF_BASE_SECONDS,
): number {
  return Math.min(BACKOFF_MAX_SECONDS, baseSeconds * 2 ** Math.max(0, attempts - 1));
}

/**
 * Records a failed attempt: back to pending after a back-off, or `failed` after the last one.
 * "lost" when this runner no longer holds the job: its failure changes nothing.
 */
export async function failJobAttempt(
  db: Executor,
  job: ClaimedJob,
  error: string,
  metrics: { model?: string; latencyMs?: number } = {},
): Promise<"retry" | "failed" | "lost"> {
  const final = job.attempts >= job.maxAttempts;
  const failed = await db
    .update(extractionJobs)
    .set({
      status: final ? "failed" : "pending",
      lastError: error.slice(0, 2000),
      runAfter: final
        ? undefined
        : sql`now() + make_interval(secs => ${backoffSeconds(job.attempts)})`,
      leaseExpiresAt: null,
      leaseToken: null,
      completedAt: final ? sql`now()` : null,
      updatedAt: sql`now()`,
      ...metrics,
    })
    .where(heldBy(job))
    .returning({ id: extractionJobs.id });
  if (failed.length === 0) return "lost";
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

/**
 * The chat's Retry of a failed extraction: the user's own failed job goes back to pending with
 * fresh attempts, due now. False when the job is not the user's or has not failed.
 */
export async function requeueFailedJob(
  db: Executor,
  { userId, jobId }: { userId: string; jobId: string },
): Promise<boolean> {
  const requeued = await db
    .update(extractionJobs)
    .set({
      status: "pending",
      attempts: 0,
      maxAttempts: getEnv().EXTRACTION_MAX_ATTEMPTS,
      runAfter: sql`now()`,
      lastError: null,
      leaseExpiresAt: null,
      completedAt: null,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(extractionJobs.id, jobId),
        eq(extractionJobs.userId, userId),
        eq(extractionJobs.status, "failed"),
      ),
    )
    .returning({ id: extractionJobs.id });
  return requeued.length > 0;
}

/** Marks the job's changes as undone from the chat, so its notice says so after a reload. */
export async function markJobUndone(
  db: Executor,
  { userId, jobId }: { userId: string; jobId: string },
): Promise<void> {
  await db
    .update(extractionJobs)
    .set({ undoneAt: sql`now()` })
    .where(and(eq(extractionJobs.id, jobId), eq(extractionJobs.userId, userId)));
}

/** The jobs of these turns (by assistant message id), for the notices of a whole chat. */
export async function findJobsForTurns(
  db: Executor,
  { userId, assistantMessageIds }: { userId: string; assistantMessageIds: string[] },
): Promise<ExtractionJob[]> {
  if (assistantMessageIds.length === 0) return [];
  return db
    .select()
    .from(extractionJobs)
    .where(
      and(
        inArray(extractionJobs.assistantMessageId, assistantMessageIds),
        eq(extractionJobs.userId, userId),
      ),
    );
}
