/**
 * A fixed-window rate limit kept in Postgres (no Redis): one row per user and bucket, counted
 * and reset by a single upsert, so concurrent requests on several servers count correctly.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "../open";
import { rateLimits } from "../schema";

export type RateLimitResult = { allowed: boolean; retryAfterSeconds: number };

export async function hitRateLimit(
  db: Executor,
  {
    userId,
    bucket,
    limit,
    windowSeconds,
  }: {
    userId: string;
    bucket: string;
    limit: number;
    windowSeconds: number;
  },
): Promise<RateLimitResult> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const expired = sql`${rateLimits.windowStart} <= now() - ${window}`;
  const [row] = await db
    .insert(rateLimits)
    .values({ userId, bucket, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.userId, rateLimits.bucket],
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      retryAfter: sql<number>`greatest(1, ceil(extract(epoch from (${rateLimits.windowStart} + ${window} - now()))))::int`,
    });
  const count = row?.count ?? 1;
  return { allowed: count <= limit, retryAfterSeconds: Number(row?.retryAfter ?? windowSeconds) };
}
