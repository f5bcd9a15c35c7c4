/**
 * Three instances of the production build on one fresh Postgres database, and a client that
 * spreads each user's requests over them, as a load balancer without sticky sessions would:
 * Stop sent to another instance stops the reply; Retry after a reload on another instance gives
 * one reply; the memory notice arrives through any instance (server-sent events); kill -9 of
 * one instance mid-stream and mid-extraction loses no turn — the others finish its jobs.
 * Postgres only: on PGlite one process owns the database.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MockOpenAIClient } from "@/e2e/mock-openai/client";
import { type MockOpenAIServer, startMockOpenAI } from "@/e2e/mock-openai/server";
import type { RecordedRequest } from "@/e2e/mock-openai/types";
import { type AppServer, startAppServer } from "@/e2e/support/app-server";
import {
  type ChatResult,
  createHttpUser,
  type HttpUser,
  signInHttpUser,
} from "@/e2e/support/http-session";
import { type Database, openPostgres } from "@/lib/db/open";
import { createFreshPostgresDatabase } from "@/scripts/lib/fresh-database.mjs";
import {
  chatOnceFree,
  extractionMatch,
  json,
  letters,
  memoriesOf,
  parseErrorBody,
  pollUntil,
  queryRows,
  RELIABILITY_ENV,
  RELIABILITY_PORTS,
  scriptExtraction,
  settledTurn,
  unexpectedErrorsIn,
} from "./support";

const INSTANCES = 3;
const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.log(
    "three-instances: skipped — needs Postgres (set TEST_DATABASE_URL); on PGlite one process owns the database, so there is only one instance",
  );
}

/** Ports right after the suite's app port (3501–3503 by default). */
const instancePort = (index: number) => RELIABILITY_PORTS.app + 1 + index;

type Cluster = {
  servers: (AppServer | null)[];
  chatMock: MockOpenAIClient;
  extractionMock: MockOpenAIClient;
  databaseUrl: string;
  output(): string;
};

let cluster: Cluster;
let mocks: MockOpenAIServer[] = [];

/** One account, signed in on every instance: `on(i)` talks to instance i. */
type SpreadUser = { on(index: number): HttpUser };

async function spreadUser(label: string): Promise<SpreadUser> {
  const first = cluster.servers[0];
  if (!first) throw new Error("instance 0 is not running");
  const account = await createHttpUser(first.url, label);
  const sessions = await Promise.all(
    cluster.servers.map((server) =>
      server ? signInHttpUser(server.url, account.email, account.password) : null,
    ),
  );
  return {
    on(index) {
      const session = sessions[index];
      if (!session) throw new Error(`instance ${index} is not running`);
      return session;
    },
  };
}

async function withDatabase<T>(read: (db: Database) => Promise<T>): Promise<T> {
  const db = await openPostgres(cluster.databaseUrl, { max: 2 });
  try {
    return await read(db);
  } finally {
    await db.$close();
  }
}

const contains = (request: RecordedRequest, text: string) =>
  JSON.stringify(request.messages).includes(text);

/** Waits until the chat endpoint is streaming (or holding) the reply whose prompt has `topic`. */
async function replyInFlight(topic: string): Promise<void> {
  await pollUntil(
    () => cluster.chatMock.requests({ kind: "chat" }),
    (requests) => requests.some((r) => r.outcome === "pending" && contains(r, topic)),
    { timeoutMs: 20_000, intervalMs: 50, what: `the reply about ${topic} to be streaming` },
  );
}

/** A reply long and slow enough (≈ 100 ms a word) to be caught mid-stream. */
async function scriptSlowReply(topic: string, words = 80): Promise<string> {
  const text = Array.from({ length: words }, (_, index) => `${topic}${index}`).join(" ");
  await cluster.chatMock.addRule({
    match: topic,
    kind: "chat",
    response: { type: "text", text },
    tokenDelayMs: 100,
  });
  return text;
}

type ChatRows = { assistants: number; stopped: number; jobs: number };

