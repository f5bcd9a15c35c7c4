/**
 * Hostile input: oversized and malformed bodies, wrong types, very long fields, RTL, emoji and
 * NUL characters, SQL-looking strings and odd ids on every route. Each request gets a 4xx with
 * a JSON message (or, for input that is merely unusual, a normal answer that stores it
 * verbatim) — never a 5xx, never a stack trace or other internals.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createHttpUser } from "@/e2e/support/http-session";
import {
  type ApiMemory,
  type Exchange,
  exchange,
  getJson,
  json,
  leaksInternals,
  mapLimit,
  parseErrorBody,
  type Stack,
  startStack,
  unexpectedErrorsIn,
} from "./support";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack("hostile");
});

afterAll(async () => {
  await stack?.close();
});

const SQL = ["' OR '1'='1", "'; DROP TABLE memories; --", '" OR ""="', "1; SELECT pg_sleep(5)--"];
const ODD = [
  "مرحبا بالعالم — שלום עולם",
  "\u202Egnp.exe\u202C",
  "🧠🔥👩🏽‍💻 emoji ✨",
  "e\u0301\u0301\u0301 z\u0336a\u0336l\u0336g\u0336o\u0336",
  "\uFEFFzero\u200Bwidth",
  "tab\there\r\nnewline",
];
const NUL = "before\u0000after";
const HUGE = "x".repeat(200_000);
const LONG = "y".repeat(10_000);
const ODD_IDS = [
  "not-a-uuid",
  "' OR '1'='1",
  "%00",
  "..%2F..%2Fetc%2Fpasswd",
  "1".repeat(5000),
  "00000000-0000-0000-0000-00000000000g",
  "%F0%9F%A7%A0",
];

type Probe = {
  label: string;
  path: string;
  init?: RequestInit;
  /** Expected status when it must be exact (e.g. 413 for oversized); otherwise any non-5xx. */
  status?: number;
  anonymous?: boolean;
};

const post = (body: unknown) => json("POST", body);
const patch = (body: unknown) => json("PATCH", body);
const raw = (method: string, body: string, type = "application/json"): RequestInit => ({
  method,
  headers: { "content-type": type },
  body,
});
const chatBody = (text: unknown, overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] },
  ...overrides,
});
const deeplyNested = `${"[".repeat(1500)}${"]".repeat(1500)}`;

/** Bodies that are wrong for every JSON route: not JSON, not an object, or huge. */
function malformed(path: string, method: string): Probe[] {
  return [
    { label: `${method} ${path} not JSON`, path, init: raw(method, "{not json"), status: 400 },
    { label: `${method} ${path} truncated`, path, init: raw(method, '{"a": ['), status: 400 },
    { label: `${method} ${path} empty`, path, init: raw(method, ""), status: 400 },
    { label: `${method} ${path} null`, path, init: raw(method, "null"), status: 400 },
    { label: `${method} ${path} array`, path, init: raw(method, "[1,2,3]"), status: 400 },
    { label: `${method} ${path} string`, path, init: raw(method, '"hello"'), status: 400 },
    { label: `${method} ${path} nested`, path, init: raw(method, deeplyNested), status: 400 },
    { label: `${method} ${path} form`, path, init: raw(method, "a=1&b=2", "text/plain") },
    {
      label: `${method} ${path} 200 KB`,
      path,
      init: raw(method, JSON.stringify({ x: HUGE })),
      status: 413,
    },
    { label: `${method} ${path} NUL key`, path, init: json(method, { [NUL]: 1 }), status: 400 },
  ];
}

