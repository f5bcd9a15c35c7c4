/**
 * Faulty extraction endpoint: 500s, timeouts, invalid JSON, schema-invalid JSON, oversized
 * output, a broken response body and a dropped connection. Each is retried, then the job is
 * `failed` with its reason; the chat never notices and nothing of the bad output is stored. A
 * fault that clears up before the last attempt ends in a stored memory.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { MockResponse } from "@/e2e/mock-openai/client";
import { createHttpUser, type HttpUser } from "@/e2e/support/http-session";
import {
  type ExtractedPreference,
  extractionMatch,
  letters,
  memoriesOf,
  queryRows,
  RELIABILITY_ENV,
  type Stack,
  settledTurn,
  startStack,
  unexpectedErrorsIn,
} from "./support";

const MAX_ATTEMPTS = Number(RELIABILITY_ENV.EXTRACTION_MAX_ATTEMPTS);

let stack: Stack;

beforeAll(async () => {
  stack = await startStack("faulty-extraction");
});

afterAll(async () => {
  await stack?.close();
});

function hobby(topic: string, sourceText: string): ExtractedPreference {
  return {
    type: "interest",
    category: "hobbies",
    topic,
    detail: `enjoys ${topic}`,
    confidence_score: 0.95,
    source_text: sourceText,
    explicit: false,
  };
}

type Fault = {
  name: string;
  /** What the endpoint answers to every attempt. */
  response: (text: string, topic: string) => MockResponse;
  /** The job's failure reason must say this. */
  reason: RegExp;
};

const FAULTS: Fault[] = [
  {
    name: "HTTP 500",
    response: () => ({ type: "error", status: 500, message: "extraction backend exploded" }),
    reason: /HTTP 500/,
  },
  {
    name: "HTTP 503",
    response: () => ({ type: "error", status: 503 }),
    reason: /HTTP 503/,
  },
  { name: "timeout", response: () => ({ type: "hang" }), reason: /time|abort/i },
  {
    name: "invalid JSON",
    response: () => ({ type: "raw", content: '{"preferences": [{"type": "interest", ' }),
    reason: /not valid JSON|not a valid extraction/,
  },
  {
    name: "schema-invalid JSON",
    // One good item next to a bad one: neither may be stored.
    response: (text, topic) => ({
      type: "json",
      body: {
        preferences: [
          hobby(topic, text),
          { ...hobby(`${topic}x`, text), type: "obsession", confidence_score: "high" },
        ],
        forget: [],
      },
    }),
    reason: /schema|not a valid extraction/,
  },
  {
    name: "oversized output (items)",
    response: (text, topic) => ({
      type: "json",
      body: {
        preferences: Array.from({ length: 40 }, () => hobby(`${topic}${letters(4)}`, text)),
        forget: [],
      },
    }),
    reason: /oversized/i,
  },
  {
    name: "oversized output (field)",
    response: (text, topic) => ({
      type: "json",
      body: {
        preferences: [{ ...hobby(topic, text), detail: `enjoys ${topic} `.repeat(5000) }],
        forget: [],
      },
    }),
    reason: /oversized|too long/i,
  },
  {
    name: "broken response body",
    response: () => ({ type: "malformed-stream" }),
    reason: /JSON|parse|invalid|response/i,
  },
  {
    name: "dropped connection",
    response: () => ({ type: "break-stream", afterChunks: 0 }),
    reason: /socket|fetch|connect|terminated|other side|network|closed/i,
  },
];

type Case = {
  fault: Fault;
  user: HttpUser;
  chatId: string;
  text: string;
  topic: string;
};