async function chatRows(chatId: string): Promise<ChatRows> {
  const [rows] = await withDatabase((db) =>
    queryRows<ChatRows>(
      db,
      sql`select
        (select count(*)::int from messages where chat_id = ${chatId} and role = 'assistant') as assistants,
        (select count(*)::int from messages where chat_id = ${chatId} and status = 'stopped') as stopped,
        (select count(*)::int from extraction_jobs where chat_id = ${chatId}) as jobs`,
    ),
  );
  if (!rows) throw new Error("no counts");
  return rows;
}

/** Reads the chat's event stream on one instance until an event names the turn. */
async function pushedNotice(
  user: HttpUser,
  chatId: string,
  assistantMessageId: string,
  onReady: () => void,
): Promise<number> {
  const response = await user.fetch(`/api/chats/${chatId}/events`, {
    headers: { accept: "text/event-stream" },
  });
  if (response.status !== 200 || !response.body) {
    throw new Error(`GET /api/chats/${chatId}/events: ${response.status}`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = "";
  let ready = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the event stream ended: ${received}`);
      received += decoder.decode(value, { stream: true });
      if (!ready && received.includes("event: ready")) {
        ready = true;
        onReady();
      }
      if (received.includes(`"assistantMessageId":"${assistantMessageId}"`)) return Date.now();
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

describe.skipIf(!adminUrl)("three instances on one Postgres", () => {
  beforeAll(async () => {
    mocks = [
      await startMockOpenAI({ port: RELIABILITY_PORTS.chatMock }),
      await startMockOpenAI({ port: RELIABILITY_PORTS.extractionMock }),
    ];
    const [chatMockServer, extractionMockServer] = mocks as [MockOpenAIServer, MockOpenAIServer];
    const databaseUrl = await createFreshPostgresDatabase(adminUrl ?? "", "ingat_rel");
    const servers = await Promise.all(
      Array.from({ length: INSTANCES }, (_, index) =>
        startAppServer({
          port: instancePort(index),
          hostname: "127.0.0.1",
          databaseUrl,
          chatBaseUrl: `${chatMockServer.url}/v1`,
          extractionBaseUrl: `${extractionMockServer.url}/v1`,
          // A lease just above the call's time limit, so a killed instance's jobs are taken
          // over by the others within seconds (as in the crash file).
          env: {
            ...RELIABILITY_ENV,
            EXTRACTION_TIMEOUT_MS: "5000",
            EXTRACTION_LEASE_SECONDS: "6",
            EXTRACTION_MAX_ATTEMPTS: "5",
          },
        }),
      ),
    );
    cluster = {
      servers,
      chatMock: new MockOpenAIClient(chatMockServer.url),
      extractionMock: new MockOpenAIClient(extractionMockServer.url),
      databaseUrl,
      output: () => servers.map((server) => server?.output() ?? "").join("\n"),
    };
  });

  afterAll(async () => {
    await Promise.all((cluster?.servers ?? []).map((server) => server?.stop("SIGTERM")));
    await Promise.all(mocks.map((mock) => mock.close()));
    if (cluster?.databaseUrl && adminUrl) {
      const { default: postgres } = await import("postgres");
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      const name = new URL(cluster.databaseUrl).pathname.slice(1);
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });

  test("Stop sent to another instance stops the reply streaming on the first", async () => {
    const user = await spreadUser("stop");
    const chatId = randomUUID();
    const topic = letters();
    const full = await scriptSlowReply(topic);
    const streaming = user.on(0).chat(chatId, `Tell me a long story about ${topic}.`);
    await replyInFlight(topic);
    await new Promise((resolve) => setTimeout(resolve, 800)); // a few words in

    const stopAt = Date.now();
    const stop = await user.on(1).fetch(`/api/chat/${chatId}/stream`, { method: "DELETE" });
    expect(stop.status).toBe(200);
    const reply: ChatResult = await streaming;
    const endedAfterStopMs = Date.now() - stopAt;
    expect(await stop.json()).toEqual({ stopped: true });
    expect(reply.text.length).toBeGreaterThan(0);
    expect(reply.text.length).toBeLessThan(full.length);

    // The model was stopped, not only the stream: the chat endpoint saw the client go away.
    const calls = (await cluster.chatMock.requests({ kind: "chat" })).filter((r) =>
      contains(r, topic),
    );
    expect(calls.map((call) => call.outcome)).toEqual(["client-closed"]);
    const rows = await chatRows(chatId);
    expect(rows).toMatchObject({ assistants: 1, stopped: 1 });

    // Another user naming this chat stops nothing, on any instance.
    const stranger = await spreadUser("stranger");
    const foreign = await stranger.on(2).fetch(`/api/chat/${chatId}/stream`, { method: "DELETE" });
    expect(foreign.status).toBe(404);
    console.log(
      `three-instances stop: Stop on instance 2 ended the reply streaming on instance 1 in ${endedAfterStopMs} ms ` +
        `(${reply.text.split(" ").length} of ${full.split(" ").length} words; ${rows.assistants} reply saved, ${rows.stopped} marked stopped)`,
    );
  });

  test("Retry after a reload on another instance gives one reply", async () => {
    const user = await spreadUser("retry");
    const chatId = randomUUID();
    const topic = letters();
    const text = `I keep ${topic} fish at home, tell me about them.`;
    await scriptSlowReply(topic, 50);
    await scriptExtraction(cluster.extractionMock, text, [
      {
        type: "interest",
        category: "hobbies",
        topic,
        detail: `keeps ${topic} fish`,
        confidence_score: 0.95,
        source_text: `I keep ${topic} fish`,
        explicit: false,
      },
    ]);
    const messageId = randomUUID();
    const first = user.on(0).chat(chatId, text, { messageId });
    await replyInFlight(topic);

    // The reload on instance 2 shows the message with no reply yet…
    const reloaded = (await (await user.on(1).fetch(`/api/chats/${chatId}`)).json()) as {
      messages: { id: string; role: string }[];
    };
    expect(reloaded.messages.map((message) => message.role)).toEqual(["user"]);
    // …and its Retry (the UI's: the same message again, as a regenerate) is refused while the
    // first reply is being written; so is a plain resend of the same message on instance 3.
    const retried = await user.on(1).fetch(
      "/api/chat",
      json("POST", {
        id: chatId,
        message: { id: messageId, role: "user", parts: [{ type: "text", text }] },
        regenerate: true,
      }),
    );
    const retriedBody = await retried.text();
    expect(retried.status, retriedBody).toBe(409);
    expect(parseErrorBody(retriedBody)?.error.message).toMatch(/still being written/);
    const resent = await user.on(2).chat(chatId, text, { messageId });
    expect(resent.status, resent.errorText ?? "").toBe(409);
    expect(resent.errorText).toMatch(/still being written|has a reply already/);

    const reply = await first;
    expect(reply.errorText).toBeNull();
    expect((await settledTurn(user.on(2), reply.assistantMessageId ?? "")).status).toBe("done");
    const rows = await chatRows(chatId);
    expect(rows).toEqual({ assistants: 1, stopped: 0, jobs: 1 });

    // Once the reply is saved, Retry on another instance regenerates it: still one reply.
    const regenerated = await user.on(1).fetch(
      "/api/chat",
      json("POST", {
        id: chatId,
        message: { id: messageId, role: "user", parts: [{ type: "text", text }] },
        regenerate: true,
      }),
    );
    expect(regenerated.status).toBe(200);
    await regenerated.text();
    const after = await chatRows(chatId);
    expect(after.assistants).toBe(1);
    const topics = (await memoriesOf(user.on(2))).map((memory) => memory.topic);
    expect(topics.filter((memoryTopic) => memoryTopic === topic)).toHaveLength(1);
    console.log(
      `three-instances retry: Retry on instance 2 and a resend on instance 3 mid-reply → ${retried.status}, ${resent.status}; ` +
        `${rows.assistants} reply and ${rows.jobs} extraction job for the message; after it was saved, Retry → ${regenerated.status}, ${after.assistants} reply`,
    );
  });

  test("the memory notice arrives through any instance, pushed", async () => {
    const user = await spreadUser("notice");
    const chatId = randomUUID();
    const topic = letters();
    const text = `I collect ${topic} stamps, it is my favourite hobby.`;
    await cluster.extractionMock.addRule({
      match: extractionMatch(text),
      kind: "extraction",
      // Slow enough for both event streams to be listening before the job settles.
      delayMs: 2_500,
      response: {
        type: "json",
        body: {
          preferences: [
            {
              type: "interest",
              category: "hobbies",
              topic,
              detail: `collects ${topic} stamps`,
              confidence_score: 0.95,
              source_text: `I collect ${topic} stamps`,
              explicit: false,
            },
          ],
          forget: [],
        },
      },
    });
    const reply = await user.on(0).chat(chatId, text);
    expect(reply.errorText).toBeNull();
    const assistantMessageId = reply.assistantMessageId ?? "";

    let listening = 0;
    let allReady = () => {};
    const allListening = new Promise<void>((resolve) => {
      allReady = resolve;
    });
    const ready = () => {
      listening += 1;
      if (listening === 2) allReady();
    };
    const pushes = Promise.all([
      pushedNotice(user.on(1), chatId, assistantMessageId, ready),
      pushedNotice(user.on(2), chatId, assistantMessageId, ready),
    ]);
    // Both streams listen before the (slow) job settles; a stream that fails fails the test.
    await Promise.race([allListening, pushes]);
    const [onSecond, onThird] = await pushes;

    const updates = await settledTurn(user.on(2), assistantMessageId);
    expect(updates.status).toBe("done");
    expect(updates.changes.map((change) => change.topic)).toEqual([topic]);
    const [job] = await withDatabase((db) =>
      queryRows<{ completed: string }>(
        db,
        sql`select completed_at as completed from extraction_jobs where assistant_message_id = ${assistantMessageId}`,
      ),
    );
    const completedAt = new Date(job?.completed ?? 0).getTime();
    console.log(
      `three-instances notice: extracted on instance 1, pushed through instances 2 and 3 ` +
        `${Math.max(0, (onSecond ?? 0) - completedAt)} ms and ${Math.max(0, (onThird ?? 0) - completedAt)} ms after the job settled`,
    );
  });

  test("kill -9 of one instance mid-stream and mid-extraction loses no turn", async () => {
    const users = await Promise.all([spreadUser("kill0"), spreadUser("kill1")]);
    type Turn = {
      user: SpreadUser;
      chatId: string;
      messageId: string;
      text: string;
      topic: string;
      on: number;
    };
    const newTurn = (user: SpreadUser, on: number): Turn => {
      const topic = letters();
      return {
        user,
        chatId: randomUUID(),
        messageId: randomUUID(),
        text: `I collect ${topic} stamps, it is my favourite hobby.`,
        topic,
        on,
      };
    };
    // Finished turns on every instance; two replies still streaming on the one that dies.
    const finished = users.flatMap((user) => [0, 1, 2].map((on) => newTurn(user, on)));
    const interrupted = users.map((user) => newTurn(user, 2));
    for (const turn of [...finished, ...interrupted]) {
      await scriptExtraction(cluster.extractionMock, turn.text, [
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
    for (const turn of interrupted) {
      await cluster.chatMock.addRule({
        match: turn.topic,
        kind: "chat",
        response: { type: "hang" },
      });
    }
    // No extraction call finishes before the kill.
    await cluster.extractionMock.configure({ extractionDelayMs: 600_000 });

    const replies = await Promise.all(
      finished.map((turn) => turn.user.on(turn.on).chat(turn.chatId, turn.text)),
    );
    for (const reply of replies) expect(reply.errorText, reply.errorText ?? "").toBeNull();
    const streaming = interrupted.map((turn) =>
      turn.user
        .on(turn.on)
        .chat(turn.chatId, turn.text, { messageId: turn.messageId })
        .then(() => "ended" as const)
        .catch(() => "cut" as const),
    );
    const killedTurns = finished.filter((turn) => turn.on === 2);
    await pollUntil(
      async () => {
        const [extraction, chat] = await Promise.all([
          cluster.extractionMock.requests({ kind: "extraction" }),
          cluster.chatMock.requests({ kind: "chat" }),
        ]);
        const open = (text: string, requests: RecordedRequest[]) =>
          requests.some((request) => request.outcome === "pending" && contains(request, text));
        return (
          killedTurns.every((turn) => open(turn.text, extraction)) &&
          interrupted.every((turn) => open(turn.topic, chat))
        );
      },
      (ready) => ready,
      { timeoutMs: 20_000, what: "extraction calls and replies in flight on instance 3" },
    );
    const killed = cluster.servers[2];
    await killed?.stop("SIGKILL");
    cluster.servers[2] = null;
    expect(await Promise.all(streaming)).toEqual(interrupted.map(() => "cut"));

    // The endpoint recovers; instances 1 and 2 take over instance 3's jobs once their leases end.
    await cluster.extractionMock.configure({ extractionDelayMs: 50 });
    for (const [index, turn] of finished.entries()) {
      const updates = await settledTurn(
        turn.user.on(index % 2),
        replies[index]?.assistantMessageId ?? "",
      );
      expect(updates.status, JSON.stringify(updates)).toBe("done");
    }
    // The interrupted turns kept the user's message; Retry on a live instance finishes them.
    for (const turn of interrupted) {
      const chat = await turn.user.on(0).fetch(`/api/chats/${turn.chatId}`);
      const { messages } = (await chat.json()) as { messages: { role: string }[] };
      expect(messages.map((message) => message.role)).toEqual(["user"]);
      await cluster.chatMock.reset(turn.topic);
      const retry = await chatOnceFree(turn.user.on(1), turn.chatId, turn.text, {
        messageId: turn.messageId,
      });
      expect(retry.errorText).toBeNull();
      expect((await settledTurn(turn.user.on(0), retry.assistantMessageId ?? "")).status).toBe(
        "done",
      );
    }

    const allTurns = [...finished, ...interrupted];
    for (const user of users) {
      const topics = (await memoriesOf(user.on(0))).map((memory) => memory.topic).sort();
      expect(topics).toEqual(
        allTurns
          .filter((turn) => turn.user === user)
          .map((turn) => turn.topic)
          .sort(),
      );
    }
    const chatIds = sql.join(
      allTurns.map((turn) => sql`${turn.chatId}::uuid`),
      sql`, `,
    );
    const [totals] = await withDatabase((db) =>
      queryRows<Totals>(
        db,
        sql`select
        (select count(*)::int from messages where role = 'user' and chat_id in (${chatIds})) as user_messages,
        (select count(*)::int from messages where role = 'assistant' and chat_id in (${chatIds})) as turns,
        (select count(*)::int from extraction_jobs where chat_id in (${chatIds})) as jobs,
        (select count(*)::int from extraction_jobs where status = 'done' and chat_id in (${chatIds})) as done,
        (select count(*)::int from (select user_message_id from extraction_jobs
           group by user_message_id having count(*) > 1) d) as duplicate_jobs,
        (select count(*)::int from (select 1 from memories
           group by user_id, category, topic_key having count(*) > 1) d) as duplicate_memories`,
      ),
    );
    expect(totals).toEqual({
      user_messages: allTurns.length,
      turns: allTurns.length,
      jobs: allTurns.length,
      done: allTurns.length,
      duplicate_jobs: 0,
      duplicate_memories: 0,
    });
    expect(unexpectedErrorsIn(cluster.output())).toEqual([]);
    console.log(
      `three-instances kill -9: ${totals?.turns} turns saved, ${totals?.done} jobs done ` +
        `(${killedTurns.length} of them cut on the killed instance, finished by the others), ` +
        `${interrupted.length} replies cut and retried on another instance, ` +
        `${(totals?.duplicate_jobs ?? 0) + (totals?.duplicate_memories ?? 0)} duplicates`,
    );
  });
});

type Totals = {
  user_messages: number;
  turns: number;
  jobs: number;
  done: number;
  duplicate_jobs: number;
  duplicate_memories: number;
};