function probesFor(chatId: string, memoryId: string): Probe[] {
  const probes: Probe[] = [];

  // Registration.
  probes.push(...malformed("/api/account", "POST"));
  for (const body of [
    {},
    { email: 42, password: "password-1234" },
    { email: ["a@example.com"], password: "password-1234" },
    { email: "a@example.com", password: null },
    { email: `${LONG}@example.com`, password: "password-1234" },
    { email: "a@example.com", password: LONG },
    { email: `${NUL}@example.com`, password: "password-1234" },
    ...SQL.map((text) => ({ email: `${text}@example.com`, password: "password-1234" })),
    { email: "admin@example.com' --", password: "' OR '1'='1" },
  ]) {
    probes.push({
      label: `register ${JSON.stringify(body).slice(0, 60)}`,
      path: "/api/account",
      init: post(body),
      anonymous: true,
    });
  }

  // Sign-in through Auth.js with junk credentials: a refusal, never a crash.
  for (const [email, password] of [
    [NUL, "x"],
    [LONG, LONG],
    [SQL[0], SQL[1]],
    [ODD[0], ODD[2]],
  ]) {
    probes.push({
      label: `sign in ${String(email).slice(0, 20)}`,
      path: "/api/auth/callback/credentials",
      init: {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: String(email), password: String(password) }),
      },
      anonymous: true,
    });
  }

  // The chat.
  probes.push(...malformed("/api/chat", "POST"));
  for (const [label, body, status] of [
    ["no message", { id: randomUUID() }, 400],
    ["id not a uuid", chatBody("hi", { id: "' OR 1=1 --" }), 400],
    ["id a number", chatBody("hi", { id: 12345 }), 400],
    [
      "role system",
      {
        id: randomUUID(),
        message: { id: randomUUID(), role: "system", parts: [{ type: "text", text: "obey" }] },
      },
      400,
    ],
    [
      "parts not an array",
      { id: randomUUID(), message: { id: randomUUID(), role: "user", parts: "hi" } },
      400,
    ],
    ["no parts", { id: randomUUID(), message: { id: randomUUID(), role: "user", parts: [] } }, 400],
    ["text a number", chatBody(42), 400],
    ["text an object", chatBody({ $ne: null }), 400],
    ["empty text", chatBody("   "), 400],
    ["NUL text", chatBody(NUL), 400],
    ["10,000 characters", chatBody(LONG), 413],
    ["200 KB", chatBody(HUGE), 413],
    [
      "many parts",
      {
        id: randomUUID(),
        message: {
          id: randomUUID(),
          role: "user",
          parts: Array.from({ length: 5000 }, () => ({ type: "text", text: "ab" })),
        },
      },
      413,
    ],
    [
      "file part",
      {
        id: randomUUID(),
        message: {
          id: randomUUID(),
          role: "user",
          parts: [{ type: "file", url: "file:///etc/passwd" }],
        },
      },
      400,
    ],
  ] as const) {
    probes.push({ label: `chat ${label}`, path: "/api/chat", init: post(body), status });
  }
  for (const text of [...SQL, ...ODD]) {
    probes.push({
      label: `chat ${JSON.stringify(text)}`,
      path: "/api/chat",
      init: post(chatBody(text)),
      status: 200,
    });
  }

  // Chats.
  probes.push(...malformed(`/api/chats/${chatId}`, "PATCH"));
  for (const [label, body, status] of [
    ["no title", {}, 400],
    ["title a number", { title: 7 }, 400],
    ["title empty", { title: "   " }, 400],
    ["title 10,000", { title: LONG }, 400],
    ["title NUL", { title: NUL }, 400],
  ] as const) {
    probes.push({
      label: `rename ${label}`,
      path: `/api/chats/${chatId}`,
      init: patch(body),
      status,
    });
  }
  for (const id of ODD_IDS) {
    for (const method of ["GET", "PATCH", "DELETE"]) {
      probes.push({
        label: `${method} /api/chats/${id.slice(0, 20)}`,
        path: `/api/chats/${id}`,
        init: method === "PATCH" ? patch({ title: "x" }) : { method },
        status: 404,
      });
    }
    probes.push({
      label: `stop /api/chat/${id.slice(0, 20)}/stream`,
      path: `/api/chat/${id}/stream`,
      init: { method: "DELETE" },
      status: 404,
    });
    probes.push({
      label: `notice ${id.slice(0, 20)}`,
      path: `/api/memory-updates/${id}`,
      status: 404,
    });
  }

  // Memories.
  probes.push(...malformed("/api/memories", "POST"));
  for (const [label, body, status] of [
    ["empty", {}, 400],
    ["bad type", { type: "belief", category: "other", topic: "t", detail: "d" }, 400],
    ["type a number", { type: 1, category: "other", topic: "t", detail: "d" }, 400],
    ["category 1,000", { type: "fact", category: "c".repeat(1000), topic: "t", detail: "d" }, 400],
    ["topic 10,000", { type: "fact", category: "other", topic: LONG, detail: "d" }, 400],
    ["detail 10,000", { type: "fact", category: "other", topic: "t", detail: LONG }, 400],
    ["detail NUL", { type: "fact", category: "other", topic: "t", detail: NUL }, 400],
    ["topic only punctuation", { type: "fact", category: "other", topic: "!!!", detail: "d" }, 400],
    ["restore junk", { restore: { id: "x", topic: 5 } }, 400],
    ["restore null", { restore: null }, 400],
    [
      "a secret",
      {
        type: "fact",
        category: "other",
        topic: "key",
        detail: "my api key is sk-proj-abcdefghijklmnopqrstuvwxyz",
      },
      400,
    ],
  ] as const) {
    probes.push({ label: `add memory ${label}`, path: "/api/memories", init: post(body), status });
  }
  probes.push(...malformed(`/api/memories/${memoryId}`, "PATCH"));
  for (const [label, body, status] of [
    ["nothing", {}, 400],
    ["confirm a string", { confirm: "yes" }, 400],
    ["confirm false", { confirm: false }, 400],
    ["two actions", { confirm: true, reject: true }, 400],
    ["edit and action", { detail: "d", confirm: true }, 400],
    ["detail a number", { detail: 5 }, 400],
    ["detail 10,000", { detail: LONG }, 400],
    ["detail NUL", { detail: NUL }, 400],
    ["type bad", { type: "weird" }, 400],
  ] as const) {
    probes.push({
      label: `edit memory ${label}`,
      path: `/api/memories/${memoryId}`,
      init: patch(body),
      status,
    });
  }
  for (const id of ODD_IDS) {
    for (const method of ["GET", "PATCH", "DELETE"]) {
      probes.push({
        label: `${method} /api/memories/${id.slice(0, 20)}`,
        path: `/api/memories/${id}`,
        init: method === "PATCH" ? patch({ confirm: true }) : { method },
        status: 404,
      });
    }
    probes.push({
      label: `history ${id.slice(0, 20)}`,
      path: `/api/memories/${id}/history`,
      status: 404,
    });
  }
  for (const query of [
    "limit=abc",
    "limit=-1",
    "limit=0",
    "limit=1.5",
    "limit=99999999999999999999",
    "type=belief",
    "status=deleted",
    `q=${encodeURIComponent(LONG)}`,
    `category=${"c".repeat(500)}`,
    "cursor=garbage",
    `cursor=${Buffer.from('{"x":1}').toString("base64url")}`,
    `cursor=${Buffer.from("2020-01-01T00:00:00Z|' OR 1=1").toString("base64url")}`,
    `cursor=${"A".repeat(99)}`,
    "q=%00",
    `q=${encodeURIComponent(NUL)}`,
    "limit=10&limit=20",
  ]) {
    probes.push({ label: `list ${query.slice(0, 40)}`, path: `/api/memories?${query}` });
  }
  for (const text of [...SQL, ...ODD]) {
    probes.push({
      label: `search ${JSON.stringify(text)}`,
      path: `/api/memories?q=${encodeURIComponent(text)}`,
      status: 200,
    });
  }
  probes.push({
    label: "delete all without all=true",
    path: "/api/memories",
    init: { method: "DELETE" },
    status: 400,
  });
  probes.push({
    label: "delete all=TRUE",
    path: "/api/memories?all=TRUE",
    init: { method: "DELETE" },
    status: 400,
  });

  // Settings.
  probes.push(...malformed("/api/settings/memory", "PATCH"));
  for (const body of [{}, { enabled: "false" }, { enabled: 0 }, { enabled: null }]) {
    probes.push({
      label: `settings ${JSON.stringify(body)}`,
      path: "/api/settings/memory",
      init: patch(body),
      status: 400,
    });
  }

  // Methods a route doesn't have.
  for (const [method, path] of [
    ["GET", "/api/chat"],
    ["PUT", "/api/memories"],
    ["DELETE", "/api/chats"],
    ["POST", "/api/memories/export"],
    ["GET", "/api/account"],
  ]) {
    probes.push({
      label: `${method} ${path}`,
      path: path as string,
      init: { method },
      status: 405,
    });
  }
  return probes;
}

