/**
 * The reply path (SPEC §4), latency-critical: authenticate → validate → read what the prompt
 * needs in parallel → save the user message → stream from the chat model. Everything about
 * memory extraction happens after the last token, through `after()`.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { type ModelMessage, streamText } from "ai";
import { after } from "next/server";
import { buildChatSystemPrompt } from "@/lib/ai/chat-prompt";
import { getModel } from "@/lib/ai/providers";
import { parseJsonBody, requireUser } from "@/lib/api/request";
import { type Database, getDb } from "@/lib/db/client";
import { checkChatTurn } from "@/lib/db/queries/chat-turn";
import { ensureChat } from "@/lib/db/queries/chats";
import { recentMessages, saveUserMessage, textOf } from "@/lib/db/queries/messages";
import type { Message } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { runTurnExtraction } from "@/lib/jobs/run-extraction";
import { selectMemoriesForPrompt } from "@/lib/memory/prompt-memories";
import { type ServerTiming, startServerTiming } from "@/lib/observability/server-timing";
import { registerActiveStream, releaseActiveStream } from "./active-streams";
import { chatRequestSchema, maxChatBodyBytes, messageText } from "./request";
import { type FinishedTurn, saveFinishedTurn } from "./save-turn";

const HISTORY_MESSAGES = 30;
const MEMORY_TOKEN_BUDGET = 800;
/** A reply that goes silent this long is ended with an error instead of hanging forever. */
const CHUNK_TIMEOUT_MS = 60_000;

export async function handleChatRequest(request: Request): Promise<Response> {
  const timing = startServerTiming();
  const user = await requireUser();
  timing.mark("auth");
  const env = getEnv();
  const body = await parseJsonBody(request, chatRequestSchema, {
    maxBytes: maxChatBodyBytes(env.CHAT_MAX_MESSAGE_CHARS),
  });
  const text = messageText(body, env.CHAT_MAX_MESSAGE_CHARS);
  const chatId = body.id;
  const db = await getDb();
  timing.mark("parse");

  const [turn, history, memories] = await Promise.all([
    checkChatTurn(db, {
      userId: user.id,
      chatId,
      limit: env.CHAT_RATE_LIMIT_PER_MINUTE,
      windowSeconds: 60,
    }),
    recentMessages(db, { userId: user.id, chatId, limit: HISTORY_MESSAGES }),
    selectMemoriesForPrompt(db, {
      userId: user.id,
      latestMessage: text,
      tokenBudget: MEMORY_TOKEN_BUDGET,
    }),
  ]);
  timing.mark("reads");
  if (!turn.rate.allowed) {
    throw new AppError(
      "rate_limited",
      "You are sending messages too quickly. Wait a moment and try again.",
      { retryAfterSeconds: turn.rate.retryAfterSeconds },
    );
  }
  if (turn.memoryEnabled === null) throw new AppError("unauthorized", "Sign in to continue.");
  if (turn.chat === "not_mine") throw notFound("Chat not found");
  const memoryEnabled = turn.memoryEnabled;

  const newMessage = { id: body.message.id, userId: user.id, chatId, text };
  // A new chat and its first message commit together: a message id that is refused (404) must
  // not leave an empty chat behind. ensureChat is 404 if the chat was taken meanwhile.
  const userMessage =
    turn.chat === "new"
      ? await db.transaction(async (tx) => {
          await ensureChat(tx, { userId: user.id, chatId });
          return saveUserMessage(tx, newMessage);
        })
      : await saveUserMessage(db, newMessage);
  const earlier = history.filter((message) => message.id !== userMessage.id);
  timing.mark("save");

  return streamReply({
    db,
    userId: user.id,
    chatId,
    userMessage,
    text,
    earlier,
    system: buildChatSystemPrompt({
      memories: memoryEnabled ? memories : [],
      memoryEnabled,
      now: new Date(),
    }),
    memoryEnabled,
    timing,
  });
}

