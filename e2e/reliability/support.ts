/**
 * The reliability suite's stack: two in-process mock OpenAI-compatible servers (chat and
 * extraction) and the production build of Ingat as a child process, on ports of its own, with a
 * fresh PGlite folder under .data/ — or a fresh database on the Postgres server named by
 * TEST_DATABASE_URL. Plus the helpers every file shares: letters-only markers, polling, and the
 * checks for "a 4xx with a message, never a 5xx or a stack trace".
 */
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import type { SQL } from "drizzle-orm";
import { MockOpenAIClient } from "@/e2e/mock-openai/client";
import { type MockOpenAIServer, startMockOpenAI } from "@/e2e/mock-openai/server";
import { type AppServer, startAppServer } from "@/e2e/support/app-server";
import type { ChatResult, HttpUser } from "@/e2e/support/http-session";
import { type Database, openPglite, openPostgres } from "@/lib/db/open";
import { createFreshPostgresDatabase } from "@/scripts/lib/fresh-database.mjs";

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** Ports of the suite (3500–3599 and 4050–4099 on the shared CI machine); override if taken. */
export const RELIABILITY_PORTS = {
  app: port("REL_APP_PORT", 3500),
  chatMock: port("REL_CHAT_MOCK_PORT", 4050),
  extractionMock: port("REL_EXTRACTION_MOCK_PORT", 4051),
} as const;

/**
 * Short leases (of a job, and of a chat by the reply being written in it), few attempts and a
 * 1 s back-off, so a crashed or failing job settles — and a crashed reply's chat takes a message
 * again — within seconds instead of minutes. Every other setting keeps its default.
 */
export const RELIABILITY_ENV = {
  CHAT_REPLY_LEASE_SECONDS: "3",
  EXTRACTION_TIMEOUT_MS: "2000",
  EXTRACTION_LEASE_SECONDS: "3",
  EXTRACTION_MAX_ATTEMPTS: "3",
  EXTRACTION_BACKOFF_BASE_SECONDS: "1",
  EXTRACTION_WORKER_INTERVAL_MS: "300",
} as const;

/** Builds the app once (`next build`) unless a build is there already. */
export function ensureBuild(): void {
  if (existsSync(".next/BUILD_ID")) return;
  console.log("reliability: no build found, running next build…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build failed");
}

export type StackOptions = {
  /** Extra server environment (on top of RELIABILITY_ENV). */
  env?: Record<string, string>;
  chatFirstTokenDelayMs?: number;
  chatTokenDelayMs?: number;
  extractionDelayMs?: number;
};

