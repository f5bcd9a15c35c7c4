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
  /** The field a 400 must name. */
  field?: string;
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
    // Cross-site forms and "simple" fetches can only send these types: never accepted.
    {
      label: `${method} ${path} form`,
      path,
      init: raw(method, "a=1&b=2", "text/plain"),
      status: 415,
    },
    {
      label: `${method} ${path} JSON as text/plain`,
      path,
      init: raw(method, "{}", "text/plain;charset=UTF-8"),
      status: 415,
    },
    {
      label: `${method} ${path} urlencoded`,
      path,
      init: raw(method, "a=1", "application/x-www-form-urlencoded"),
      status: 415,
    },
    {
      label: `${method} ${path} 200 KB`,
      path,
      init: raw(method, JSON.stringify({ x: HUGE })),
      status: 413,
    },
    { label: `${method} ${path} NUL key`, path, init: json(method, { [NUL]: 1 }), status: 400 },
  ];
}

function probesFor(chatId: string, memoryId: string, otherUserId: string): Probe[] {
  const probes: Probe[] = [];

  // The admin API (this suite's user is the instance's first account, so its admin): bodies
  // that are wrong are refused before anything is changed; no valid write is sent here.
  const otherUser = `/api/admin/users/${otherUserId}`;
  probes.push(...malformed("/api/admin/settings", "PUT"));
  probes.push(...malformed(otherUser, "PATCH"));
  probes.push(...malformed(otherUser, "DELETE"));
  for (const [path, method, body, field] of [
    ["/api/admin/settings", "PUT", {}, "registrationMode"],
    ["/api/admin/settings", "PUT", { registrationMode: "everyone" }, "registrationMode"],
    ["/api/admin/settings", "PUT", { registrationMode: ["open"] }, "registrationMode"],
    ["/api/admin/settings", "PUT", { registrationMode: SQL[1] }, "registrationMode"],
    [otherUser, "PATCH", {}, "disabled"],
    [otherUser, "PATCH", { disabled: "yes" }, "disabled"],
    [otherUser, "PATCH", { disabled: null }, "disabled"],
    [otherUser, "DELETE", {}, "email"],
    [otherUser, "DELETE", { email: 42 }, "email"],
    [otherUser, "DELETE", { email: `${"y".repeat(300)}@example.com` }, "email"],
    [otherUser, "DELETE", { email: SQL[0] }, "email"],
  ] as const) {
    probes.push({
      label: `${method} ${path.replace(otherUserId, "{id}")} ${JSON.stringify(body).slice(0, 60)}`,
      path,
      init: json(method, body),
      status: 400,
      field,
    });
  }
  for (const id of ODD_IDS) {
    for (const method of ["PATCH", "DELETE"]) {
      probes.push({
        label: `${method} /api/admin/users/${id.slice(0, 20)}`,
        path: `/api/admin/users/${id}`,
        init: json(method, method === "PATCH" ? { disabled: true } : { email: "a@example.com" }),
        status: 404,
      });
    }
  }

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

  // Import of an export file: the body is the file (up to 5 MB).
  const fileMemory = {
    type: "fact",
    category: "other",
    topic: "colour",
    detail: "likes green",
    confidence_score: 0.9,
    source: "inferred",
    status: "active",
    observed_at: "2025-01-01T00:00:00.000Z",
    last_seen_at: "2025-01-01T00:00:00.000Z",
  };
  for (const path of ["/api/memories/import/preview", "/api/memories/import"]) {
    for (const [label, init, status] of [
      ["not JSON", raw("POST", "{not json"), 400],
      ["truncated", raw("POST", '{"memories": ['), 400],
      ["empty", raw("POST", ""), 400],
      ["array", raw("POST", "[1,2,3]"), 400],
      ["nested", raw("POST", deeplyNested), 400],
      ["NUL key", post({ [NUL]: 1 }), 400],
      ["no memories", post({ version: 1 }), 400],
      ["newer version", post({ version: 2, memories: [] }), 400],
      ["version a string", post({ version: "1", memories: [] }), 400],
      ["memories an object", post({ memories: { a: 1 } }), 400],
      ["memory wrong shape", post({ memories: [{ type: "fact" }] }), 400],
      ["bad type", post({ memories: [{ ...fileMemory, type: "belief" }] }), 400],
      ["confidence 7", post({ memories: [{ ...fileMemory, confidence_score: 7 }] }), 400],
      ["detail NUL", post({ memories: [{ ...fileMemory, detail: NUL }] }), 400],
      ["detail 10,000", post({ memories: [{ ...fileMemory, detail: LONG }] }), 400],
      ["date junk", post({ memories: [{ ...fileMemory, observed_at: SQL[0] }] }), 400],
      ["6 MB", raw("POST", JSON.stringify({ memories: [], x: "x".repeat(6 * 1024 * 1024) })), 413],
      [
        "SQL-looking topics",
        post({
          memories: SQL.map((text, index) => ({ ...fileMemory, topic: `sql ${index} ${text}` })),
        }),
        200,
      ],
      [
        "odd ids",
        post({
          memories: [{ ...fileMemory, topic: "ids", chat_id: ODD_IDS[1], message_id: SQL[1] }],
        }),
        200,
      ],
    ] as const) {
      probes.push({ label: `${path} ${label}`, path, init, status });
    }
  }

  // Import of pasted text (one extraction call each).
  probes.push(...malformed("/api/memories/import/text", "POST"));
  for (const [label, body, status] of [
    ["empty", {}, 400],
    ["text a number", { text: 42 }, 400],
    ["text blank", { text: "   " }, 400],
    ["text NUL", { text: NUL }, 400],
    ["text 30,000", { text: "z".repeat(30_000) }, 400],
    ["extra field", { text: "You live in Bandung", status: "active" }, 400],
  ] as const) {
    probes.push({
      label: `paste import ${label}`,
      path: "/api/memories/import/text",
      init: post(body),
      status,
    });
  }

  // Likely duplicates: Merge and Keep both.
  for (const path of ["/api/memories/duplicates/merge", "/api/memories/duplicates/keep-both"]) {
    probes.push(...malformed(path, "POST"));
    for (const [label, body, status] of [
      ["empty", {}, 400],
      ["one id", { memory_ids: [memoryId] }, 400],
      ["three ids", { memory_ids: [memoryId, randomUUID(), randomUUID()] }, 400],
      ["the same id twice", { memory_ids: [memoryId, memoryId] }, 400],
      ["ids not uuids", { memory_ids: ODD_IDS.slice(0, 2) }, 400],
      ["ids numbers", { memory_ids: [1, 2] }, 400],
      ["unknown id", { memory_ids: [memoryId, randomUUID()] }, 404],
    ] as const) {
      probes.push({ label: `${path} ${label}`, path, init: post(body), status });
    }
  }

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
    ["GET", "/api/memories/import"],
    ["POST", "/api/memories/duplicates"],
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

  const other = await createHttpUser(stack.url, "other");
  const accounts = async () =>
    (await getJson<{ users: AdminRow[] }>(user, "/api/admin/users")).users
      .filter((row) => row.email === user.email || row.email === other.email)
      .map(({ id, email, role, disabledAt }) => ({ id, email, role, disabledAt }));
  const listed = await accounts();
  expect(listed.map((row) => row.role)).toEqual(["admin", "user"]);
  const otherUserId = listed[1]?.id ?? "";
  expect(otherUserId).not.toBe("");

  const probes = probesFor(chatId, memory.id, otherUserId);
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
  // Nothing the admin probes sent changed an account or the registration mode.
  expect(await accounts()).toEqual(listed);
  expect(await getJson(user, "/api/admin/settings")).toEqual({ registrationMode: "open" });

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
  // …besides what the import probes brought in: the SQL-looking topics and the one with odd ids.
  const importedByProbes = SQL.length + 1;
  expect(memories.length).toBe(1 + SQL.length + ODD.length + importedByProbes);
  expect(unexpectedErrorsIn(stack.appOutput())).toEqual([]);

  const byClass = countBy(answers.map(({ answer }) => `${String(answer.status)[0]}xx`));
  console.log(
    `hostile [${stack.databaseKind}]: ${answers.length + 2 * stored.length} requests ` +
      `(${Object.entries(byClass)
        .map(([status, count]) => `${count} ${status}`)
        .join(", ")}), 0 5xx, 0 stack traces, ${stored.length} odd strings stored verbatim`,
  );
});

type AdminRow = { id: string; email: string; role: string; disabledAt: string | null };

/** Why an answer is unacceptable, or null. */
function judge(probe: Probe, answer: Exchange): string | null {
  if (answer.status >= 500) return "server error";
  const leak = leaksInternals(answer.body);
  if (leak) return `leaks internals (${leak})`;
  if (probe.status !== undefined && answer.status !== probe.status) {
    return `expected ${probe.status}`;
  }
  if (probe.field !== undefined && parseErrorBody(answer.body)?.error.field !== probe.field) {
    return `expected the field ${probe.field} to be named`;
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