function streamReply(input: {
  db: Database;
  userId: string;
  chatId: string;
  userMessage: Message;
  text: string;
  earlier: Message[];
  system: string;
  memoryEnabled: boolean;
  timing: ServerTiming;
}): Response {
  const { db, userId, chatId, userMessage } = input;
  const assistantMessageId = randomUUID();
  const stop = registerActiveStream(userId, chatId);

  let settle: (turn: FinishedTurn | null) => void = () => {};
  const finished = new Promise<FinishedTurn | null>((resolve) => {
    settle = resolve;
  });
  let partialText = "";
  let saving = false;
  const save = async (replyText: string, status: "complete" | "stopped") => {
    if (saving) return;
    saving = true;
    try {
      settle(
        await saveFinishedTurn(db, {
          userId,
          chatId,
          userMessage,
          assistantMessageId,
          replyText,
          status,
          titleSource: firstUserText(input.earlier) ?? input.text,
          memoryEnabled: input.memoryEnabled,
        }),
      );
    } catch (error) {
      console.error("[chat] saving the reply failed:", errorText(error));
      settle(null);
    } finally {
      releaseActiveStream(userId, chatId, stop);
    }
  };

  /** The model failed: nothing is saved for the reply; the user message stays for Retry. */
  const fail = (error: unknown) => {
    if (saving) return;
    saving = true;
    console.error("[chat] model error:", errorText(error));
    releaseActiveStream(userId, chatId, stop);
    settle(null);
  };

  const result = streamText({
    model: getModel("chat").model,
    system: input.system,
    messages: [...toModelMessages(input.earlier), { role: "user", content: input.text }],
    maxRetries: 1,
    abortSignal: stop.signal,
    timeout: { chunkMs: CHUNK_TIMEOUT_MS },
    onChunk: ({ chunk }) => {
      if (chunk.type === "text-delta") partialText += chunk.text;
    },
    onFinish: ({ text }) => save(text, "complete"),
    onAbort: () => save(partialText, "stopped"),
    onError: ({ error }) => fail(error),
  });
  // Keep generating when the browser goes away: the reply is still finished and saved. However
  // the stream ends, the turn is settled then — an unsettled turn would keep after() waiting
  // forever (and hold the server's shutdown). Stop's abort is onAbort's to handle.
  void result
    .consumeStream({ onError: (error) => stop.signal.aborted || fail(error) })
    .then(() => fail(new Error("the reply stream ended without finishing")));

  after(async () => {
    const turn = await finished;
    if (turn?.extractionJobId) await runTurnExtraction(turn.extractionJobId);
  });

  input.timing.mark("start");
  return result.toUIMessageStreamResponse({
    headers: {
      // no-transform: Next (and proxies) must not gzip the event stream — compression costs CPU
      // on every chunk and can hold tokens back.
      "Cache-Control": "no-cache, no-transform",
      "Server-Timing": input.timing.header(),
    },
    generateMessageId: () => assistantMessageId,
    messageMetadata: ({ part }) =>
      part.type === "start" ? { userMessageId: userMessage.id } : undefined,
    onError: describeModelError,
  });
}

function toModelMessages(messages: Message[]): ModelMessage[] {
  return messages.flatMap((message): ModelMessage[] => {
    const text = textOf(message);
    if (!text) return [];
    return message.role === "user"
      ? [{ role: "user", content: text }]
      : [{ role: "assistant", content: text }];
  });
}

function firstUserText(messages: Message[]): string | undefined {
  const first = messages.find((message) => message.role === "user");
  return first ? textOf(first) : undefined;
}

/** What the user reads when the chat model fails: no internals, and what to do next. */
function describeModelError(error: unknown): string {
  const status = (error as { statusCode?: number }).statusCode;
  const reason = status ? ` (it answered HTTP ${status})` : "";
  return `The chat model is not available right now${reason}. Your message is saved — press Retry to try again.`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
