/**
 * The memory path against every kind of model server the mock can imitate (profiles.ts): for
 * each profile both endpoints behave like that server, the production build restarts (so it
 * learns the endpoint from cold, as after a deploy), and one user says a fact, asks to remember
 * something and asks to forget the fact. Exactly the remembered item is left; no reasoning
 * reaches a reply or a memory; the first extraction pays for the refused modes once and later
 * ones go straight to what works.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import {
  MOCK_PROFILE_NAMES,
  MOCK_PROFILES,
  MOCK_REASONING_MARKER,
  type MockProfileName,
} from "@/e2e/mock-openai/profiles";
import type { ChatResult, HttpUser } from "@/e2e/support/http-session";
import { createHttpUser } from "@/e2e/support/http-session";
import {
  extractionMatch,
  getJson,
  letters,
  memoriesOf,
  queryRows,
  type Stack,
  scriptExtraction,
  settledTurn,
  startStack,
  unexpectedErrorsIn,
} from "./support";

/** Extraction requests of the first turn: one per refused mode or parameter, then the answer. */
const FIRST_TURN_REQUESTS: Partial<Record<MockProfileName, number>> = {
  "json-object-only": 2,
  "tools-only": 3,
  "text-only": 4,
  "max-completion-tokens": 2,
  "no-temperature": 2,
};

let stack: Stack;
const results: string[] = [];

beforeAll(async () => {
  stack = await startStack("model-servers");
});

afterAll(async () => {
  if (results.length) console.log(`model-servers:\n${results.join("\n")}`);
  await stack?.close();
});

/** What the user saw streamed: the answer, with no reasoning in it. */
function expectCleanReply(reply: ChatResult): void {
  expect(reply.status).toBe(200);
  expect(reply.errorText).toBeNull();
  expect(reply.text).toMatch(/^Mock reply to:/);
  expect(reply.text).not.toContain(MOCK_REASONING_MARKER);
  expect(reply.text).not.toContain("think>");
}

/**
 * A later turn goes straight to the mode the first turn learned: no request of it is refused.
 * (A slow machine may run an extraction twice — a timed-out attempt is retried — so the count
 * of requests is not the measure.)
 */
function expectNoProbe(requests: { status: number }[]) {
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.map((request) => request.status).filter((status) => status >= 400)).toEqual([]);
}

async function turn(user: HttpUser, chatId: string, text: string) {
  const reply = await user.chat(chatId, text);
  expectCleanReply(reply);
  const settled = await settledTurn(user, reply.assistantMessageId ?? "");
  const requests = await stack.extractionMock.requests({
    contains: extractionMatch(text),
    kind: "extraction",
  });
  return { settled, requests };
}

for (const profile of MOCK_PROFILE_NAMES) {
  test(`${profile} (${MOCK_PROFILES[profile].like}): a fact, a remember and a forget store exactly what they should`, async () => {
    await stack.chatMock.configure({ profile });
    await stack.extractionMock.configure({ profile });
    await stack.restartApp();
    const user = await createHttpUser(stack.url, "servers");
    const chatId = randomUUID();
    const job = letters();
    const hobby = letters();

    const fact = `I work as a ${job} at the harbour.`;
    await scriptExtraction(stack.extractionMock, fact, [
      {
        type: "fact",
        category: "work",
        topic: "job",
        detail: job,
        confidence_score: 0.95,
        source_text: `I work as a ${job}`,
        explicit: false,
      },
    ]);
    const first = await turn(user, chatId, fact);
    expect(first.settled.status, JSON.stringify(first.settled)).toBe("done");
    // The first turn learns the mode: each refusal is one request, then the mode that works.
    expect(first.requests.filter((request) => request.status >= 400)).toHaveLength(
      (FIRST_TURN_REQUESTS[profile] ?? 1) - 1,
    );
    expect((await memoriesOf(user)).map((memory) => [memory.topic, memory.detail])).toEqual([
      ["job", job],
    ]);

    const remember = `Remember that I love ${hobby}.`;
    await scriptExtraction(stack.extractionMock, remember, [
      {
        type: "interest",
        category: "hobbies",
        topic: hobby,
        detail: `love ${hobby}`,
        confidence_score: 1,
        source_text: `I love ${hobby}`,
        explicit: true,
      },
    ]);
    const second = await turn(user, chatId, remember);
    expect(second.settled.status, JSON.stringify(second.settled)).toBe("done");
    expectNoProbe(second.requests);

    const forget = `Forget that I work as a ${job}.`;
    await scriptExtraction(
      stack.extractionMock,
      forget,
      [],
      [{ category: "work", topic: "job", source_text: `Forget that I work as a ${job}` }],
    );
    const third = await turn(user, chatId, forget);
    expect(third.settled.status, JSON.stringify(third.settled)).toBe("done");
    expectNoProbe(third.requests);

    // Exactly the remembered item is left: the fact is forgotten and nothing else came in.
    const left = await memoriesOf(user);
    expect(
      left.map(({ topic, detail, source, status }) => ({ topic, detail, source, status })),
    ).toEqual([{ topic: hobby, detail: `love ${hobby}`, source: "explicit", status: "active" }]);
    const saved = JSON.stringify(await getJson(user, `/api/chats/${chatId}`));
    expect(saved).not.toContain(MOCK_REASONING_MARKER);
    expect(saved).not.toContain("think>");
    expect(saved).not.toContain("Atlantis");
    expect(unexpectedErrorsIn(stack.appOutput())).toEqual([]);

    const modes = [...first.requests, ...second.requests, ...third.requests].map(requestMode);
    results.push(
      `  ${profile.padEnd(22)} fact stored, remembered, forgotten; 1 memory left; ` +
        `extraction requests ${modes.join(" ")}`,
    );
  });
}

test("no job failed, and no reasoning is stored anywhere", async () => {
  await stack.stopApp();
  const [totals] = await stack.withDatabase((db) =>
    queryRows<{ failed: number; memories: number; leaks: number }>(
      db,
      sql`select
        (select count(*)::int from extraction_jobs where status <> 'done') as failed,
        (select count(*)::int from memories) as memories,
        (select count(*)::int from messages
          where parts::text like ${`%${MOCK_REASONING_MARKER}%`} or parts::text like '%think>%')
        + (select count(*)::int from memories
          where detail like '%Atlantis%' or source_text like ${`%${MOCK_REASONING_MARKER}%`})
          as leaks`,
    ),
  );
  expect(totals).toEqual({ failed: 0, memories: MOCK_PROFILE_NAMES.length, leaks: 0 });
  console.log(
    `model-servers [${stack.databaseKind}]: ${MOCK_PROFILE_NAMES.length} profiles, ` +
      `${MOCK_PROFILE_NAMES.length * 3} turns, every fact stored and forgotten, every remember kept, ` +
      `${totals?.failed} jobs not done, ${totals?.leaks} reasoning leaks`,
  );
});

/** How a recorded extraction request asked for JSON (and whether it was refused). */
function requestMode(request: { body: Record<string, unknown>; status: number }): string {
  const format = request.body.response_format as { type?: string } | undefined;
  const mode = format?.type ?? (Array.isArray(request.body.tools) ? "tool" : "text");
  return request.status === 200 ? mode : `${mode}(${request.status})`;
}
