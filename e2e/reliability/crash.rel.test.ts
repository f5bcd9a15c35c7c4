/**
 * Crash: kill -9 the server while extraction jobs are in flight (the extraction endpoint is slow)
 * and while some replies are still streaming, then start it again on the same data. Every saved
 * turn's job completes, turns saved = jobs done, nothing is stored twice, and the interrupted
 * replies can be retried.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createHttpUser, type HttpUser } from "@/e2e/support/http-session";
import {
  type ApiMemory,
  chatOnceFree,
  letters,
  memoriesOf,
  pollUntil,
  queryRows,
  type Stack,
  scriptExtraction,
  settledTurn,
  startStack,
  unexpectedErrorsIn,
} from "./support";

const USERS = 3;
const FINISHED_TURNS_PER_USER = 4;
const INTERRUPTED_TURNS_PER_USER = 1;
/** Slow enough that no extraction call can finish before the kill. */
const SLOW_EXTRACTION_MS = 600_000;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack("crash", {
    extractionDelayMs: SLOW_EXTRACTION_MS,
    // Calls outlive the moments between the turns and the kill, so jobs are claimed and running
    // when the process dies; the lease (just above the time limit) then hands them on.
    env: {
      EXTRACTION_TIMEOUT_MS: "5000",
      EXTRACTION_LEASE_SECONDS: "6",
      EXTRACTION_MAX_ATTEMPTS: "5",
    },
  });
});

afterAll(async () => {
  await stack?.close();
});

type Turn = { user: HttpUser; chatId: string; text: string; topic: string; messageId: string };

function newTurn(user: HttpUser): Turn {
  const topic = letters();
  return {
    user,
    chatId: randomUUID(),
    text: `I collect ${topic} stamps, it is my favourite hobby.`,
    topic,
    messageId: randomUUID(),
  };
}

async function scriptTurn(turn: Turn) {
  await scriptExtraction(stack.extractionMock, turn.text, [
    {
      type: "interest",
      category: "hobbies",
      topic: turn.topic,
      detail: `collects ${turn.topic} stamps`,
      confidence_score: 0.95,
      source_text: `I collect ${turn.topic} stamps`,
      explicit: false,
    },
  ]);
}

