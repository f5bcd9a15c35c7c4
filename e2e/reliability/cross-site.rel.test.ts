/**
 * Cross-site request forgery: the session cookie rides along on any request a browser sends, so
 * a page on another site could change a signed-in user's data with a form post or a "simple"
 * `text/plain` fetch. Every state-changing route refuses bodies that are not JSON (415) and
 * requests that say they come from another site (403), with the usual JSON error, and nothing
 * changes. Auth.js's own POST routes are protected by its CSRF token.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createHttpUser, type HttpUser } from "@/e2e/support/http-session";
import {
  type ApiMemory,
  exchange,
  getJson,
  json,
  memoriesOf,
  parseErrorBody,
  type Stack,
  startStack,
} from "./support";

let stack: Stack;
let user: HttpUser;
let chatId: string;
let memory: ApiMemory;
let assistantMessageId: string;

beforeAll(async () => {
  stack = await startStack("cross-site");
  user = await createHttpUser(stack.url, "csrf");
  chatId = randomUUID();
  const turn = await user.chat(chatId, "Hello there");
  expect(turn.status).toBe(200);
  assistantMessageId = turn.assistantMessageId ?? randomUUID();
  const created = await user.fetch(
    "/api/memories",
    json("POST", { type: "fact", category: "location", topic: "city", detail: "lives in Bandung" }),
  );
  expect(created.status).toBe(201);
  ({ memory } = (await created.json()) as { memory: ApiMemory });
});

afterAll(async () => {
  await stack?.close();
});

type StateChange = { method: string; path: string; body?: unknown; anonymous?: boolean };

function stateChanges(): StateChange[] {
  const memoryBody = { type: "fact", category: "pet", topic: "cat", detail: "has a cat" };
  return [
    { method: "POST", path: "/api/account", anonymous: true, body: accountBody() },
    {
      method: "POST",
      path: "/api/chat",
      body: {
        id: chatId,
        message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: "hi" }] },
      },
    },
    { method: "DELETE", path: `/api/chat/${chatId}/stream` },
    { method: "PATCH", path: `/api/chats/${chatId}`, body: { title: "Renamed by another site" } },
    { method: "DELETE", path: `/api/chats/${chatId}` },
    { method: "POST", path: "/api/memories", body: memoryBody },
    { method: "DELETE", path: "/api/memories?all=true" },
    { method: "PATCH", path: `/api/memories/${memory.id}`, body: { detail: "lives in Jakarta" } },
    { method: "DELETE", path: `/api/memories/${memory.id}` },
    { method: "POST", path: "/api/memories/restore", body: { undo_token: "x".repeat(20) } },
    { method: "POST", path: `/api/memory-updates/${assistantMessageId}/retry` },
    { method: "POST", path: `/api/memory-updates/${assistantMessageId}/undo` },
    { method: "PATCH", path: "/api/settings/memory", body: { enabled: false } },
  ];
}

const accountBody = () => ({
  email: `csrf-${randomUUID().slice(0, 8)}@example.com`,
  password: "password-1234",
});

function send(change: StateChange, headers: Record<string, string>, body?: string) {
  const init: RequestInit = { method: change.method, headers, body };
  return exchange(
    { user: change.anonymous ? null : user, baseUrl: stack.url },
    `${change.method} ${change.path}`,
    change.path,
    init,
  );
}

/** Problems with the answers: anything but `status` with the `{ error }` body. */
async function refusals(
  status: number,
  request: (change: StateChange) => Promise<{ label: string; status: number; body: string }>,
) {
  const problems: string[] = [];
  for (const change of stateChanges()) {
    const answer = await request(change);
    const error = parseErrorBody(answer.body);
    if (answer.status !== status || !error) {
      problems.push(`${answer.label} → ${answer.status} ${answer.body.slice(0, 120)}`);
    }
  }
  return problems;
}

async function nothingChanged() {
  const memories = await memoriesOf(user);
  expect(memories.map((m) => m.detail)).toEqual(["lives in Bandung"]);
  const { chats } = await getJson<{ chats: { id: string; title: string }[] }>(user, "/api/chats");
  expect(chats.map((chat) => chat.id)).toContain(chatId);
  expect(chats.find((chat) => chat.id === chatId)?.title).not.toBe("Renamed by another site");
  const settings = await getJson<{ enabled: boolean }>(user, "/api/settings/memory");
  expect(settings.enabled).toBe(true);
}

test("a text/plain body is refused with 415 on every state-changing route", async () => {
  const problems = await refusals(415, (change) =>
    send(change, { "content-type": "text/plain" }, JSON.stringify(change.body ?? {})),
  );
  expect(problems).toEqual([]);
  const form = await refusals(415, (change) =>
    send(change, { "content-type": "application/x-www-form-urlencoded" }, "detail=x"),
  );
  expect(form).toEqual([]);
  await nothingChanged();
});

test("a request from another site is refused with 403 on every state-changing route", async () => {
  const jsonBody = (change: StateChange) =>
    change.body === undefined ? undefined : JSON.stringify(change.body);
  const foreignOrigin = await refusals(403, (change) =>
    send(
      change,
      {
        origin: "https://evil.example",
        ...(change.body === undefined ? {} : { "content-type": "application/json" }),
      },
      jsonBody(change),
    ),
  );
  expect(foreignOrigin).toEqual([]);
  const crossSiteFetch = await refusals(403, (change) =>
    send(
      change,
      {
        "sec-fetch-site": "cross-site",
        ...(change.body === undefined ? {} : { "content-type": "application/json" }),
      },
      jsonBody(change),
    ),
  );
  expect(crossSiteFetch).toEqual([]);
  // The exact request from the review: a text/plain memory from a foreign page.
  const forged = await send(
    { method: "POST", path: "/api/memories" },
    { "content-type": "text/plain", origin: "https://evil.example" },
    JSON.stringify({ type: "fact", category: "pet", topic: "cat", detail: "has a cat" }),
  );
  expect(forged.status).toBe(403);
  expect(parseErrorBody(forged.body)?.error.code).toBe("forbidden");
  await nothingChanged();
});

test("the app's own requests (same Origin, same-origin fetch) still work", async () => {
  const response = await user.fetch("/api/memories", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: stack.url,
      "sec-fetch-site": "same-origin",
    },
    body: JSON.stringify({ type: "fact", category: "pet", topic: "dog", detail: "has a dog" }),
  });
  expect(response.status).toBe(201);
  const undo = await user.fetch(`/api/memory-updates/${assistantMessageId}/undo`, {
    method: "POST",
    headers: { origin: stack.url, "sec-fetch-site": "same-origin" },
  });
  expect(undo.status).not.toBe(403);
  expect(undo.status).not.toBe(415);
});

test("Auth.js's sign-out and sign-in posts need its CSRF token", async () => {
  const signOut = await user.fetch("/api/auth/signout", {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: "https://evil.example",
    },
    body: "callbackUrl=/",
  });
  expect(signOut.headers.getSetCookie().join(";")).not.toMatch(/session-token=;/u);
  expect((await user.fetch("/api/memories")).status).toBe(200);

  const signIn = await fetch(`${stack.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: "https://evil.example",
    },
    body: new URLSearchParams({ email: user.email, password: user.password }),
  });
  expect(signIn.headers.getSetCookie().some((cookie) => cookie.includes("session-token"))).toBe(
    false,
  );
});
