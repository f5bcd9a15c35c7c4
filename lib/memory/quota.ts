/**
 * How many memories one user may keep (`MEMORY_MAX_PER_USER`, active and suggested together).
 * Adding one by hand past it is refused with a message saying what to do; an extraction past it
 * adds nothing new, but still updates, refreshes and forgets what is there.
 */
import "server-only";
import { count, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/open";
import { memories } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

export async function hasRoomForMemory(db: Executor, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ stored: count() })
    .from(memories)
    .where(eq(memories.userId, userId));
  return (row?.stored ?? 0) < getEnv().MEMORY_MAX_PER_USER;
}

export function memoryQuotaReached(): AppError {
  const limit = getEnv().MEMORY_MAX_PER_USER;
  const max = limit.toLocaleString("en");
  return new AppError(
    "quota_exceeded",
    `You have ${max} memories, the most Ingat keeps. Delete some to add new ones.`,
    { reason: "memory_quota", params: { max: limit } },
  );
}