test("kill -9 during extraction and streaming loses no turn and duplicates nothing", async () => {
  const users = await Promise.all(
    Array.from({ length: USERS }, (_, index) => createHttpUser(stack.url, `crash${index}`)),
  );
  const finished = users.flatMap((user) =>
    Array.from({ length: FINISHED_TURNS_PER_USER }, () => newTurn(user)),
  );
  const interrupted = users.flatMap((user) =>
    Array.from({ length: INTERRUPTED_TURNS_PER_USER }, () => newTurn(user)),
  );
  for (const turn of [...finished, ...interrupted]) await scriptTurn(turn);
  // These replies never end before the kill: the chat endpoint holds them open.
  for (const turn of interrupted) {
    await stack.chatMock.addRule({ match: turn.topic, kind: "chat", response: { type: "hang" } });
  }

  const replies = await Promise.all(
    finished.map((turn) => turn.user.chat(turn.chatId, turn.text, { messageId: turn.messageId })),
  );
  for (const reply of replies) {
    expect(reply.status, reply.errorText ?? "").toBe(200);
    expect(reply.errorText).toBeNull();
    expect(reply.assistantMessageId).toBeTruthy();
  }
  const streaming = interrupted.map((turn) =>
    turn.user
      .chat(turn.chatId, turn.text, { messageId: turn.messageId })
      .then(() => "ended" as const)
      .catch(() => "cut" as const),
  );

  // Kill once every finished turn's extraction call is open at the slow endpoint and every
  // interrupted reply is waiting on the chat endpoint.
  await pollUntil(
    async () => {
      const [extraction, chat] = await Promise.all([
        stack.extractionMock.requests({ kind: "extraction" }),
        stack.chatMock.requests({ kind: "chat" }),
      ]);
      const open = (text: string, requests: typeof extraction) =>
        requests.some((request) => request.outcome === "pending" && contains(request, text));
      return (
        finished.every((turn) => open(turn.text, extraction)) &&
        interrupted.every((turn) => open(turn.topic, chat))
      );
    },
    (ready) => ready,
    { timeoutMs: 20_000, what: "extraction calls and replies in flight" },
  );
  const cutCalls = (await stack.extractionMock.requests({ kind: "extraction" })).filter(
    (request) => request.outcome === "pending",
  ).length;
  await stack.stopApp("SIGKILL");
  expect(await Promise.all(streaming)).toEqual(interrupted.map(() => "cut"));

  // The endpoint recovers; the server comes back on the same data.
  await stack.extractionMock.configure({ extractionDelayMs: 50 });
  await stack.restartApp();

  for (const [index, turn] of finished.entries()) {
    const updates = await settledTurn(turn.user, replies[index]?.assistantMessageId ?? "");
    expect(updates.status, JSON.stringify(updates)).toBe("done");
  }

  // The interrupted replies: the user's message was kept, and Retry finishes the turn.
  for (const turn of interrupted) {
    const chat = await turn.user.fetch(`/api/chats/${turn.chatId}`);
    const { messages } = (await chat.json()) as { messages: { id: string; role: string }[] };
    expect(messages.map((message) => [message.id, message.role])).toEqual([
      [turn.messageId, "user"],
    ]);
    await stack.chatMock.reset(turn.topic);
    const retry = await chatOnceFree(turn.user, turn.chatId, turn.text, {
      messageId: turn.messageId,
    });
    expect(retry.errorText).toBeNull();
    expect((await settledTurn(turn.user, retry.assistantMessageId ?? "")).status).toBe("done");
  }

  const allTurns = [...finished, ...interrupted];
  for (const user of users) {
    const topics = (await memoriesOf(user)).map((memory: ApiMemory) => memory.topic).sort();
    expect(topics).toEqual(
      allTurns
        .filter((turn) => turn.user === user)
        .map((turn) => turn.topic)
        .sort(),
    );
  }
  expect(unexpectedErrorsIn(stack.appOutput())).toEqual([]);

  await stack.stopApp("SIGTERM");
  const [totals] = await stack.withDatabase((db) =>
    queryRows<Totals>(
      db,
      sql`select
      (select count(*)::int from messages where role = 'user') as user_messages,
      (select count(*)::int from messages where role = 'assistant') as turns,
      (select count(*)::int from extraction_jobs) as jobs,
      (select count(*)::int from extraction_jobs where status = 'done') as done,
      (select count(*)::int from (select user_message_id from extraction_jobs
         group by user_message_id having count(*) > 1) d) as duplicate_jobs,
      (select count(*)::int from memories) as memories,
      (select count(*)::int from (select 1 from memories
         group by user_id, category, topic_key having count(*) > 1) d) as duplicate_memories,
      (select count(*)::int from (select 1 from memory_history where action = 'created'
         group by memory_id having count(*) > 1) d) as created_twice`,
    ),
  );
  if (!totals) throw new Error("no counts");
  expect(totals).toEqual({
    user_messages: allTurns.length,
    turns: allTurns.length,
    jobs: allTurns.length,
    done: allTurns.length,
    duplicate_jobs: 0,
    memories: allTurns.length,
    duplicate_memories: 0,
    created_twice: 0,
  });
  console.log(
    `crash [${stack.databaseKind}]: ${totals.turns} turns saved, ${totals.done} jobs done, ` +
      `${totals.duplicate_memories + totals.duplicate_jobs + totals.created_twice} duplicates ` +
      `(${cutCalls} extraction calls and ${interrupted.length} replies cut by kill -9; ` +
      `${interrupted.length} retried)`,
  );
});

type Totals = {
  user_messages: number;
  turns: number;
  jobs: number;
  done: number;
  duplicate_jobs: number;
  memories: number;
  duplicate_memories: number;
  created_twice: number;
};

function contains(request: { messages: unknown[] }, text: string): boolean {
  return JSON.stringify(request.messages).includes(JSON.stringify(text).slice(1, -1));
}
