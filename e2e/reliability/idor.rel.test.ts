/**
 * IDOR sweep: user B tries every route that takes an id (chats with the memories each reply
 * used, messages, memories, history, export, notices) with every method on user A's ids. B gets exactly what a random id gets —
 * 404 (or 405 for a method the route doesn't have), so nothing reveals that A's rows exist — and
 * A's data is unchanged afterwards. Signed-out requests get 401. The admin API answers 404 to
 * a member and to a signed-out request, whatever the method or body.
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
/** The stack's first account, so its admin. */
let admin: HttpUser;

beforeAll(async () => {
  stack = await startStack("idor");
  admin = await createHttpUser(stack.url, "admin");
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
    duplicates: await getJson(user, "/api/memories/duplicates"),
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
  // A second turn whose reply uses A's memories ("Used N memories"); its use is counted after
  // the reply, so wait for that before taking the snapshot.
  const usedTurn = await owner.chat(chatId, "What do you know about me?");
  expect((await settledTurn(owner, usedTurn.assistantMessageId ?? "")).status).toBe("done");
  await expect
    .poll(async () => (await memoriesOf(owner)).find((memory) => memory.topic === "employer"))
    .toMatchObject({ use_count: 1 });
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
  // Merge and Keep both name memories in the body: A's pair, or B's own memory with A's.
  const otherAdded = await other.fetch(
    "/api/memories",
    json("POST", {
      type: "fact",
      category: "work",
      topic: "employer",
      detail: `works at ${topic}`,
    }),
  );
  const otherMemoryId = ((await otherAdded.json()) as { memory: ApiMemory }).memory.id;
  const [firstOwn, secondOwn] = memoryIds as [string, string];
  for (const route of ["merge", "keep-both"]) {
    for (const pair of [
      [firstOwn, secondOwn],
      [otherMemoryId, firstOwn],
      [secondOwn, otherMemoryId],
    ]) {
      bodyRequests.push(
        await exchange(
          asOther,
          `POST /api/memories/duplicates/${route} with A's memory`,
          `/api/memories/duplicates/${route}`,
          json("POST", { memory_ids: pair }),
        ),
      );
    }
  }
  for (const attempt of bodyRequests) {
    swept += 1;
    if (attempt.status !== 404) mismatches.push(show(attempt));
  }

  // A copy of A's memory cannot be "restored" by B: Undo takes only a server-issued token.
  const copy = ownerMemories.find((memory) => memory.topic === topic) as ApiMemory;
  const restored = await other.fetch("/api/memories", json("POST", { restore: copy }));
  const restoredByCopy = await other.fetch("/api/memories/restore", json("POST", copy));
  swept += 2;
  expect([restored.status, restoredByCopy.status]).toEqual([400, 400]);

  // B's own reply used none of A's memories; sorting by use lists only B's rows; a bad sort
  // names the field.
  const otherChat = JSON.stringify(await getJson(other, `/api/chats/${otherChatId}`));
  const sorted = await getJson<{ memories: ApiMemory[] }>(other, "/api/memories?sort=most_used");
  const badSort = await other.fetch("/api/memories?sort=oldest");
  swept += 3;
  for (const id of memoryIds) expect(otherChat).not.toContain(id);
  expect(otherChat).not.toContain(topic);
  for (const memory of sorted.memories) expect(memoryIds).not.toContain(memory.id);
  expect(badSort.status).toBe(400);
  expect(((await badSort.json()) as { error: { field?: string } }).error.field).toBe("sort");

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

  // Importing A's export file gives B copies of the words only: none of A's chats or messages.
  const ownerFile = await owner.fetch("/api/memories/export");
  const imported = await other.fetch(
    "/api/memories/import",
    json("POST", JSON.parse(await ownerFile.text())),
  );
  swept += 1;
  expect(imported.status).toBe(200);
  const otherExport = await (await other.fetch("/api/memories/export")).text();
  expect(otherExport).not.toContain(chatId);
  expect(otherExport).not.toContain(assistantMessageId);
  expect(otherExport).not.toContain(turn.userMessageId);

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

test("the admin API is a route that doesn't exist for anyone but the admin", async () => {
  const member = await createHttpUser(stack.url, "member");
  const target = await createHttpUser(stack.url, "target");
  const before = await getJson<{ users: unknown[] }>(admin, "/api/admin/users");
  const targetId = (before.users as { id: string; email: string }[]).find(
    (row) => row.email === target.email,
  )?.id;
  expect(targetId).toBeDefined();

  const requests: { method: string; path: string; body?: unknown }[] = [
    { method: "GET", path: "/api/admin/users" },
    { method: "GET", path: "/api/admin/settings" },
    { method: "PUT", path: "/api/admin/settings", body: { registrationMode: "closed" } },
    { method: "POST", path: "/api/admin/invites", body: {} },
    { method: "POST", path: "/api/admin/doctor", body: {} },
    { method: "PATCH", path: `/api/admin/users/${targetId}`, body: { disabled: true } },
    { method: "DELETE", path: `/api/admin/users/${targetId}`, body: { email: target.email } },
    // Malformed bodies: still 404 — nothing tells a non-admin what the route would accept.
    { method: "PUT", path: "/api/admin/settings", body: { registrationMode: "everyone" } },
    { method: "PATCH", path: `/api/admin/users/${targetId}`, body: "{not json" },
    { method: "DELETE", path: `/api/admin/users/${randomUUID()}`, body: {} },
  ];
  const mismatches: string[] = [];
  for (const who of [
    { user: member, name: "member" },
    { user: null, name: "signed out" },
  ]) {
    for (const { method, path, body } of requests) {
      const init = body === undefined ? { method } : json(method, body);
      const label = `${who.name} ${method} ${path}`;
      const answer = await exchange({ user: who.user, baseUrl: stack.url }, label, path, init);
      if (answer.status !== 404) mismatches.push(show(answer));
    }
  }
  // The admin page is the plain not-found page for a member.
  const page = await member.fetch("/admin");
  expect(page.status).toBe(404);
  expect(await page.text()).not.toContain(target.email);

  expect(mismatches).toEqual([]);
  // Nothing changed: the target can still use the app, registration is still open.
  expect((await target.fetch("/api/chats")).status).toBe(200);
  expect(await getJson(admin, "/api/admin/settings")).toEqual({ registrationMode: "open" });
  expect(unexpectedErrorsIn(stack.appOutput())).toEqual([]);
  console.log(
    `idor [${stack.databaseKind}]: ${requests.length * 2} admin API requests by a member and ` +
      "signed out, all 404; nothing changed",
  );
});
