/**
 * IDOR sweep: user B tries every route that takes an id (chats, messages, memories, history,
 * export, notices) with every method on user A's ids. B gets exactly what a random id gets —
 * 404 (or 405 for a method the route doesn't have), so nothing reveals that A's rows exist — and
 * A's data is unchanged afterwards. Signed-out requests get 401.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createHttpUser, type HttpUser } from "@/e2e/support/http-session";
import {
  type ApiMemory,
  type Exchange,
  exchange,
  getJson,
  json,
  letters,
  mapLimit,
  memoriesOf,
  type Stack,
  scriptExtraction,
  settledTurn,
  startStack,
  unexpectedErrorsIn,
} from "./support";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack("idor");
});

afterAll(async () => {
  await stack?.close();
});

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Valid bodies for each writing method, so the answer is about the id and not the body. */
const RENAME = [{ title: "renamed by someone else" }];
const MEMORY_ACTIONS = [
  { detail: "changed by someone else" },
  { confirm: true },
  { accept: true },
  { reject: true },
];

/** Everything A can see of their own data, to compare before and after the sweep. */
async function snapshot(user: HttpUser, ids: { chatId: string; assistantMessageId: string }) {
  const memories = await memoriesOf(user);
  const exported = await getJson<{ exported_at: string }>(user, "/api/memories/export");
  return {
    chats: await getJson(user, "/api/chats"),
    chat: await getJson(user, `/api/chats/${ids.chatId}`),
    memories,
    details: await Promise.all(memories.map((m) => getJson(user, `/api/memories/${m.id}`))),
    history: await Promise.all(memories.map((m) => getJson(user, `/api/memories/${m.id}/history`))),
    notice: await getJson(user, `/api/memory-updates/${ids.assistantMessageId}`),
    export: { ...exported, exported_at: undefined },
    summary: await getJson(user, "/api/memories/summary"),
    settings: await getJson(user, "/api/settings/memory"),
  };
}

