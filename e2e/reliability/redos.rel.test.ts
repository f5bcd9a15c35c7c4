/**
 * One long message must not freeze the server. The offline model (the default when no model is
 * configured) reads the user's message to spot "what do you remember about me?"; a pattern that
 * backtracks would keep the one JavaScript thread busy for minutes on 8,000 characters, and every
 * other user's request would wait. Here a page load is answered while that message is handled.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type AppServer, startAppServer } from "@/e2e/support/app-server";
import { createHttpUser } from "@/e2e/support/http-session";
import { RELIABILITY_ENV, RELIABILITY_PORTS } from "./support";

const OFFLINE_MODEL_ENV = [
  "OPENAI_BASE_URL",
  "OPENAI_API_KEY",
  "CHAT_MODEL",
  "EXTRACTION_BASE_URL",
  "EXTRACTION_API_KEY",
  "EXTRACTION_MODEL",
];
/** Words of a recall question, repeated, never finished with "about me": the worst case. */
const HOSTILE_MESSAGE = "what you know ".repeat(600).slice(0, 8_000);
/** Far above a page load on a busy machine (tens of ms), far below a frozen server (minutes). */
const PAGE_LOAD_BOUND_MS = 10_000;

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({
    port: RELIABILITY_PORTS.app,
    hostname: "127.0.0.1",
    pgliteDir: ".data/reliability-redos-pglite",
    chatBaseUrl: "",
    extractionBaseUrl: "",
    unsetEnv: OFFLINE_MODEL_ENV,
    env: { ...RELIABILITY_ENV },
  });
});

afterAll(async () => {
  // SIGKILL: a server stuck in a regex never gets to run its SIGTERM handler.
  await server?.stop("SIGKILL");
});

test("a page is served while an 8,000-character message is being answered", async () => {
  const user = await createHttpUser(server.url, "redos");
  expect(HOSTILE_MESSAGE).toHaveLength(8_000);

  const reply = user.chat(randomUUID(), HOSTILE_MESSAGE);
  // Give the chat request a head start so the page load arrives while it is processed.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const tooLate = new Promise<string>((resolve) =>
    setTimeout(() => resolve(`no answer within ${PAGE_LOAD_BOUND_MS} ms`), PAGE_LOAD_BOUND_MS),
  );
  const page = await Promise.race([
    fetch(`${server.url}/login`).then((response) => response.status),
    tooLate,
  ]);
  expect(page).toBe(200);

  const result = await reply;
  expect(result.status).toBe(200);
  expect(result.errorText).toBeNull();
  expect(result.text).toContain("You said:");
});
