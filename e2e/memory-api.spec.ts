/**
 * The memory JSON API over HTTP with session cookies: validation names
 * the failing field, no session is 401, another user's ids are 404 for every method, the export
 * is a dated download of the caller's memories only, and deleting leaves nothing behind.
 */
import { randomUUID } from "node:crypto";
import { type APIRequestContext, type APIResponse, test as base, expect } from "@playwright/test";
import { type ApiUser, signedInApiUser } from "./support/api-user";
import { addMemory, listMemories, seedMemory, word } from "./support/memory-page";

const test = base.extend<{ alice: ApiUser; bob: ApiUser }>({
  alice: async ({ playwright, baseURL }, use) => {
    const user = await signedInApiUser(playwright, baseURL ?? "", "alice");
    await use(user);
    await user.request.dispose();
  },
  bob: async ({ playwright, baseURL }, use) => {
    const user = await signedInApiUser(playwright, baseURL ?? "", "bob");
    await use(user);
    await user.request.dispose();
  },
});

const validMemory = { type: "fact", category: "work", topic: "job", detail: "baker" } as const;

async function expectError(response: APIResponse, status: number, code: string, field?: string) {
  expect(response.status(), await response.text()).toBe(status);
  const body = await response.json();
  expect(body.error).toMatchObject({ code, message: expect.any(String) });
  if (field !== undefined) expect(body.error.field).toBe(field);
  expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules|drizzle|postgres/i);
  return body.error as { code: string; message: string; field?: string };
}

type Call = [method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown];

function send(request: APIRequestContext, [method, path, body]: Call) {
  return request.fetch(path, { method, ...(body === undefined ? {} : { data: body }) });
}

test("every memory route answers 401 without a session", async ({ request }) => {
  const id = randomUUID();
  const calls: Call[] = [
    ["GET", "/api/memories"],
    ["POST", "/api/memories", validMemory],
    ["DELETE", "/api/memories?all=true"],
    ["GET", `/api/memories/${id}`],
    ["PATCH", `/api/memories/${id}`, { confirm: true }],
    ["DELETE", `/api/memories/${id}`],
    ["GET", `/api/memories/${id}/history`],
    ["GET", "/api/memories/export"],
    ["GET", "/api/memories/summary"],
    ["GET", "/api/settings/memory"],
    ["PATCH", "/api/settings/memory", { enabled: false }],
  ];
  for (const call of calls) {
    await test.step(`${call[0]} ${call[1]}`, async () => {
      await expectError(await send(request, call), 401, "unauthorized");
    });
  }
});

test("invalid input is a 400 that names the failing field", async ({ alice }) => {
  const { request } = alice;
  const own = await addMemory(request, {
    type: "fact",
    category: "work",
    topic: "job",
    detail: "baker",
  });
  const cases: [Call, string | undefined][] = [
    [["POST", "/api/memories", { ...validMemory, type: "hobby" }], "type"],
    [["POST", "/api/memories", { ...validMemory, category: "x".repeat(61) }], "category"],
    [["POST", "/api/memories", { ...validMemory, topic: "   " }], "topic"],
    [["POST", "/api/memories", { ...validMemory, topic: 42 }], "topic"],
    [["POST", "/api/memories", { type: "fact", category: "work", topic: "job" }], "detail"],
    [["POST", "/api/memories", { ...validMemory, detail: "a".repeat(1001) }], "detail"],
    [["POST", "/api/memories", { ...validMemory, detail: "my password is hunter" }], "detail"],
    [["POST", "/api/memories", [validMemory]], undefined],
    [["POST", "/api/memories", { restore: { ...validMemory, confidence_score: 2 } }], "restore"],
    [["POST", "/api/memories/restore", { ...validMemory }], undefined],
    [["PATCH", `/api/memories/${own.id}`, {}], undefined],
    [["PATCH", `/api/memories/${own.id}`, { confirm: false }], "confirm"],
    [["PATCH", `/api/memories/${own.id}`, { detail: "" }], "detail"],
    [["PATCH", `/api/memories/${own.id}`, { type: "opinion" }], "type"],
    [["PATCH", `/api/memories/${own.id}`, { confirm: true, detail: "chef" }], "confirm"],
    [["GET", "/api/memories?type=hobby"], "type"],
    [["GET", "/api/memories?status=deleted"], "status"],
    [["GET", "/api/memories?limit=0"], "limit"],
    [["GET", "/api/memories?limit=many"], "limit"],
    [["GET", "/api/memories?cursor=bogus"], "cursor"],
    [["DELETE", "/api/memories"], "all"],
    [["PATCH", "/api/settings/memory", { enabled: "no" }], "enabled"],
  ];
  for (const [call, field] of cases) {
    await test.step(`${call[0]} ${call[1]} ${JSON.stringify(call[2] ?? "").slice(0, 60)}`, async () => {
      await expectError(await send(request, call), 400, "bad_request", field);
    });
  }
  const notJson = await request.post("/api/memories", {
    headers: { "content-type": "application/json" },
    data: "{not json",
  });
  await expectError(notJson, 400, "bad_request");

  // Nothing above changed the memory.
  expect(await listMemories(request)).toEqual([
    expect.objectContaining({ id: own.id, detail: "baker", source: "user" }),
  ]);
});

