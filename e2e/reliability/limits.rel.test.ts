/**
 * Rate limits where attackers go, over HTTP against the production build: wrong passwords for
 * one account, one client trying many accounts (a forged X-Forwarded-For does not help when no
 * proxy is trusted), sign-ups from one client (the 409 for a known email included), and memory
 * writes. Each answers 429 with Retry-After in seconds and the app's JSON error. And the model
 * calls are bounded: chat and extraction requests carry an output-token limit.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createHttpUser, type HttpUser } from "@/e2e/support/http-session";
import { letters, pollUntil, type Stack, startStack } from "./support";

const SIGN_IN_PER_EMAIL = 3;
const SIGN_IN_PER_ADDRESS = 8;
const SIGN_UP_PER_ADDRESS = 6;
const MEMORY_WRITES_PER_MINUTE = 5;

let stack: Stack;
let signInUser: HttpUser;
let memoryUser: HttpUser;

beforeAll(async () => {
  stack = await startStack("limits", {
    env: {
      SIGN_IN_LIMIT_PER_EMAIL: String(SIGN_IN_PER_EMAIL),
      SIGN_IN_LIMIT_PER_ADDRESS: String(SIGN_IN_PER_ADDRESS),
      SIGN_UP_LIMIT_PER_ADDRESS: String(SIGN_UP_PER_ADDRESS),
      MEMORY_WRITE_RATE_LIMIT_PER_MINUTE: String(MEMORY_WRITES_PER_MINUTE),
    },
  });
  // Two sign-ups and two successful sign-ins (which do not count against the address).
  signInUser = await createHttpUser(stack.url, "limits-signin");
  memoryUser = await createHttpUser(stack.url, "limits-memory");
});

afterAll(async () => {
  await stack?.close();
});

/** One sign-in through Auth.js's credentials endpoint, as a script would send it. */
async function signInAttempt(email: string, password: string, forwardedFor?: string) {
  const csrf = await fetch(`${stack.url}/api/auth/csrf`);
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return fetch(`${stack.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie,
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
    },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
}

async function expectTooManyRequests(response: Response) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter) && retryAfter > 0).toBe(true);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("rate_limited");
  expect(body.error.message).toMatch(/Try again in \d+ (second|seconds|minutes)\./);
  return retryAfter;
}

test("wrong passwords for one account: 429 with Retry-After past the limit, even with the right one", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < SIGN_IN_PER_EMAIL; i++) {
    const response = await signInAttempt(signInUser.email, `wrong-password-${i}`);
    statuses.push(response.status);
    expect(response.headers.getSetCookie().join()).not.toContain("session-token");
  }
  // Auth.js's answer to a wrong password: a redirect back with an error.
  expect(statuses.every((status) => status === 302 || status === 303)).toBe(true);
  const retryAfter = await expectTooManyRequests(
    await signInAttempt(signInUser.email, "wrong-password-again"),
  );
  expect(retryAfter).toBeLessThanOrEqual(900);
  // While it lasts, guessing right does not get in either.
  const right = await signInAttempt(signInUser.email, signInUser.password);
  await expectTooManyRequests(right);
  // Failed and throttled sign-ins are expected outcomes, not errors worth a log line.
  expect(stack.appOutput()).not.toContain("[auth]");
});

test("sign-ups from one address: 409 for a known email until the limit, then 429", async () => {
  const statuses: number[] = [];
  let limited: Response | undefined;
  for (let i = 0; i < SIGN_UP_PER_ADDRESS + 2 && !limited; i++) {
    const response = await fetch(`${stack.url}/api/account`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: signInUser.email, password: "password-1234" }),
    });
    if (response.status === 429) limited = response;
    else statuses.push(response.status);
  }
  // Two of the limit went to creating the test users.
  expect(statuses).toEqual(Array(SIGN_UP_PER_ADDRESS - 2).fill(409));
  expect(limited).toBeDefined();
  if (limited) await expectTooManyRequests(limited);
});

test("memory writes: POST, PATCH and DELETE answer 429 past the per-minute limit; reading still works", async () => {
  const ids: string[] = [];
  for (let i = 0; i < MEMORY_WRITES_PER_MINUTE; i++) {
    const response = await memoryUser.fetch("/api/memories", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "interest",
        category: "Food",
        topic: `dish ${letters(8)}`,
        detail: `Likes the dish called ${letters(8)}`,
      }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    ids.push(((await response.json()) as { memory: { id: string } }).memory.id);
  }
  const create = await memoryUser.fetch("/api/memories", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      type: "interest",
      category: "Food",
      topic: "one more dish",
      detail: "Likes one more dish",
    }),
  });
  await expectTooManyRequests(create);
  const edit = await memoryUser.fetch(`/api/memories/${ids[0]}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ detail: "changed" }),
  });
  await expectTooManyRequests(edit);
  await expectTooManyRequests(
    await memoryUser.fetch(`/api/memories/${ids[0]}`, { method: "DELETE" }),
  );
  await expectTooManyRequests(
    await memoryUser.fetch("/api/memories?all=true", { method: "DELETE" }),
  );
  const list = await memoryUser.fetch("/api/memories");
  expect(list.status).toBe(200);
  const { memories } = (await list.json()) as { memories: { id: string }[] };
  expect(memories).toHaveLength(MEMORY_WRITES_PER_MINUTE);
});

test("chat and extraction requests carry an output limit", async () => {
  const marker = letters(12);
  const reply = await memoryUser.chat(randomUUID(), `I collect ${marker} stamps`);
  expect(reply.status).toBe(200);
  const outputLimit = (body: Record<string, unknown>) =>
    body.max_tokens ?? body.max_completion_tokens;
  const [chatRequest] = await stack.chatMock.requests({ contains: marker, kind: "chat" });
  expect(chatRequest && outputLimit(chatRequest.body)).toBe(8192);
  const extraction = await pollUntil(
    () => stack.extractionMock.requests({ contains: marker }),
    (requests) => requests.length > 0,
    { what: "the extraction request" },
  );
  expect(extraction[0] && outputLimit(extraction[0].body)).toBe(4000);
});

// Last: it uses up this machine's sign-in attempts.
test("one address trying many accounts is stopped, and a forged X-Forwarded-For does not help", async () => {
  let limited: Response | undefined;
  let attempts = 0;
  while (!limited && attempts < SIGN_IN_PER_ADDRESS + 2) {
    attempts++;
    const response = await signInAttempt(
      `nobody-${randomUUID().slice(0, 8)}@example.com`,
      "wrong-password",
      `203.0.113.${attempts}`,
    );
    if (response.status === 429) limited = response;
  }
  expect(limited).toBeDefined();
  if (limited) await expectTooManyRequests(limited);
  // The earlier test's attempts from this address counted too.
  expect(attempts).toBeLessThanOrEqual(SIGN_IN_PER_ADDRESS);
});
