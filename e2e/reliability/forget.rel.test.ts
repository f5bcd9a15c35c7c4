/**
 * Forget that really forgets, on the running production build: after "lupakan bahwa saya
 * tinggal di Surabaya" the city is gone at once from the page's API, the export and the next
 * prompt, and "Surabaya" is scrubbed from the job's quote; the notice's Undo brings it all back
 * within the undo window; and after the window the purge — a durable job that survives a kill -9
 * — leaves no table holding the word.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createHttpUser, type HttpUser } from "@/e2e/support/http-session";
import { tablesMentioning } from "@/lib/memory/testing/traces";
import {
  getJson,
  json,
  letters,
  memoriesOf,
  pollUntil,
  type Stack,
  scriptExtraction,
  settledTurn,
  startStack,
} from "./support";

const UNDO_SECONDS = 8;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack("forget", { env: { MEMORY_UNDO_SECONDS: String(UNDO_SECONDS) } });
});

afterAll(async () => {
  await stack?.close();
});

type Updates = { status: string; forgotten: { category: string; topic: string }[] };

/** A nurse in the city, then "lupakan bahwa saya tinggal di <city>". */
async function forgetCity(user: HttpUser, city: string) {
  const first = `I'm a nurse in ${city}, working nights. ${letters()}`;
  await scriptExtraction(stack.extractionMock, first, [
    {
      type: "fact",
      category: "work",
      topic: "job",
      detail: "nurse",
      confidence_score: 0.95,
      source_text: `I'm a nurse in ${city}`,
      explicit: false,
    },
    {
      type: "fact",
      category: "location",
      topic: "city",
      detail: city,
      confidence_score: 0.9,
      source_text: `I'm a nurse in ${city}`,
      explicit: false,
    },
  ]);
  const learned = await user.chat(randomUUID(), first);
  await settledTurn(user, learned.assistantMessageId ?? "");
  expect((await memoriesOf(user)).map((m) => m.topic).sort()).toEqual(["city", "job"]);

  const second = `Tolong lupakan bahwa saya tinggal di ${city}. ${letters()}`;
  await scriptExtraction(
    stack.extractionMock,
    second,
    [],
    [{ category: "location", topic: "city", source_text: `lupakan bahwa saya tinggal di ${city}` }],
  );
  const forgot = await user.chat(randomUUID(), second);
  const updates = await settledTurn(user, forgot.assistantMessageId ?? "");
  expect(updates).toMatchObject({
    status: "done",
    forgotten: [{ category: "location", topic: "city" }],
  });
  return forgot.assistantMessageId ?? "";
}

async function everythingTheUserSees(user: HttpUser): Promise<string> {
  const next = letters();
  await user.chat(randomUUID(), `Where should I eat tonight? ${next}`);
  const [request] = await stack.chatMock.requests({ contains: next, kind: "chat" });
  const exported = await (await user.fetch("/api/memories/export")).text();
  return JSON.stringify({ list: await memoriesOf(user), exported, prompt: request?.messages[0] });
}

test("the notice's Undo brings the forgotten city back, and the job's quote with it", async () => {
  const user = await createHttpUser(stack.url, "undoer");
  const turn = await forgetCity(user, "Malang");
  const gone = await everythingTheUserSees(user);
  expect(gone).not.toMatch(/malang/i);
  expect(gone).toContain("I'm a nurse in [forgotten]");

  const undo = await user.fetch(`/api/memory-updates/${turn}/undo`, json("POST", {}));
  expect(undo.status).toBe(200);
  expect(await undo.json()).toEqual({ reverted: 1 });
  const back = await memoriesOf(user);
  expect(back.map((m) => [m.topic, m.detail]).sort()).toEqual([
    ["city", "Malang"],
    ["job", "nurse"],
  ]);
  expect(JSON.stringify(back)).toContain("I'm a nurse in Malang");
});

test("after the window, the purge leaves no table holding the word — even across a kill -9", async () => {
  const user = await createHttpUser(stack.url, "forgetter");
  const turn = await forgetCity(user, "Surabaya");
  expect(await everythingTheUserSees(user)).not.toMatch(/surabaya/i);

  // The server dies while the forgotten memory is still kept for Undo…
  await stack.stopApp("SIGKILL");
  await new Promise((resolve) => setTimeout(resolve, UNDO_SECONDS * 1000));
  await stack.restartApp();
  // …and the purge job, read back from the database, still runs once the window has passed.
  await pollUntil(
    () => getJson<Updates>(user, `/api/memory-updates/${turn}`),
    (updates) => updates.forgotten.every((item) => item.topic === "[forgotten]"),
    { timeoutMs: 30_000, what: "the purge of the forgotten city" },
  );
  const undo = await user.fetch(`/api/memory-updates/${turn}/undo`, json("POST", {}));
  expect(await undo.json()).toEqual({ reverted: 0 });

  await stack.stopApp();
  // The chat transcript (chats, messages) is the user's own record, deleted with the chat.
  const tables = await stack.withDatabase((db) => tablesMentioning(db, "surabaya"));
  await stack.restartApp();
  expect(tables).toEqual({});
  console.log(
    `forget [${stack.databaseKind}]: "Surabaya" gone at once from list, export and prompt; ` +
      "restored by Undo; purged from every table after a kill -9 and the undo window",
  );
});