test("another user's memory ids are 404 for every method, exactly like ids that don't exist", async ({
  alice,
  bob,
}) => {
  const secret = word();
  const memory = await addMemory(alice.request, {
    type: "fact",
    category: "family",
    topic: "brother",
    detail: `brother called ${secret}`,
  });
  const suggestion = await seedMemory(alice.request, {
    type: "interest",
    category: "media",
    topic: "podcasts",
    detail: `listens to ${secret}`,
    status: "suggested",
  });

  for (const id of [memory.id, suggestion.id]) {
    const calls: Call[] = [
      ["GET", `/api/memories/${id}`],
      ["PATCH", `/api/memories/${id}`, { detail: "changed by someone else" }],
      ["PATCH", `/api/memories/${id}`, { confirm: true }],
      ["PATCH", `/api/memories/${id}`, { accept: true }],
      ["PATCH", `/api/memories/${id}`, { reject: true }],
      ["DELETE", `/api/memories/${id}`],
      ["GET", `/api/memories/${id}/history`],
    ];
    for (const call of calls) {
      await test.step(`bob: ${call[0]} ${call[1]} ${JSON.stringify(call[2] ?? "")}`, async () => {
        const theirs = await expectError(await send(bob.request, call), 404, "not_found");
        const missing = await expectError(
          await send(bob.request, [call[0], call[1].replace(id, randomUUID()), call[2]]),
          404,
          "not_found",
        );
        expect(theirs).toEqual(missing);
      });
    }
  }
  await expectError(await bob.request.get("/api/memories/not-a-uuid"), 404, "not_found");
  await expectError(await bob.request.delete("/api/memories/not-a-uuid"), 404, "not_found");

  // Bob sees none of it anywhere; Alice's memories are untouched.
  expect(await listMemories(bob.request)).toEqual([]);
  expect(await (await bob.request.get(`/api/memories?q=${secret}`)).text()).not.toContain(secret);
  expect(await (await bob.request.get("/api/memories/export")).text()).not.toContain(secret);
  expect(await listMemories(alice.request, "status=active")).toEqual([
    expect.objectContaining({ id: memory.id, detail: `brother called ${secret}`, confirmed: true }),
  ]);
  expect(await listMemories(alice.request, "status=suggested")).toEqual([
    expect.objectContaining({ id: suggestion.id, status: "suggested" }),
  ]);
  const history = await (await alice.request.get(`/api/memories/${memory.id}/history`)).json();
  expect(history.history.map((entry: { action: string }) => entry.action)).toEqual(["added"]);
});

test("GET /api/memories filters by type, category, status and text on the server, in pages", async ({
  alice,
}) => {
  const { request } = alice;
  const needle = word();
  await addMemory(request, { type: "fact", category: "location", topic: "city", detail: "Bogor" });
  await addMemory(request, { type: "goal", category: "tech", topic: "rust", detail: "learn Rust" });
  await addMemory(request, {
    type: "goal",
    category: "travel",
    topic: "trip",
    detail: `visit ${needle} island`,
  });
  await seedMemory(request, {
    type: "dislike",
    category: "food",
    topic: "durian",
    detail: "hates durian",
    status: "suggested",
  });

  const topics = async (query: string) =>
    (await listMemories(request, query)).map((m) => m.topic).sort();
  expect(await topics("status=active")).toEqual(["city", "rust", "trip"]);
  expect(await topics("status=suggested")).toEqual(["durian"]);
  expect(await topics("type=goal")).toEqual(["rust", "trip"]);
  expect(await topics("type=goal&category=tech")).toEqual(["rust"]);
  expect(await topics("category=TRAVEL")).toEqual(["trip"]);
  expect(await topics(`q=${needle}`)).toEqual(["trip"]);
  expect(await topics("q=bog")).toEqual(["city"]); // part of a word
  expect(await topics("q=nothing%20like%20this")).toEqual([]);

  const first = await (await request.get("/api/memories?limit=2")).json();
  expect(first.memories).toHaveLength(2);
  expect(first.next_cursor).toEqual(expect.any(String));
  const second = await (
    await request.get(`/api/memories?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`)
  ).json();
  expect(second.next_cursor).toBeNull();
  const paged = [...first.memories, ...second.memories].map((m: { topic: string }) => m.topic);
  expect(paged.sort()).toEqual(["city", "durian", "rust", "trip"]);
});

