/**
 * Faulty chat endpoint: answering errors, refusing connections (down), dying in the middle of a
 * reply, or streaming garbage. The user sees a clear error in the chat, their message is kept,
 * no half reply is stored, and Retry (the same message id sent again) completes the turn.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { MockResponse } from "@/e2e/mock-openai/client";
import { type ChatResult, createHttpUser, type HttpUser } from "@/e2e/support/http-session";
import { getJson, letters, type Stack, startStack, unexpectedErrorsIn } from "./support";

let stack: Stack;

beforeAll(async () => {
  stack = await startStack("faulty-chat", { chatTokenDelayMs: 5 });
});

afterAll(async () => {
  await stack?.close();
});

type StoredMessage = { id: string; role: string; status: string; parts: { text?: string }[] };

async function messagesOf(user: HttpUser, chatId: string): Promise<StoredMessage[]> {
  const { messages } = await getJson<{ messages: StoredMessage[] }>(user, `/api/chats/${chatId}`);
  return messages;
}

/** What a failed reply must look like to the user: a clear message that says what to do. */
function expectClearError(reply: ChatResult, label: string) {
  expect(reply.status, label).toBe(200); // the stream started; the error arrives in it
  expect(reply.errorText, label).toMatch(/not available right now/);
  expect(reply.errorText, label).toMatch(/Retry/);
  expect(reply.errorText, label).not.toMatch(/\n\s+at |127\.0\.0\.1|ECONNREFUSED|mock-chat-key/);
}

type Fault = {
  name: string;
  /** Puts the fault in place for the message containing `marker`; returns how to clear it. */
  start(marker: string): Promise<() => Promise<void>>;
};

const ruleFault = (name: string, response: MockResponse): Fault => ({
  name,
  async start(marker) {
    // Persistent: the AI SDK retries the chat call once, and both attempts must fail.
    await stack.chatMock.addRule({ match: marker, kind: "chat", response });
    return () => stack.chatMock.reset(marker);
  },
});

const FAULTS: Fault[] = [
  ruleFault("HTTP 500", { type: "error", status: 500, message: "upstream exploded" }),
  ruleFault("HTTP 503", { type: "error", status: 503 }),
  ruleFault("HTTP 429", { type: "error", status: 429 }),
  ruleFault("dies mid-stream", { type: "break-stream", afterChunks: 4 }),
  ruleFault("dies before the first token", { type: "break-stream", afterChunks: 0 }),
  ruleFault("malformed stream", { type: "malformed-stream" }),
  {
    name: "endpoint down (connection refused)",
    async start() {
      await stack.stopChatMock();
      return () => stack.startChatMock();
    },
  },
];

test("chat endpoint faults show a clear error, keep the message, and Retry completes the turn", async () => {
  const user = await createHttpUser(stack.url, "faultychat");
  let retried = 0;
  let partial = 0;
  for (const fault of FAULTS) {
    const marker = letters();
    const chatId = randomUUID();
    const text = `Tell me about ${marker} please, in a few sentences.`;
    const clear = await fault.start(marker);
    const failed = await user.chat(chatId, text);
    await clear();
    expectClearError(failed, fault.name);
    if (failed.text !== "") partial += 1;

    // The user's message is kept; no half reply is stored as if it were an answer.
    const kept = await messagesOf(user, chatId);
    expect(
      kept.map((message) => [message.id, message.role]),
      fault.name,
    ).toEqual([[failed.userMessageId, "user"]]);
    expect(kept[0]?.parts[0]?.text).toBe(text);

    // Retry sends the same message again: one user message, one complete answer.
    const retry = await user.chat(chatId, text, { messageId: failed.userMessageId });
    expect(retry.errorText, fault.name).toBeNull();
    expect(retry.text, fault.name).toContain(marker);
    const after = await messagesOf(user, chatId);
    expect(
      after.map((message) => [message.id, message.role, message.status]),
      fault.name,
    ).toEqual([
      [failed.userMessageId, "user", "complete"],
      [retry.assistantMessageId, "assistant", "complete"],
    ]);
    retried += 1;
  }

  // The chat list shows each chat once and the server logged no unexpected error.
  const { chats } = await getJson<{ chats: { id: string }[] }>(user, "/api/chats");
  expect(chats).toHaveLength(FAULTS.length);
  expect(unexpectedErrorsIn(stack.appOutput())).toEqual([]);
  console.log(
    `faulty-chat [${stack.databaseKind}]: ${FAULTS.length} fault kinds, ${FAULTS.length} clear errors ` +
      `(${partial} after partial text), ${FAULTS.length} user messages kept, ${retried} retries completed`,
  );
});