export type Stack = {
  readonly url: string;
  readonly databaseKind: "pglite" | "postgres";
  chatMock: MockOpenAIClient;
  extractionMock: MockOpenAIClient;
  /** The app's output so far (for failure messages). */
  appOutput(): string;
  /** kill -9 (or another signal) the server and wait until it has exited. */
  stopApp(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same data. */
  restartApp(): Promise<void>;
  /** Takes the chat endpoint off the network (connections refused), or back on. */
  stopChatMock(): Promise<void>;
  startChatMock(): Promise<void>;
  /**
   * Reads the database directly. On PGlite only once the server has exited: two processes on
   * one PGlite folder silently corrupt it.
   */
  withDatabase<T>(read: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export async function startStack(name: string, options: StackOptions = {}): Promise<Stack> {
  const chatMockOptions = {
    port: RELIABILITY_PORTS.chatMock,
    firstTokenDelayMs: options.chatFirstTokenDelayMs ?? 0,
    tokenDelayMs: options.chatTokenDelayMs ?? 0,
  };
  let chatMockServer: MockOpenAIServer | null = await startMockOpenAI(chatMockOptions);
  const extractionMockServer = await startMockOpenAI({
    port: RELIABILITY_PORTS.extractionMock,
    extractionDelayMs: options.extractionDelayMs ?? 0,
  });

  const adminUrl = process.env.TEST_DATABASE_URL;
  const databaseUrl = adminUrl ? await createFreshPostgresDatabase(adminUrl, "ingat_rel") : null;
  const pgliteDir = `.data/reliability-${name}-pglite`;
  const storage = databaseUrl ? { databaseUrl } : { pgliteDir };

  let app: AppServer | null = null;
  let running = false;
  const startOptions = {
    port: RELIABILITY_PORTS.app,
    hostname: "127.0.0.1",
    ...storage,
    chatBaseUrl: `${chatMockServer.url}/v1`,
    extractionBaseUrl: `${extractionMockServer.url}/v1`,
    env: { ...RELIABILITY_ENV, ...options.env },
  };
  try {
    app = await startAppServer(startOptions);
    running = true;
  } catch (error) {
    await chatMockServer.close();
    await extractionMockServer.close();
    throw error;
  }

  const stack: Stack = {
    url: app.url,
    databaseKind: databaseUrl ? "postgres" : "pglite",
    chatMock: new MockOpenAIClient(chatMockServer.url),
    extractionMock: new MockOpenAIClient(extractionMockServer.url),
    appOutput: () => app?.output() ?? "",
    async stopApp(signal = "SIGTERM") {
      await app?.stop(signal);
      running = false;
    },
    async restartApp() {
      if (running) await app?.stop("SIGTERM");
      app = await startAppServer({ ...startOptions, keepData: true });
      running = true;
    },
    async stopChatMock() {
      await chatMockServer?.close();
      chatMockServer = null;
    },
    async startChatMock() {
      chatMockServer ??= await startMockOpenAI(chatMockOptions);
    },
    async withDatabase(read) {
      if (!databaseUrl && running) {
        throw new Error("stop the server before opening its PGlite folder");
      }
      const db = databaseUrl
        ? await openPostgres(databaseUrl, { max: 2 })
        : await openPglite(pgliteDir);
      try {
        return await read(db);
      } finally {
        await db.$close();
      }
    },
    async close() {
      if (running) await app?.stop("SIGTERM");
      running = false;
      await chatMockServer?.close();
      await extractionMockServer.close();
      if (databaseUrl && adminUrl) await dropDatabase(adminUrl, databaseUrl);
      else rmSync(pgliteDir, { recursive: true, force: true });
    },
  };
  return stack;
}

async function dropDatabase(adminUrl: string, databaseUrl: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const name = new URL(databaseUrl).pathname.slice(1);
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

/**
 * A marker of lower-case letters only: digits or dashes could look like a secret (ID numbers,
 * tokens) and be refused as memories.
 */
export function letters(length = 10): string {
  return Array.from({ length }, () =>
    String.fromCharCode(97 + Math.floor(Math.random() * 26)),
  ).join("");
}

/**
 * Sends like `user.chat`, again while the chat is still taken (409) by a reply that a killed
 * server was writing — until that reply's lease runs out.
 */
export async function chatOnceFree(
  user: HttpUser,
  chatId: string,
  text: string,
  options: { messageId?: string } = {},
  timeoutMs = 20_000,
): Promise<ChatResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await user.chat(chatId, text, options);
    if (result.status !== 409 || Date.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Calls `read` until `done` says yes, or fails with the last value after `timeoutMs`. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 30_000, intervalMs = 250, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Runs `work` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await work(items[index] as T, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Signs of internals leaking to a client: stack frames, source paths, driver errors. */
const LEAK_PATTERNS: RegExp[] = [
  /\n\s+at\s+\S+/,
  /\bat\s+[\w.<>]+\s+\([^)]*:\d+:\d+\)/,
  /node_modules/,
  /\/work\//,
  /\.(?:ts|tsx|js|mjs):\d+/,
  /PostgresError|DrizzleQueryError|Failed query|syntax error at or near|ZodError/i,
];

export function leaksInternals(body: string): string | null {
  const match = LEAK_PATTERNS.find((pattern) => pattern.test(body));
  return match ? String(match) : null;
}

export type ErrorBody = { error: { code: string; message: string; field?: string } };

/** Parses `{ error: { code, message } }`, or null when the body is not that shape. */
export function parseErrorBody(body: string): ErrorBody | null {
  try {
    const json = JSON.parse(body) as Partial<ErrorBody>;
    if (
      json.error &&
      typeof json.error.code === "string" &&
      typeof json.error.message === "string" &&
      json.error.message.trim() !== ""
    ) {
      return json as ErrorBody;
    }
  } catch {
    // not JSON
  }
  return null;
}

/** One answered request, kept for the file's count summary and its failure messages. */
export type Exchange = { label: string; status: number; body: string };

/** Sends a request as `user` (or anonymously when null) and records status and body. */
export async function exchange(
  target: { user: HttpUser | null; baseUrl: string },
  label: string,
  path: string,
  init: RequestInit = {},
): Promise<Exchange> {
  const response = target.user
    ? await target.user.fetch(path, init)
    : await fetch(`${target.baseUrl}${path}`, init);
  return { label, status: response.status, body: await response.text() };
}

export const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

/**
 * The mock rule `match` for one turn's extraction request: the turn block carries the user
 * message JSON-encoded right after `{"user_message":`, so this never matches a later turn that
 * merely lists this one as earlier context or its topic as an existing memory key.
 */
export function extractionMatch(userText: string): string {
  return `{"user_message":${JSON.stringify(userText)},`;
}

export type ExtractedPreference = {
  type: "fact" | "interest" | "goal" | "dislike";
  category: string;
  topic: string;
  detail: string;
  confidence_score: number;
  source_text: string;
  explicit: boolean;
};

/** Scripts what the extraction endpoint answers for the turn whose user message is `userText`. */
export async function scriptExtraction(
  mock: MockOpenAIClient,
  userText: string,
  preferences: ExtractedPreference[],
  forget: { category: string; topic: string; source_text: string }[] = [],
): Promise<void> {
  await mock.addRule({
    match: extractionMatch(userText),
    kind: "extraction",
    response: { type: "json", body: { preferences, forget } },
  });
}

/** GET as `user` and parse JSON, failing loudly on anything but 200. */
export async function getJson<T>(user: HttpUser, path: string): Promise<T> {
  const response = await user.fetch(path);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${body}`);
  return JSON.parse(body) as T;
}

export type TurnUpdates = { status: string; error?: string; changes: { topic: string }[] };

/** Waits until the extraction of the turn answered by `assistantMessageId` has settled. */
export function settledTurn(user: HttpUser, assistantMessageId: string, timeoutMs = 40_000) {
  return pollUntil(
    () => getJson<TurnUpdates>(user, `/api/memory-updates/${assistantMessageId}`),
    (updates) => ["done", "failed", "skipped"].includes(updates.status),
    { timeoutMs, what: `extraction of turn ${assistantMessageId}` },
  );
}

export type ApiMemory = {
  id: string;
  type: string;
  category: string;
  topic: string;
  detail: string;
  status: string;
  source: string;
  chat_id: string | null;
  message_id: string | null;
};

export async function memoriesOf(user: HttpUser): Promise<ApiMemory[]> {
  const { memories } = await getJson<{ memories: ApiMemory[] }>(user, "/api/memories?limit=100");
  return memories;
}

/** Lines the server logs for an unexpected (500) error in a route. */
export function unexpectedErrorsIn(output: string): string[] {
  return output.split("\n").filter((line) => line.includes("[api] unexpected error"));
}

/** Rows of a raw query on either driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
