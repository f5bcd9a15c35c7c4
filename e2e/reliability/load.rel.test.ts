/**
 * Load: a bounded run of many users chatting at once, each through a short conversation that
 * repeats one fact and changes another, with memory-page reads in between. Every message is
 * saved, every extraction job is done, no memory is duplicated, and nothing answers 5xx.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type ChatResult, createHttpUser, type HttpUser } from "@/e2e/support/http-session";
import {
  type ExtractedPreference,
  letters,
  mapLimit,
  memoriesOf,
  pollUntil,
  queryRows,
  type Stack,
  scriptExtraction,
  startStack,
  unexpectedErrorsIn,
} from "./support";

const USERS = 20;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack("load", {
    chatFirstTokenDelayMs: 20,
    chatTokenDelayMs: 2,
    extractionDelayMs: 100,
  });
});

afterAll(async () => {
  await stack?.close();
});

type Conversation = {
  user: HttpUser;
  chatId: string;
  turns: { text: string; preference: ExtractedPreference }[];
  expected: { topic: string; detail: string }[];
};

function hobby(thing: string, text: string): ExtractedPreference {
  return {
    type: "interest",
    category: "hobbies",
    topic: thing,
    detail: `collects ${thing} coins`,
    confidence_score: 0.95,
    source_text: text,
    explicit: false,
  };
}

function city(place: string, sourceText: string): ExtractedPreference {
  return {
    type: "fact",
    category: "location",
    topic: "city",
    detail: `lives in ${place}`,
    confidence_score: 0.9,
    source_text: sourceText,
    explicit: false,
  };
}

/** Four turns: a hobby, a city, the same hobby again (a refresh), then a move (an update). */
async function conversationFor(user: HttpUser): Promise<Conversation> {
  const thing = letters();
  const first = letters();
  const second = letters();
  const turns = [
    { text: `I collect ${thing} coins.`, preference: hobby(thing, `I collect ${thing} coins`) },
    { text: `I live in ${first}.`, preference: city(first, `I live in ${first}`) },
    {
      text: `As I said, I collect ${thing} coins.`,
      preference: hobby(thing, `I collect ${thing} coins`),
    },
    { text: `I moved: I live in ${second} now.`, preference: city(second, `I live in ${second}`) },
  ];
  for (const turn of turns) {
    await scriptExtraction(stack.extractionMock, turn.text, [turn.preference]);
  }
  return {
    user,
    chatId: randomUUID(),
    turns,
    expected: [
      { topic: "city", detail: `lives in ${second}` },
      { topic: thing, detail: `collects ${thing} coins` },
    ],
  };
}

test("many users chatting at once: every message saved, every job done, no duplicates, no 5xx", async () => {
  const users = await mapLimit(
    Array.from({ length: USERS }, (_, index) => index),
    5,
    (index) => createHttpUser(stack.url, `load${index}`),
  );
  const conversations = await Promise.all(users.map(conversationFor));

  const statuses: number[] = [];
  const replies: ChatResult[] = [];
  const started = Date.now();
  await Promise.all(
    conversations.map(async ({ user, chatId, turns }) => {
      for (const turn of turns) {
        const reply = await user.chat(chatId, turn.text);
        replies.push(reply);
        statuses.push(reply.status);
        // The sidebar and the memory page refresh while others are chatting.
        for (const path of ["/api/chats", "/api/memories?limit=50", "/api/memories/summary"]) {
          const response = await user.fetch(path);
          await response.arrayBuffer();
          statuses.push(response.status);
        }
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;

  for (const reply of replies) {
    expect(reply.status).toBe(200);
    expect(reply.errorText).toBeNull();
    expect(reply.text).toMatch(/^Mock reply to:/);
  }

  // Every job done (polled through the API while the server runs), and the memories are the
  // conversation's outcome: the repeated hobby once, the city updated to the latest.
  for (const { user, expected } of conversations) {
    const memories = await pollUntil(
      () => memoriesOf(user),
      (list) =>
        JSON.stringify(list.map(({ topic, detail }) => ({ topic, detail })).sort(byTopic)) ===
        JSON.stringify([...expected].sort(byTopic)),
      { timeoutMs: 60_000, what: "the conversation's memories" },
    );
    expect(memories.every((memory) => memory.status === "active")).toBe(true);
  }
  expect(unexpectedErrorsIn(stack.appOutput())).toEqual([]);

  await stack.stopApp();
  const turnCount = USERS * 4;
  const [totals] = await stack.withDatabase((db) =>
    queryRows<{
      user_messages: number;
      assistant_messages: number;
      jobs: number;
      done: number;
      memories: number;
      duplicate_memories: number;
      created_twice: number;
    }>(
      db,
      sql`select
        (select count(*)::int from messages where role = 'user') as user_messages,
        (select count(*)::int from messages where role = 'assistant' and status = 'complete') as assistant_messages,
        (select count(*)::int from extraction_jobs) as jobs,
        (select count(*)::int from extraction_jobs where status = 'done') as done,
        (select count(*)::int from memories) as memories,
        (select count(*)::int from (select 1 from memories
           group by user_id, category, topic_key having count(*) > 1) d) as duplicate_memories,
        (select count(*)::int from (select 1 from memory_history where action = 'created'
           group by memory_id having count(*) > 1) d) as created_twice`,
    ),
  );
  expect(totals).toEqual({
    user_messages: turnCount,
    assistant_messages: turnCount,
    jobs: turnCount,
    done: turnCount,
    memories: USERS * 2,
    duplicate_memories: 0,
    created_twice: 0,
  });
  const fiveHundreds = statuses.filter((status) => status >= 500).length;
  expect(fiveHundreds).toBe(0);
  console.log(
    `load [${stack.databaseKind}]: ${USERS} users, ${turnCount} turns in ${seconds.toFixed(1)} s, ` +
      `${totals?.user_messages} + ${totals?.assistant_messages} messages saved, ${totals?.done} jobs done, ` +
      `${totals?.memories} memories, 0 duplicates, ${statuses.length} requests, ${fiveHundreds} 5xx`,
  );
});

function byTopic(a: { topic: string }, b: { topic: string }): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0;
}
