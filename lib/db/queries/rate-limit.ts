/**
 * Fixed-window rate limits kept in Postgres (no Redis): one row per subject and bucket, counted
 * and reset by a single upsert, so concurrent requests on several servers count correctly.
 * Signed-in users are counted in `rate_limits` (removed with the account); requests made before
 * sign-in — per email, per client address — in `client_rate_limits`, under a hash of the subject.
 */
import "server-only";
import { createHash } from "node:crypto";
import { and, eq, lt, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "../open";
import { clientRateLimits, rateLimits } from "../schema";

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

type Window = { limit: number; windowSeconds: number };
type RateLimitParams = Window & { userId: string; bucket: string };
type ClientRateLimitParams = Window & { bucket: string; subject: string };

/** The upsert's `set` and the seconds until the window ends, for a table's two columns. */
function windowCounting(
  columns: { windowStart: PgColumn; count: PgColumn },
  windowSeconds: number | Placeholder,
): { set: Record<string, SQL>; retryAfter: SQL<number> } {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const expired = sql`${columns.windowStart} <= now() - ${window}`;
  return {
    set: {
      count: sql`case when ${expired} then 1 else ${columns.count} + 1 end`,
      windowStart: sql`case when ${expired} then now() else ${columns.windowStart} end`,
    },
    retryAfter: sql<number>`greatest(1, ceil(extract(epoch from (${columns.windowStart} + ${window} - now()))))::int`,
  };
}

/**
 * Counts one hit in the user's current window (starting a new window when the last one has
 * passed). Returns the insert so callers can choose what it returns — see chat-turn.ts, which
 * reads more in the same round trip.
 */
export function countRateLimitHit(
  db: Executor,
  {
    userId,
    bucket,
    windowSeconds,
  }: {
    userId: string | Placeholder;
    bucket: string;
    windowSeconds: number | Placeholder;
  },
) {
  const { set, retryAfter } = windowCounting(rateLimits, windowSeconds);
  const insert = db
    .insert(rateLimits)
    .values({ userId, bucket, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.userId, rateLimits.bucket], set });
  return { insert, retryAfter };
}

export function rateLimitResult(
  row: { count: number; retryAfter: number } | undefined,
  { limit, windowSeconds }: Window,
): RateLimitResult {
  const count = row?.count ?? 1;
  return { allowed: count <= limit, retryAfterSeconds: Number(row?.retryAfter ?? windowSeconds) };
}

export async function hitRateLimit(
  db: Executor,
  params: RateLimitParams,
): Promise<RateLimitResult> {
  const { insert, retryAfter } = countRateLimitHit(db, params);
  const [row] = await insert.returning({ count: rateLimits.count, retryAfter });
  return rateLimitResult(row, params);
}

/** The stored key of a subject (an email, an address): a hash, so none is kept in clear. */
export function clientRateLimitKey(subject: string): string {
  return createHash("sha256").update(subject).digest("hex");
}

/** Counts one hit for a subject that is not a signed-in user (same window rules as above). */
export async function hitClientRateLimit(
  db: Executor,
  params: ClientRateLimitParams,
): Promise<RateLimitResult> {
  const { set, retryAfter } = windowCounting(clientRateLimits, params.windowSeconds);
  const [row] = await db
    .insert(clientRateLimits)
    .values({
      bucket: params.bucket,
      key: clientRateLimitKey(params.subject),
      windowStart: sql`now()`,
      count: 1,
    })
    .onConflictDoUpdate({ target: [clientRateLimits.bucket, clientRateLimits.key], set })
    .returning({ count: clientRateLimits.count, retryAfter });
  return rateLimitResult(row, params);
}

/** Takes back one hit (an attempt that turned out fine should not count against the subject). */
export async function refundClientRateLimit(
  db: Executor,
  { bucket, subject }: { bucket: string; subject: string },
): Promise<void> {
  await db
    .update(clientRateLimits)
    .set({ count: sql`greatest(${clientRateLimits.count} - 1, 0)` })
    .where(
      and(
        eq(clientRateLimits.bucket, bucket),
        eq(clientRateLimits.key, clientRateLimitKey(subject)),
      ),
    );
}

/** Forgets a subject's counter altogether (say, an account's failed sign-ins once it signs in). */
export async function clearClientRateLimit(
  db: Executor,
  { bucket, subject }: { bucket: string; subject: string },
): Promise<void> {
  await db
    .delete(clientRateLimits)
    .where(
      and(
        eq(clientRateLimits.bucket, bucket),
        eq(clientRateLimits.key, clientRateLimitKey(subject)),
      ),
    );
}

/** Removes counters whose window started before `before`: they would restart at 1 anyway. */
export async function deleteStaleClientRateLimits(
  db: Executor,
  { before }: { before: Date },
): Promise<number> {
  const deleted = await db
    .delete(clientRateLimits)
    .where(lt(clientRateLimits.windowStart, before))
    .returning({ key: clientRateLimits.key });
  return deleted.length;
}
