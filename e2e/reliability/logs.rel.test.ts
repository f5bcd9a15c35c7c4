/**
 * The server's logs never carry what users typed. This file captures the production server's
 * stdout and stderr while it handles a chat message with a unique marker, the same with a lone
 * surrogate (malformed Unicode, once a 500 whose log line held the whole message), a memory and
 * an account with one, and a failed sign-in, and searches the output for the markers and the
 * password.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createHttpUser, type HttpUser } from "@/e2e/support/http-session";
import { letters, parseErrorBody, type Stack, startStack } from "./support";

let stack: Stack;
let user: HttpUser;

beforeAll(async () => {
  stack = await startStack("logs");
  user = await createHttpUser(stack.url, "logs");
});

afterAll(async () => {
  await stack?.close();
});

const LONE_SURROGATE = "\ud800";

function chatBody(text: string) {
  return JSON.stringify({
    id: randomUUID(),
    message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] },
  });
}

const postJson = (body: string): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body,
});

test("malformed Unicode is a 400 naming the field, on every kind of body", async () => {
  const marker = `surrogate${letters(12)}`;
  const chat = await user.fetch("/api/chat", postJson(chatBody(`${marker} ${LONE_SURROGATE}`)));
  expect(chat.status).toBe(400);
  const chatError = parseErrorBody(await chat.text());
  expect(chatError?.error.field).toBe("message.parts.0.text");
  expect(chatError?.error.message).toMatch(/unicode/iu);

  const memory = await user.fetch(
    "/api/memories",
    postJson(
      JSON.stringify({
        type: "fact",
        category: "other",
        topic: "note",
        detail: `${marker}${LONE_SURROGATE}`,
      }),
    ),
  );
  expect(memory.status).toBe(400);
  expect(parseErrorBody(await memory.text())?.error.field).toBe("detail");

  const account = await fetch(
    `${stack.url}/api/account`,
    postJson(
      JSON.stringify({ email: `${marker}@example.com`, password: `pw-${marker}${LONE_SURROGATE}` }),
    ),
  );
  expect(account.status).toBe(400);
  expect(parseErrorBody(await account.text())?.error.field).toBe("password");

  expect(stack.appOutput()).not.toContain(marker);
});

test("a chat message and a failed sign-in leave nothing of the user in the logs", async () => {
  const marker = `message${letters(12)}`;
  const turn = await user.chat(randomUUID(), `My secret word is ${marker}, please remember it.`);
  expect(turn.status).toBe(200);
  // Step durations are for the bench (SERVER_TIMING=1), not for anyone who asks.
  expect(turn.serverTiming).toEqual({});

  const wrongPassword = `wrong-${letters(16)}`;
  const csrf = await fetch(`${stack.url}/api/auth/csrf`);
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${stack.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email: user.email, password: wrongPassword }),
  });
  expect(signIn.headers.getSetCookie().some((c) => c.includes("session-token"))).toBe(false);

  // Give background work (extraction of the turn) time to log, if it were going to.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const output = stack.appOutput();
  expect(output).not.toContain(marker);
  expect(output).not.toContain(wrongPassword);
  expect(output).not.toContain(user.email);
  // A wrong password is an expected outcome, not an error worth a log line.
  expect(output).not.toMatch(/CredentialsSignin|\[auth\]/u);
});