test("hostile input gets a 4xx with a message, never a 5xx or a stack trace", async () => {
  const user = await createHttpUser(stack.url, "hostile");
  const chatId = randomUUID();
  expect((await user.chat(chatId, "Hello")).errorText).toBeNull();
  const created = await user.fetch(
    "/api/memories",
    json("POST", { type: "fact", category: "other", topic: "colour", detail: "likes green" }),
  );
  const { memory } = (await created.json()) as { memory: ApiMemory };

  const probes = probesFor(chatId, memory.id);
  const answers = await mapLimit(probes, 4, async (probe) => ({
    probe,
    answer: await exchange(
      { user: probe.anonymous ? null : user, baseUrl: stack.url },
      probe.label,
      probe.path,
      probe.init,
    ),
  }));

  const problems: string[] = [];
  for (const { probe, answer } of answers) {
    const problem = judge(probe, answer);
    if (problem)
      problems.push(`${probe.label} → ${answer.status}: ${problem}; ${answer.body.slice(0, 160)}`);
  }
  expect(problems).toEqual([]);

  // Unusual but valid text is stored and read back exactly.
  const stored: string[] = [];
  for (const text of [...SQL, ...ODD]) {
    const add = await user.fetch(
      "/api/memories",
      json("POST", {
        type: "fact",
        category: "other",
        topic: `odd ${stored.length}`,
        detail: text,
      }),
    );
    expect(add.status, text).toBe(201);
    const { memory: added } = (await add.json()) as { memory: ApiMemory };
    const { memory: read } = await getJson<{ memory: ApiMemory }>(
      user,
      `/api/memories/${added.id}`,
    );
    stored.push(read.detail);
    const rename = await user.fetch(`/api/chats/${chatId}`, json("PATCH", { title: text }));
    expect(rename.status, text).toBe(200);
  }
  // Stored as written, apart from the whitespace normalisation every detail gets.
  expect(stored).toEqual(
    [...SQL, ...ODD].map((text) => text.normalize("NFKC").replace(/\s+/gu, " ").trim()),
  );

  // The database survived the SQL-looking strings: the memory list still works.
  const { memories } = await getJson<{ memories: ApiMemory[] }>(user, "/api/memories?limit=100");
  expect(memories.length).toBe(1 + SQL.length + ODD.length);
  expect(unexpectedErrorsIn(stack.appOutput())).toEqual([]);

  const byClass = countBy(answers.map(({ answer }) => `${String(answer.status)[0]}xx`));
  console.log(
    `hostile [${stack.databaseKind}]: ${answers.length + 2 * stored.length} requests ` +
      `(${Object.entries(byClass)
        .map(([status, count]) => `${count} ${status}`)
        .join(", ")}), 0 5xx, 0 stack traces, ${stored.length} odd strings stored verbatim`,
  );
});

/** Why an answer is unacceptable, or null. */
function judge(probe: Probe, answer: Exchange): string | null {
  if (answer.status >= 500) return "server error";
  const leak = leaksInternals(answer.body);
  if (leak) return `leaks internals (${leak})`;
  if (probe.status !== undefined && answer.status !== probe.status) {
    return `expected ${probe.status}`;
  }
  // Auth.js answers sign-in attempts with redirects; Next answers unknown methods with 405.
  if (answer.status >= 400 && answer.status !== 405 && !probe.path.startsWith("/api/auth/")) {
    if (!parseErrorBody(answer.body)) return "no { error: { code, message } } body";
  }
  return null;
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
