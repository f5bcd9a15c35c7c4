/**
 * The checks a chat message needs before its reply can start, in one round trip: count the
 * message against the user's rate limit, read the user's memory switch, and find who owns the
 * chat. The reply path is latency-critical (SPEC §4), so these share one statement.
 */
import { eq, sql } from "drizzle-orm";
import type { Executor } from "../open";
import { chats, rateLimits, users } from "../schema";
import { countRateLimitHit, type RateLimitResult, rateLimitResult } from "./rate-limit";

export type ChatTurnCheck = {
  rate: RateLimitResult;
  /** null when the account no longer exists. */
  memoryEnabled: boolean | null;
  chat: "mine" | "new" | "not_mine";
};

export async function checkChatTurn(
  db: Executor,
  {
    userId,
    chatId,
    limit,
    windowSeconds,
  }: { userId: string; chatId: string; limit: number; windowSeconds: number },
): Promise<ChatTurnCheck> {
  const params = { userId, bucket: "chat", limit, windowSeconds };
  const { insert, retryAfter } = countRateLimitHit(db, params);
  const memoryEnabled = sql<boolean | null>`(
    select ${users.memoryEnabled} from ${users} where ${eq(users.id, userId)})`;
  const chatOwner = sql<string | null>`(
    select ${chats.userId} from ${chats} where ${eq(chats.id, chatId)})`;
  let row:
    | { count: number; retryAfter: number; memoryEnabled: boolean | null; chatOwner: string | null }
    | undefined;
  try {
    [row] = await insert.returning({
      count: rateLimits.count,
      retryAfter,
      memoryEnabled,
      chatOwner,
    });
  } catch (error) {
    // A session whose account is gone (say, a wiped database): the rate-limit row cannot
    // reference it. The caller treats the missing account as signed out.
    if (isForeignKeyViolation(error)) {
      return { rate: { allowed: true, retryAfterSeconds: 0 }, memoryEnabled: null, chat: "new" };
    }
    throw error;
  }
  const owner = row?.chatOwner ?? null;
  return {
    rate: rateLimitResult(row, params),
    memoryEnabled: row?.memoryEnabled ?? null,
    chat: owner === null ? "new" : owner === userId ? "mine" : "not_mine",
  };
}

function isForeignKeyViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return (error as { code?: string }).code === "23503" || cause?.code === "23503";
}
