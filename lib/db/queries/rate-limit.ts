/**
 * A fixed-window rate limit kept in Postgres (no Redis): one row per user and bucket, counted
 * and reset by a single upsert, so concurrent requests on several servers count correctly.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "../open";
import { rateLimits } from "../schema";

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

type RateLimitParams = {
  userId: string;
  bucket: string;
  limit: number;
  windowSeconds: number;
};

/**
 * Counts one hit in the user's current window (starting a new window when the last one has
 * passed). Returns the insert so callers can choose what it returns — see chat-turn.ts, which
 * reads more in the same round trip.
 */
export function countRateLimitHit(
  db: Executor,
  { userId, bucket, windowSeconds }: RateLimitParams,
) {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const expired = sql`${rateLimits.windowStart} <= now() - ${window}`;
  const insert = db
    .insert(rateLimits)
    .values({ userId, bucket, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.userId, rateLimits.bucket],
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimits.windowStart} end`,
      },
    });
  const retryAfter = sql<number>`greatest(1, ceil(extract(epoch from (${rateLimits.windowStart} + ${window} - now()))))::int`;
  return { insert, retryAfter };
}

export function rateLimitResult(
  row: { count: number; retryAfter: number } | undefined,
  { limit, windowSeconds }: RateLimitParams,
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
