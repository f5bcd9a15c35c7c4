/**
 * The checks a chat message needs before its reply can start, in one round trip: count the
 * message against the user's rate limit, read the user's memory switch, and find who owns the
 * chat. The reply path is latency-critical, so these share one prepared statement.
 */
import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { isForeignKeyViolation } from "@/lib/errors";
import type { Executor } from "../open";
import { preparedStatement } from "../prepared";
import { chats, rateLimits, users } from "../schema";
import { countRateLimitHit, type RateLimitResult, rateLimitResult } from "./rate-limit";

export type ChatTurnCheck = {
  rate: RateLimitResult;
  /** null when the account no longer exists or an admin disabled it. */
  memoryEnabled: boolean | null;
  chat: "mine" | "new" | "not_mine";
  /** The chat is temporary (false for a chat that does not exist yet). */
  temporary: boolean;
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
  let row: Awaited<ReturnType<ReturnType<typeof chatTurnStatement>["execute"]>>[number] | undefined;
  try {
    [row] = await preparedStatement(db, "chat-turn", chatTurnStatement).execute({
      userId,
      chatId,
      windowSeconds,
    });
  } catch (error) {
    // A session whose account is gone (say, a wiped database): the rate-limit row cannot
    // reference it. The caller treats the missing account as signed out.
    if (isForeignKeyViolation(error)) {
      return {
        rate: { allowed: true, retryAfterSeconds: 0 },
        memoryEnabled: null,
        chat: "new",
        temporary: false,
      };
    }
    throw error;
  }
  const owner = row?.chatOwner ?? null;
  return {
    rate: rateLimitResult(row, { limit, windowSeconds }),
    memoryEnabled: row?.memoryEnabled ?? null,
    chat: owner === null ? "new" : owner === userId ? "mine" : "not_mine",
    temporary: owner === userId && row?.chatTemporary === true,
  };
}

function chatTurnStatement(db: Executor) {
  const userId = sql.placeholder("userId");
  const chatId = sql.placeholder("chatId");
  const { insert, retryAfter } = countRateLimitHit(db, {
    userId,
    bucket: "chat",
    windowSeconds: sql.placeholder("windowSeconds"),
  });
  const memoryEnabled = sql<boolean | null>`(
    select ${users.memoryEnabled} from ${users}
    where ${and(eq(users.id, userId), isNull(users.disabledAt))})`;
  const chatOwner = sql<string | null>`(
    select ${chats.userId} from ${chats} where ${eq(chats.id, chatId)})`;
  const chatTemporary = sql<boolean | null>`(
    select ${chats.temporary} from ${chats} where ${eq(chats.id, chatId)})`;
  return insert
    .returning({ count: rateLimits.count, retryAfter, memoryEnabled, chatOwner, chatTemporary })
    .prepare("chat_turn_check");
}
