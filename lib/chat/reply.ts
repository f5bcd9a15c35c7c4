/**
 * The reply path, latency-critical: authenticate → validate → read what the prompt
 * needs in parallel → save the user message → stream from the chat model. Everything about
 * memory extraction happens after the last token, through `after()`.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { createUIMessageStreamResponse, streamText, toUIMessageStream } from "ai";
import { after } from "next/server";
import { buildChatSystemPrompt } from "@/lib/ai/chat-prompt";
import { getModel } from "@/lib/ai/providers";
import { parseJsonBody, requireSessionUser } from "@/lib/api/request";
import { type Database, type Executor, getDb } from "@/lib/db/client";
import { checkChatTurn } from "@/lib/db/queries/chat-turn";
import { ensureChat, insertChatWithFirstMessage } from "@/lib/db/queries/chats";
import {
  hasReplyAfter,
  recentMessages,
  saveUserMessageOnce,
  textOf,
} from "@/lib/db/queries/messages";
import {
  claimReplyLease,
  claimReplyLeaseSoon,
  releaseReplyLease,
  renewReplyLease,
} from "@/lib/db/queries/reply-lease";
import type { Message } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { runTurnExtraction } from "@/lib/jobs/run-extraction";
import {
  DEFAULT_MEMORY_TOKEN_BUDGET,
  type SelectedMemory,
  selectMemoriesForPrompt,
} from "@/lib/memory/prompt-memories";
import { type UsedMemoryView, usedMemoriesOf } from "@/lib/memory/used-memories";
import { loggableError } from "@/lib/observability/log-error";
import { type ServerTiming, startServerTiming } from "@/lib/observability/server-timing";
import { getStreamRegistry, type StreamRegistry } from "./active-streams";
import { chatModelMessages, type HistoryBudget } from "./context-window";
import { chatRequestSchema, maxChatBodyBytes, messageText } from "./request";
import { prepareEdit, prepareRegenerate } from "./resend";
import { type FinishedTurn, saveFinishedTurn } from "./save-turn";
import { titleFrom, UNTITLED_CHAT } from "./title";

const HISTORY_MESSAGES = 30;
/** The memory page's "N of your M memories fit in each reply" counts with the same budget. */
const MEMORY_TOKEN_BUDGET = DEFAULT_MEMORY_TOKEN_BUDGET;
/** A reply that goes silent this long is ended with an error instead of hanging forever. */
const CHUNK_TIMEOUT_MS = 60_000;