test("PATCH edits as the user's own, confirms, and settles suggestions", async ({ alice }) => {
  const { request } = alice;
  const inferred = await seedMemory(request, {
    type: "fact",
    category: "work",
    topic: "job",
    detail: "nurse",
    confidence_score: 0.7,
    source_text: "I work as a nurse",
  });
  expect(inferred).toMatchObject({ source: "inferred", confirmed: false });

  const edited = await request.patch(`/api/memories/${inferred.id}`, {
    data: { detail: "midwife" },
  });
  expect(edited.status()).toBe(200);
  expect((await edited.json()).memory).toMatchObject({
    id: inferred.id,
    detail: "midwife",
    source: "user",
    confirmed: true,
    confidence_score: 1,
  });

  const other = await seedMemory(request, {
    type: "interest",
    category: "hobbies",
    topic: "chess",
    detail: "plays chess",
    confidence_score: 0.8,
  });
  const confirmed = await request.patch(`/api/memories/${other.id}`, { data: { confirm: true } });
  expect((await confirmed.json()).memory).toMatchObject({
    source: "inferred",
    confirmed: true,
    confidence_score: 1,
  });
  await expectError(
    await request.patch(`/api/memories/${other.id}`, { data: { accept: true } }),
    409,
    "conflict",
  );

  const change = await seedMemory(request, {
    type: "interest",
    category: "hobbies",
    topic: "chess",
    detail: "plays chess online every night",
    status: "suggested",
    replaces_memory_id: other.id,
  });
  expect(change.replaces).toEqual({ id: other.id, topic: "chess", detail: "plays chess" });
  const accepted = await request.patch(`/api/memories/${change.id}`, { data: { accept: true } });
  expect((await accepted.json()).memory).toMatchObject({
    id: other.id,
    detail: "plays chess online every night",
    status: "active",
  });
  await expectError(await request.get(`/api/memories/${change.id}`), 404, "not_found");

  const unwanted = await seedMemory(request, {
    type: "dislike",
    category: "food",
    topic: "coffee",
    detail: "dislikes coffee",
    status: "suggested",
  });
  const rejected = await request.patch(`/api/memories/${unwanted.id}`, { data: { reject: true } });
  expect(rejected.status()).toBe(204);
  await expectError(await request.get(`/api/memories/${unwanted.id}`), 404, "not_found");
  expect((await listMemories(request)).map((m) => m.topic).sort()).toEqual(["chess", "job"]);
});

test("export is a dated JSON download of the caller's memories only, with their history", async ({
  alice,
  bob,
}) => {
  const bobsWord = word();
  await addMemory(bob.request, {
    type: "fact",
    category: "other",
    topic: "secret",
    detail: bobsWord,
  });
  const city = await addMemory(alice.request, {
    type: "fact",
    category: "location",
    topic: "city",
    detail: "Malang",
  });
  await alice.request.patch(`/api/memories/${city.id}`, { data: { detail: "Batu" } });
  await addMemory(alice.request, {
    type: "goal",
    category: "tech",
    topic: "rust",
    detail: "learn Rust",
  });

  const response = await alice.request.get("/api/memories/export");
  expect(response.status()).toBe(200);
  const today = new Date().toISOString().slice(0, 10);
  expect(response.headers()["content-disposition"]).toBe(
    `attachment; filename="ingat-memories-${today}.json"`,
  );
  expect(response.headers()["content-type"]).toContain("application/json");
  const text = await response.text();
  expect(text).not.toContain(bobsWord);
  const file = JSON.parse(text);
  expect(file.exported_at.slice(0, 10)).toBe(today);
  expect(
    file.memories.map((m: { topic: string; detail: string }) => `${m.topic}: ${m.detail}`).sort(),
  ).toEqual(["city: Batu", "rust: learn Rust"]);
  const exportedCity = file.memories.find((m: { id: string }) => m.id === city.id);
  expect(exportedCity).toMatchObject({ source: "user", confidence_score: 1, source_text: null });
  expect(exportedCity.history.map((h: { action: string }) => h.action)).toEqual([
    "added",
    "edited",
  ]);
  expect(exportedCity.history[1]).toMatchObject({
    actor: "user",
    before: expect.objectContaining({ detail: "Malang" }),
    after: expect.objectContaining({ detail: "Batu" }),
  });
});

