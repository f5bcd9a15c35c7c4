/**
 * How often a user may change memories by hand (add, edit, delete, undo): counted per user in
 * the database, so every instance shares the count.
 */
import "server-only";
import type { Executor } from "@/lib/db/client";
import { hitRateLimit } from "@/lib/db/queries/rate-limit";
import { getEnv } from "@/lib/env";
import { AppError, isForeignKeyViolation } from "@/lib/errors";

const WINDOW_SECONDS = 60;

/** Counts one memory write; throws `rate_limited` (with the wait) past the per-minute limit. */
export async function limitMemoryWrites(db: Executor, userId: string): Promise<void> {
  let result: Awaited<ReturnType<typeof hitRateLimit>>;
  try {
    result = await hitRateLimit(db, {
      userId,
      bucket: "memory-write",
      limit: getEnv().MEMORY_WRITE_RATE_LIMIT_PER_MINUTE,
      windowSeconds: WINDOW_SECONDS,
    });
  } catch (error) {
    // A session whose account is gone: the counter cannot reference it.
    if (isForeignKeyViolation(error)) throw new AppError("unauthorized", "Sign in to continue.");
    throw error;
  }
  if (!result.allowed) {
    const seconds = result.retryAfterSeconds;
    throw new AppError(
      "rate_limited",
      `You are changing memories too quickly. Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`,
      {
        retryAfterSeconds: seconds,
        reason: "memory_write_rate_limited",
        params: { count: seconds },
      },
    );
  }
}