export async function handleChatRequest(request: Request): Promise<Response> {
  const timing = startServerTiming();
  const user = await requireSessionUser();
  timing.mark("auth");
  const env = getEnv();
  const body = await parseJsonBody(request, chatRequestSchema, {
    maxBytes: maxChatBodyBytes(env.CHAT_MAX_MESSAGE_CHARS),
  });
  const text = messageText(body, env.CHAT_MAX_MESSAGE_CHARS);
  const chatId = body.id;
  const db = await getDb();
  timing.mark("parse");

  // Memories are read alongside the checks unless the page says memory is off or the chat is
  // temporary; the stored switch and chat kind decide below, and a memory read skipped on a
  // stale page is done then.
  const memoryRequest = { userId: user.id, latestMessage: text, tokenBudget: MEMORY_TOKEN_BUDGET };
  const readMemoriesEarly = !body.temporary && body.memory !== false;
  let [turn, history, memories] = await Promise.all([
    checkChatTurn(db, {
      userId: user.id,
      chatId,
      limit: env.CHAT_RATE_LIMIT_PER_MINUTE,
      windowSeconds: 60,
    }),
    // One more than is sent: a resend's own message is in the history read.
    recentMessages(db, { userId: user.id, chatId, limit: env.CHAT_HISTORY_MAX_MESSAGES + 1 }),
    readMemoriesEarly ? selectMemoriesForPrompt(db, memoryRequest) : null,
  ]);
  timing.mark("reads");
  if (!turn.rate.allowed) {
    throw new AppError(
      "rate_limited",
      "You are sending messages too quickly. Wait a moment and try again.",
      { retryAfterSeconds: turn.rate.retryAfterSeconds, reason: "chat_rate_limited" },
    );
  }
  if (turn.memoryEnabled === null) {
    throw new AppError("unauthorized", "This account was disabled or deleted. Sign in again.", {
      reason: "sign_in",
    });
  }
  if (turn.chat === "not_mine") throw notFound("Chat not found");
  const temporary = turn.chat === "new" ? body.temporary === true : turn.temporary;
  const memoryEnabled = turn.memoryEnabled;
  if (memoryEnabled && !temporary && memories === null) {
    memories = await selectMemoriesForPrompt(db, memoryRequest);
  }
  const usedMemories = memoryEnabled && !temporary ? (memories ?? []) : [];

  // Taken before anything is changed: a second send (say, Retry after a reload) while a reply
  // is being written would otherwise delete or duplicate that reply.
  const lease = {
    userId: user.id,
    chatId,
    streamId: randomUUID(),
    seconds: env.CHAT_REPLY_LEASE_SECONDS,
  };
  if (turn.chat === "mine") {
    const claim = await claimReplyLeaseSoon(db, lease);
    if (claim === "busy") throw replyInProgress();
    // The reply it waited for was saved meanwhile: the model must see it.
    if (claim === "claimed after a wait") {
      history = await recentMessages(db, { userId: user.id, chatId, limit: HISTORY_MESSAGES });
    }
  }
  let started: { userMessage: Message; earlier: Message[] };
  try {
    started = await saveTurnStart(db, {
      userId: user.id,
      chatId,
      isNewChat: turn.chat === "new",
      temporary,
      message: { id: body.message.id, text },
      regenerate: body.regenerate === true,
      replaces: body.replaces,
      history,
      lease,
    });
  } catch (error) {
    await releaseReplyLease(db, lease).catch(() => {});
    throw error;
  }
  const { userMessage, earlier } = started;
  timing.mark("save");

  return streamReply({
    db,
    streams: await getStreamRegistry(),
    lease,
    userId: user.id,
    chatId,
    userMessage,
    text: textOf(userMessage),
    earlier,
    usedMemories,
    system: buildChatSystemPrompt({
      memories: usedMemories,
      memoryEnabled,
      temporary,
      now: new Date(),
    }),
    extract: memoryEnabled && !temporary,
    timing,
    limits: {
      maxMessages: env.CHAT_HISTORY_MAX_MESSAGES,
      tokenBudget: env.CHAT_HISTORY_TOKEN_BUDGET,
      maxOutputTokens: env.CHAT_MAX_OUTPUT_TOKENS,
    },
  });
}

/**
 * Saves what this send changes before the reply starts, and returns the user message to answer
 * with the conversation before it. A new chat and its first message commit together (a message
 * id that is refused must not leave an empty chat behind), and the chat is named after the
 * message at once, so a reply that fails never leaves it called "New chat".
 */
async function saveTurnStart(
  db: Database,
  input: {
    userId: string;
    chatId: string;
    isNewChat: boolean;
    temporary: boolean;
    message: { id: string; text: string };
    regenerate: boolean;
    replaces: string | undefined;
    history: Message[];
    lease: ReplyLease;
  },
): Promise<{ userMessage: Message; earlier: Message[] }> {
  const { userId, chatId, history } = input;
  /** The history (oldest first) before the message with this id. */
  const before = (messageId: string) => {
    const index = history.findIndex((message) => message.id === messageId);
    return index === -1 ? history : history.slice(0, index);
  };
  if (input.replaces) {
    const userMessage = await prepareEdit(db, {
      userId,
      chatId,
      replaces: input.replaces,
      message: input.message,
    });
    return { userMessage, earlier: before(input.replaces) };
  }
  if (input.regenerate && !input.isNewChat) {
    const userMessage = await prepareRegenerate(db, {
      userId,
      chatId,
      messageId: input.message.id,
    });
    if (userMessage) return { userMessage, earlier: before(userMessage.id) };
  }
  const newMessage = { id: input.message.id, userId, chatId, text: input.message.text };
  /** A message sent again (Retry of a send that failed) is answered only if it has no reply. */
  const saveOnce = async (tx: Executor) => {
    const saved = await saveUserMessageOnce(tx, newMessage);
    if (
      !saved.inserted &&
      (await hasReplyAfter(tx, { userId, chatId, messageId: newMessage.id }))
    ) {
      throw new AppError(
        "conflict",
        "This message has a reply already. Reload the chat to see it, or use Regenerate.",
        { reason: "reply_exists" },
      );
    }
    return saved.message;
  };
  const title = titleFrom(input.message.text) || UNTITLED_CHAT;
  const firstMessage = input.isNewChat
    ? await insertChatWithFirstMessage(
        db,
        { userId, chatId, title, temporary: input.temporary, replyLease: input.lease },
        newMessage,
      )
    : null;
  // The usual new chat commits in that one statement; the path below tells the rare cases apart.
  if (firstMessage) return { userMessage: firstMessage, earlier: history };
  const userMessage = input.isNewChat
    ? await db.transaction(async (tx) => {
        const { created } = await ensureChat(tx, {
          userId,
          chatId,
          title,
          temporary: input.temporary,
          replyLease: input.lease,
        });
        // The same new chat sent twice at once (two tabs, two instances): one reply only.
        if (!created && !(await claimReplyLease(tx, input.lease))) throw replyInProgress();
        return saveOnce(tx);
      })
    : await saveOnce(db);
  return { userMessage, earlier: history.filter((message) => message.id !== userMessage.id) };
}

