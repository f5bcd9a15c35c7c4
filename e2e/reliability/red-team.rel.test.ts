/**
 * The red team against the running production build: every attack of the table (words outside
 * the user's own claim, per-clause explicit and forget, pasted and quoted text, role-play,
 * hypotheticals, other people, contradicting details, English and Indonesian) is sent as a real
 * chat turn, with the mock extraction endpoint scripted to return the attack, and the user's
 * memories are read back through the API. Plus the attacks that only an API can make: a restore
 * that brings its own memory fields (dated 2099), and another user's undo token. It prints
 * `N attacks, N refused, 0 stored` and fails on any store.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createHttpUser, type HttpUser } from "@/e2e/support/http-session";
import { ATTACKS, type Attack } from "@/lib/memory/testing/attacks";
import {
  type ApiMemory,
  getJson,
  json,
  letters,
  memoriesOf,
  type Stack,
  scriptExtraction,
  settledTurn,
  startStack,
  unexpectedErrorsIn,
} from "./support";

let stack: Stack;
const outcomes: { name: string; stored: string[]; held: number }[] = [];

beforeAll(async () => {
  stack = await startStack("red-team");
});

afterAll(async () => {
  const stored = outcomes.filter((outcome) => outcome.stored.length > 0).length;
  const held = outcomes.reduce((sum, outcome) => sum + outcome.held, 0);
  console.log(
    `red team [${stack?.databaseKind}]: ${outcomes.length} attacks, ${outcomes.length - stored} refused, ` +
      `${stored} stored (${held} held as suggestions for review, never active)`,
  );
  await stack?.close();
});

const show = (memory: ApiMemory) =>
  `${memory.status} ${memory.source} ${memory.category}/${memory.topic}: ${memory.detail}`;

async function addExisting(user: HttpUser, attack: Attack): Promise<ApiMemory[]> {
  for (const memory of attack.existing ?? []) {
    const added = await user.fetch("/api/memories", json("POST", memory));
    expect(added.status).toBe(201);
  }
  return memoriesOf(user);
}

test.each(ATTACKS.map((attack) => [`${attack.lang}: ${attack.name}`, attack] as const))(
  "%s",
  async (_name, attack) => {
    const user = await createHttpUser(stack.url, "attacked");
    const before = await addExisting(user, attack);
    // The marker is a sentence of its own: the attack's sentences stay as they are.
    const text = `${attack.userMessage}\n\n${letters()}`;
    if (attack.assistantMessage) {
      await stack.chatMock.addRule({
        match: text.slice(-10),
        kind: "chat",
        response: { type: "text", text: attack.assistantMessage },
      });
    }
    await scriptExtraction(
      stack.extractionMock,
      text,
      attack.output.preferences,
      attack.output.forget,
    );
    const reply = await user.chat(randomUUID(), text);
    expect(reply.status).toBe(200);
    expect((await settledTurn(user, reply.assistantMessageId ?? "")).status).toBe("done");

    const after = await memoriesOf(user);
    const known = new Set(before.map((memory) => memory.id));
    const added = after.filter((memory) => !known.has(memory.id));
    const lost = before.filter((memory) => !after.some((kept) => kept.id === memory.id));
    const allowed = (memory: ApiMemory) =>
      attack.expect === "review" && memory.status === "suggested" && memory.source === "inferred";
    const stored = [
      ...added.filter((memory) => !allowed(memory)).map(show),
      ...lost.map((memory) => `forgot ${show(memory)}`),
    ];
    outcomes.push({ name: attack.name, stored, held: added.filter(allowed).length });
    expect(stored).toEqual([]);
  },
);

test("a restore carrying its own memory fields (dated 2099) stores nothing; a later statement wins", async () => {
  const user = await createHttpUser(stack.url, "restorer");
  const forged = {
    type: "fact",
    category: "location",
    topic: "city",
    detail: "Paris",
    confidence_score: 1,
    source: "explicit",
    status: "active",
    source_text: null,
    confirmed_at: "2099-01-01T00:00:00.000Z",
    chat_id: null,
    message_id: null,
    replaces_memory_id: null,
    observed_at: "2099-01-01T00:00:00.000Z",
    last_seen_at: "2099-01-01T00:00:00.000Z",
  };
  const attempts = [
    await user.fetch("/api/memories", json("POST", { restore: forged })),
    await user.fetch("/api/memories/restore", json("POST", { restore: forged })),
    await user.fetch(
      "/api/memories/restore",
      json("POST", { undo_token: "x".repeat(43), memory: forged }),
    ),
    await user.fetch("/api/memories/restore", json("POST", { undo_token: "x".repeat(43) })),
  ];
  expect(attempts.map((response) => response.status)).toEqual([400, 400, 400, 404]);
  const stored = (await memoriesOf(user)).map(show);
  outcomes.push({ name: "restore with forged fields", stored, held: 0 });
  expect(stored).toEqual([]);

  // Delete and Undo by the server's token bring back the memory as it was, dates included…
  const added = await user.fetch(
    "/api/memories",
    json("POST", { type: "fact", category: "location", topic: "city", detail: "Paris" }),
  );
  const { memory } = (await added.json()) as { memory: ApiMemory & { observed_at: string } };
  const deleted = await user.fetch(`/api/memories/${memory.id}`, { method: "DELETE" });
  const { undo_token: token } = (await deleted.json()) as { undo_token: string };
  const restored = await user.fetch("/api/memories/restore", json("POST", { undo_token: token }));
  expect(restored.status).toBe(201);
  const { memory: back } = (await restored.json()) as { memory: typeof memory };
  expect(back).toMatchObject({ id: memory.id, observed_at: memory.observed_at });

  // …so a later explicit statement still replaces it.
  const text = `Remember that I live in Berlin. ${letters()}`;
  await scriptExtraction(stack.extractionMock, text, [
    {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "Berlin",
      confidence_score: 1,
      source_text: "Remember that I live in Berlin",
      explicit: true,
    },
  ]);
  const reply = await user.chat(randomUUID(), text);
  await settledTurn(user, reply.assistantMessageId ?? "");
  expect((await memoriesOf(user)).map((m) => m.detail)).toEqual(["Berlin"]);
});

test("another user's undo token restores nothing", async () => {
  const owner = await createHttpUser(stack.url, "owner");
  const thief = await createHttpUser(stack.url, "thief");
  const added = await owner.fetch(
    "/api/memories",
    json("POST", { type: "fact", category: "work", topic: "job", detail: "locksmith" }),
  );
  const { memory } = (await added.json()) as { memory: ApiMemory };
  const deleted = await owner.fetch(`/api/memories/${memory.id}`, { method: "DELETE" });
  const { undo_token: token } = (await deleted.json()) as { undo_token: string };
  const stolen = await thief.fetch("/api/memories/restore", json("POST", { undo_token: token }));
  expect(stolen.status).toBe(404);
  const stored = [...(await memoriesOf(thief)), ...(await memoriesOf(owner))].map(show);
  outcomes.push({ name: "another user's undo token", stored, held: 0 });
  expect(stored).toEqual([]);
  // The owner can still undo.
  const own = await owner.fetch("/api/memories/restore", json("POST", { undo_token: token }));
  expect(own.status).toBe(201);
  expect(await getJson<{ memory: ApiMemory }>(owner, `/api/memories/${memory.id}`)).toMatchObject({
    memory: { detail: "locksmith" },
  });
  expect(unexpectedErrorsIn(stack.appOutput())).toEqual([]);
});