test("deleting a memory leaves nothing of it: not the memory, its history, nor the export", async ({
  alice,
}) => {
  const { request } = alice;
  const [first, second] = [word(), word()];
  const memory = await addMemory(request, {
    type: "fact",
    category: "family",
    topic: "sister",
    detail: `sister ${first}`,
  });
  await request.patch(`/api/memories/${memory.id}`, { data: { detail: `sister ${second}` } });
  await request.patch(`/api/memories/${memory.id}`, { data: { topic: "older sister" } });
  const kept = await addMemory(request, {
    type: "fact",
    category: "other",
    topic: "pet",
    detail: "a cat",
  });
  const before = await (await request.get(`/api/memories/${memory.id}/history`)).json();
  expect(before.history).toHaveLength(3);

  const deleted = await request.delete(`/api/memories/${memory.id}`);
  expect(deleted.status()).toBe(200);
  expect(await deleted.json()).toMatchObject({ undo_token: expect.any(String) });
  await expectError(await request.get(`/api/memories/${memory.id}`), 404, "not_found");
  await expectError(await request.get(`/api/memories/${memory.id}/history`), 404, "not_found");
  await expectError(await request.delete(`/api/memories/${memory.id}`), 404, "not_found");
  await expectError(
    await request.patch(`/api/memories/${memory.id}`, { data: { confirm: true } }),
    404,
    "not_found",
  );
  const exported = await (await request.get("/api/memories/export")).text();
  for (const trace of [memory.id, first, second, "sister"]) expect(exported).not.toContain(trace);
  expect(JSON.parse(exported).memories.map((m: { id: string }) => m.id)).toEqual([kept.id]);
  expect(await listMemories(request, `q=${first}`)).toEqual([]);
  const summary = await (await request.get("/api/memories/summary")).json();
  expect(summary.total).toBe(1);
});

test("delete all removes every memory and suggestion of the caller, and only theirs", async ({
  alice,
  bob,
}) => {
  const marker = word();
  const ids = [
    (
      await addMemory(alice.request, {
        type: "fact",
        category: "work",
        topic: "job",
        detail: marker,
      })
    ).id,
    (
      await addMemory(alice.request, {
        type: "goal",
        category: "tech",
        topic: "go",
        detail: `learn ${marker}`,
      })
    ).id,
    (
      await seedMemory(alice.request, {
        type: "dislike",
        category: "food",
        topic: "okra",
        detail: `dislikes ${marker}`,
        status: "suggested",
      })
    ).id,
  ];
  await alice.request.patch(`/api/memories/${ids[0]}`, { data: { detail: `${marker} baker` } });
  const bobs = await addMemory(bob.request, {
    type: "fact",
    category: "work",
    topic: "job",
    detail: "welder",
  });

  const response = await alice.request.delete("/api/memories?all=true");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ deleted: 3 });

  expect(await listMemories(alice.request)).toEqual([]);
  expect(await listMemories(alice.request, "status=suggested")).toEqual([]);
  for (const id of ids) {
    await expectError(await alice.request.get(`/api/memories/${id}/history`), 404, "not_found");
  }
  const exported = await (await alice.request.get("/api/memories/export")).text();
  expect(JSON.parse(exported).memories).toEqual([]);
  expect(exported).not.toContain(marker);
  expect(await (await alice.request.get("/api/memories/summary")).json()).toMatchObject({
    total: 0,
    suggested: 0,
    categories: [],
  });
  expect(await listMemories(bob.request)).toEqual([
    expect.objectContaining({ id: bobs.id, detail: "welder" }),
  ]);
});

test("the Memory setting is per user and can be read back", async ({ alice, bob }) => {
  expect(await (await alice.request.get("/api/settings/memory")).json()).toEqual({ enabled: true });
  const off = await alice.request.patch("/api/settings/memory", { data: { enabled: false } });
  expect(await off.json()).toEqual({ enabled: false });
  expect(await (await alice.request.get("/api/settings/memory")).json()).toEqual({
    enabled: false,
  });
  expect(await (await bob.request.get("/api/settings/memory")).json()).toEqual({ enabled: true });
});