type ReplyLease = { userId: string; chatId: string; streamId: string; seconds: number };

function replyInProgress(): AppError {
  return new AppError(
    "conflict",
    "A reply is still being written in this chat. It appears here when it is finished — try again in a moment, or press Stop.",
    { reason: "reply_in_progress" },
  );
}

function streamReply(input: {
  db: Database;
  streams: StreamRegistry;
  lease: ReplyLease;
  userId: string;
  chatId: string;
  userMessage: Message;
  text: string;
  earlier: Message[];
  usedMemories: SelectedMemory[];
  system: string;
  extract: boolean;
  timing: ServerTiming;
  limits: HistoryBudget & { maxOutputTokens: number };
}): Response {
  const { db, streams, userId, chatId, userMessage } = input;
  const assistantMessageId = randomUUID();
  const stop = streams.register(userId, chatId);
  // Renewed well before it runs out; a renewal that fails is retried at the next beat.
  const renewal = setInterval(
    () => void renewReplyLease(db, input.lease).catch(() => {}),
    (input.lease.seconds * 1000) / 3,
  );
  renewal.unref();
  const end = () => {
    clearInterval(renewal);
    streams.release(userId, chatId, stop);
  };

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
          extract: input.extract,
          usedMemories: usedMemoriesOf(input.usedMemories),
          streamId: input.lease.streamId,
        }),
      );
    } catch (error) {
      console.error("[chat] saving the reply failed:", loggableError(error));
      await releaseReplyLease(db, input.lease).catch(() => {});
      settle(null);
    } finally {
      end();
    }
  };

  /** The model failed: nothing is saved for the reply; the user message stays for Retry. */
  const fail = (error: unknown) => {
    if (saving) return;
    saving = true;
    console.error("[chat] model error:", loggableError(error));
    end();
    void releaseReplyLease(db, input.lease)
      .catch(() => {})
      .finally(() => settle(null));
  };

  const result = streamText({
    model: getModel("chat").model,
    instructions: input.system,
    messages: chatModelMessages(input.earlier, input.text, input.limits),
    maxOutputTokens: input.limits.maxOutputTokens,
    maxRetries: 1,
    abortSignal: stop.signal,
    timeout: { chunkMs: CHUNK_TIMEOUT_MS },
    onChunk: ({ chunk }) => {
      if (chunk.type === "text-delta") partialText += chunk.text;
    },
    onEnd: ({ text }) => save(text, "complete"),
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
  return createUIMessageStreamResponse({
    headers: {
      // no-transform: Next (and proxies) must not gzip the event stream — compression costs CPU
      // on every chunk and can hold tokens back.
      "Cache-Control": "no-cache, no-transform",
      ...(getEnv().SERVER_TIMING ? { "Server-Timing": input.timing.header() } : {}),
    },
    stream: toUIMessageStream({
      stream: result.stream,
      generateMessageId: () => assistantMessageId,
      messageMetadata: ({ part }) =>
        part.type === "start"
          ? {
              userMessageId: userMessage.id,
              usedMemories: input.usedMemories.map(
                (memory): UsedMemoryView => ({ ...memory, forgotten: false }),
              ),
            }
          : undefined,
      onError: describeModelError,
    }),
  });
}

function firstUserText(messages: Message[]): string | undefined {
  const first = messages.find((message) => message.role === "user");
  return first ? textOf(first) : undefined;
}

/**
 * What the user reads when the chat model fails: no internals, and what to do next. Sent as the
 * same JSON as an API error, so the chat says it in the user's language.
 */
function describeModelError(error: unknown): string {
  const status = (error as { statusCode?: number }).statusCode;
  const answered = status ? ` (it answered HTTP ${status})` : "";
  return JSON.stringify({
    error: {
      code: "model_unavailable",
      reason: "chat_model_unavailable",
      params: { status: status ?? 0 },
      message: `The chat model is not available right now${answered}. Your message is saved — press Retry to try again.`,
    },
  });
}