test("every kind of extraction fault is retried, then failed with its reason; the chat is unaffected", async () => {
  const cases: Case[] = await Promise.all(
    FAULTS.map(async (fault) => {
      const topic = letters();
      return {
        fault,
        user: await createHttpUser(stack.url, "faulty"),
        chatId: randomUUID(),
        text: `I enjoy ${topic} on weekends.`,
        topic,
      };
    }),
  );
  for (const { fault, text, topic } of cases) {
    await stack.extractionMock.addRule({
      match: extractionMatch(text),
      kind: "extraction",
      response: fault.response(text, topic),
    });
  }

  const replies = await Promise.all(cases.map(({ user, chatId, text }) => user.chat(chatId, text)));
  // The chat is unaffected: every reply streamed in full.
  for (const reply of replies) {
    expect(reply.status).toBe(200);
    expect(reply.errorText).toBeNull();
    expect(reply.text).toMatch(/^Mock reply to:/);
  }

  const outcomes = await Promise.all(
    cases.map(async (entry, index) => {
      const updates = await settledTurn(entry.user, replies[index]?.assistantMessageId ?? "");
      const attempts = await stack.extractionMock.requests({
        contains: entry.text,
        kind: "extraction",
      });
      return { entry, updates, attempts: attempts.length, memories: await memoriesOf(entry.user) };
    }),
  );
  for (const { entry, updates, attempts, memories } of outcomes) {
    const label = `${entry.fault.name}: ${JSON.stringify(updates).slice(0, 400)}`;
    expect(updates.status, label).toBe("failed");
    expect(updates.error, label).toMatch(entry.fault.reason);
    // The reason names the fault without quoting the output (which quotes the user) or keys.
    expect(updates.error, label).not.toContain(entry.topic);
    expect(updates.error, label).not.toMatch(/mock-extraction-key|\n\s+at /);
    expect(attempts, label).toBe(MAX_ATTEMPTS);
    expect(memories, label).toEqual([]);
  }

  // The same users chat on normally afterwards.
  const again = await Promise.all(
    cases.map(({ user, chatId }) => user.chat(chatId, "And what else could I try?")),
  );
  for (const reply of again) expect(reply.errorText).toBeNull();

  // A fault that clears before the last attempt: retried, then stored once.
  const recovering = await createHttpUser(stack.url, "recovering");
  const topic = letters();
  const text = `I enjoy ${topic} in the evening.`;
  await stack.extractionMock.addRule({
    match: extractionMatch(text),
    kind: "extraction",
    once: true,
    response: { type: "error", status: 500 },
  });
  await stack.extractionMock.addRule({
    match: extractionMatch(text),
    kind: "extraction",
    response: { type: "json", body: { preferences: [hobby(topic, text)], forget: [] } },
  });
  const reply = await recovering.chat(randomUUID(), text);
  const recovered = await settledTurn(recovering, reply.assistantMessageId ?? "");
  expect(recovered.status).toBe("done");
  expect(recovered.changes.map((change) => change.topic)).toEqual([topic]);
  expect((await memoriesOf(recovering)).map((memory) => memory.topic)).toEqual([topic]);
  expect((await stack.extractionMock.requests({ contains: text, kind: "extraction" })).length).toBe(
    2,
  );
  expect(unexpectedErrorsIn(stack.appOutput())).toEqual([]);

  await stack.stopApp();
  const [totals] = await stack.withDatabase((db) =>
    queryRows<{
      failed: number;
      done: number;
      attempts: number;
      memories: number;
      history: number;
    }>(
      db,
      sql`select
        (select count(*)::int from extraction_jobs where status = 'failed') as failed,
        (select count(*)::int from extraction_jobs where status = 'done') as done,
        (select coalesce(sum(attempts), 0)::int from extraction_jobs where status = 'failed') as attempts,
        (select count(*)::int from memories) as memories,
        (select count(*)::int from memory_history) as history`,
    ),
  );
  expect(totals).toEqual({
    failed: FAULTS.length,
    done: FAULTS.length + 1, // the second turns (nothing extracted) and the recovered one
    attempts: FAULTS.length * MAX_ATTEMPTS,
    memories: 1,
    history: 1,
  });
  console.log(
    `faulty-extraction [${stack.databaseKind}]: ${FAULTS.length} fault kinds, ` +
      `${totals?.attempts} attempts, ${totals?.failed} jobs failed with their reason, ` +
      `0 half-stored, ${replies.length + again.length} replies unaffected, 1 recovered after a retry`,
  );
});