test("another user's ids get 404 on every route and method, and change nothing", async () => {
  const owner = await createHttpUser(stack.url, "owner");
  const other = await createHttpUser(stack.url, "other");

  // A's data: a chat with a turn whose extraction made an active memory and a suggestion, plus
  // a memory added by hand.
  const topic = letters();
  const maybe = letters();
  const text = `I love ${topic} and I might try ${maybe} someday.`;
  await scriptExtraction(stack.extractionMock, text, [
    {
      type: "interest",
      category: "hobbies",
      topic,
      detail: `loves ${topic}`,
      confidence_score: 0.95,
      source_text: `I love ${topic}`,
      explicit: false,
    },
    {
      type: "goal",
      category: "hobbies",
      topic: maybe,
      detail: `might try ${maybe}`,
      confidence_score: 0.6,
      source_text: `I might try ${maybe}`,
      explicit: false,
    },
  ]);
  const chatId = randomUUID();
  const turn = await owner.chat(chatId, text);
  const assistantMessageId = turn.assistantMessageId ?? "";
  expect((await settledTurn(owner, assistantMessageId)).status).toBe("done");
  const added = await owner.fetch(
    "/api/memories",
    json("POST", {
      type: "fact",
      category: "work",
      topic: "employer",
      detail: `works at ${topic}`,
    }),
  );
  expect(added.status).toBe(201);
  const ownerMemories = await memoriesOf(owner);
  expect(ownerMemories.map((memory) => memory.status).sort()).toEqual([
    "active",
    "active",
    "suggested",
  ]);
  const memoryIds = ownerMemories.map((memory) => memory.id);
  const before = await snapshot(owner, { chatId, assistantMessageId });

  // B has data of their own too.
  const otherChatId = randomUUID();
  expect((await other.chat(otherChatId, "Hello there")).errorText).toBeNull();

  const routes: { path: (id: string) => string; ids: string[]; bodies: unknown[] }[] = [
    { path: (id) => `/api/chats/${id}`, ids: [chatId], bodies: RENAME },
    { path: (id) => `/api/chat/${id}/stream`, ids: [chatId], bodies: [{}] },
    { path: (id) => `/api/memories/${id}`, ids: memoryIds, bodies: MEMORY_ACTIONS },
    { path: (id) => `/api/memories/${id}/history`, ids: memoryIds, bodies: [{}] },
    {
      path: (id) => `/api/memory-updates/${id}`,
      ids: [assistantMessageId, turn.userMessageId],
      bodies: [{}],
    },
    { path: (id) => `/api/memory-updates/${id}/undo`, ids: [assistantMessageId], bodies: [{}] },
  ];
  const attempts = routes.flatMap((route) =>
    route.ids.flatMap((id) =>
      METHODS.flatMap((method) =>
        (method === "GET" || method === "DELETE" ? [undefined] : route.bodies).map((body) => ({
          method,
          body,
          path: route.path,
          id,
        })),
      ),
    ),
  );

  const asOther = { user: other, baseUrl: stack.url };
  const signedOut = { user: null, baseUrl: stack.url };
  const mismatches: string[] = [];
  await mapLimit(attempts, 4, async ({ method, body, path, id }) => {
    const init = body === undefined ? { method } : json(method, body);
    const label = `${method} ${path("{id}")} ${JSON.stringify(body ?? "")}`;
    const attempt = await exchange(asOther, label, path(id), init);
    const control = await exchange(asOther, label, path(randomUUID()), init);
    if (![404, 405].includes(attempt.status)) mismatches.push(show(attempt));
    else if (attempt.status !== control.status || attempt.body !== control.body) {
      mismatches.push(`${show(attempt)} differs from a random id: ${show(control)}`);
    }
    const anonymous = await exchange(signedOut, label, path(id), init);
    if (![401, 405].includes(anonymous.status)) mismatches.push(`signed out ${show(anonymous)}`);
  });
  let swept = attempts.length;
  const unauthenticated = attempts.length;

  // Routes that take the id in the body or act on "all": B's request never reaches A's rows.
  const bodyRequests: Exchange[] = [
    // Writing into A's chat.
    await exchange(
      asOther,
      "POST /api/chat into A's chat",
      "/api/chat",
      json("POST", {
        id: chatId,
        message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: "hi" }] },
      }),
    ),
    // Reusing A's message ids in B's own chats (Retry of a message that is not B's).
    ...(await Promise.all(
      [turn.userMessageId, assistantMessageId].flatMap((messageId) =>
        [otherChatId, randomUUID()].map((targetChat) =>
          exchange(
            asOther,
            "POST /api/chat with A's message id",
            "/api/chat",
            json("POST", {
              id: targetChat,
              message: { id: messageId, role: "user", parts: [{ type: "text", text: "mine now" }] },
            }),
          ),
        ),
      ),
    )),
  ];
  for (const attempt of bodyRequests) {
    swept += 1;
    if (attempt.status !== 404) mismatches.push(show(attempt));
  }

  // Restoring a copy of A's memory links nothing of A's.
  const copy = ownerMemories.find((memory) => memory.topic === topic) as ApiMemory;
  const restored = await other.fetch("/api/memories", json("POST", { restore: copy }));
  swept += 1;
  expect(restored.status).toBe(201);
  const { memory: restoredMemory } = (await restored.json()) as { memory: ApiMemory };
  expect(restoredMemory.id).not.toBe(copy.id);
  expect([restoredMemory.chat_id, restoredMemory.message_id]).toEqual([null, null]);

  // Search, export and delete-all only ever see B's own rows.
  const search = await getJson<{ memories: ApiMemory[] }>(other, `/api/memories?q=${maybe}`);
  const exported = await other.fetch("/api/memories/export");
  const exportedText = await exported.text();
  const deleteAll = await other.fetch("/api/memories?all=true", { method: "DELETE" });
  const settings = await other.fetch("/api/settings/memory", json("PATCH", { enabled: false }));
  swept += 4;
  expect(search.memories).toEqual([]);
  expect(exportedText).not.toContain(maybe);
  expect(exportedText).not.toContain(chatId);
  expect(deleteAll.status).toBe(200);
  expect(settings.status).toBe(200);

  // The chat page of A's chat is a plain not-found page for B.
  const page = await other.fetch(`/chat/${chatId}`);
  const pageText = await page.text();
  swept += 1;
  expect(page.status).toBe(404);
  expect(pageText).not.toContain(topic);

  expect(mismatches).toEqual([]);
  expect(await snapshot(owner, { chatId, assistantMessageId })).toEqual(before);
  expect(unexpectedErrorsIn(stack.appOutput())).toEqual([]);
  console.log(
    `idor [${stack.databaseKind}]: ${swept} cross-user requests, ${mismatches.length} not 404/405 or ` +
      `revealing, ${unauthenticated} signed-out requests all 401/405, owner's data unchanged`,
  );
});

function show(answer: Exchange): string {
  return `${answer.label} → ${answer.status} ${answer.body.slice(0, 200)}`;
}
