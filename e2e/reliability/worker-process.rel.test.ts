/**
 * Extraction in a process of its own: a web server with EXTRACTION_WORKER=off and `npm run
 * worker` beside it on one Postgres database. The server only queues and wakes; the worker runs
 * the job and the server's chat hears it settled. A worker killed mid-job loses nothing: the
 * next worker takes the job over when its lease runs out. Postgres only.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MockOpenAIClient } from "@/e2e/mock-openai/client";
import { type MockOpenAIServer, startMockOpenAI } from "@/e2e/mock-openai/server";
import { type AppServer, startAppServer } from "@/e2e/support/app-server";
import { createHttpUser } from "@/e2e/support/http-session";
import { startWorkerProcess, type WorkerProcess } from "@/e2e/support/worker-process";
import { openPostgres } from "@/lib/db/open";
import { createFreshPostgresDatabase } from "@/scripts/lib/fresh-database.mjs";
import {
  extractionMatch,
  getJson,
  letters,
  memoriesOf,
  pollUntil,
  queryRows,
  RELIABILITY_ENV,
  RELIABILITY_PORTS,
  scriptExtraction,
  settledTurn,
} from "./support";

const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.log(
    "worker-process: skipped — needs Postgres (set TEST_DATABASE_URL); with PGlite extraction runs inside the server",
  );
}

// A lease just above the call's time limit: a killed worker's job is taken over within seconds.
const ENV = {
  ...RELIABILITY_ENV,
  EXTRACTION_WORKER: "off",
  EXTRACTION_TIMEOUT_MS: "6000",
  EXTRACTION_LEASE_SECONDS: "8",
};

describe.skipIf(!adminUrl)("extraction in its own process (npm run worker)", () => {
  let mocks: MockOpenAIServer[] = [];
  let server: AppServer;
  let databaseUrl: string;
  const workers: WorkerProcess[] = [];
  let extractionMock: MockOpenAIClient;
  const options = () => ({
    databaseUrl,
    chatBaseUrl: `${mocks[0]?.url}/v1`,
    extractionBaseUrl: `${mocks[1]?.url}/v1`,
    env: ENV,
  });

  beforeAll(async () => {
    mocks = [
      await startMockOpenAI({ port: RELIABILITY_PORTS.chatMock }),
      await startMockOpenAI({ port: RELIABILITY_PORTS.extractionMock }),
    ];
    extractionMock = new MockOpenAIClient(mocks[1]?.url ?? "");
    databaseUrl = await createFreshPostgresDatabase(adminUrl ?? "", "ingat_rel");
    server = await startAppServer({
      port: RELIABILITY_PORTS.app,
      hostname: "127.0.0.1",
      ...options(),
    });
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop("SIGKILL")));
    await server?.stop();
    await Promise.all(mocks.map((mock) => mock.close()));
  });

  const preference = (topic: string) => ({
    type: "interest" as const,
    category: "hobbies",
    topic,
    detail: `collects ${topic} stamps`,
    confidence_score: 0.95,
    source_text: `I collect ${topic} stamps`,
    explicit: false,
  });

  test("the server queues the job and runs none itself; the worker runs it", async () => {
    const user = await createHttpUser(server.url, "worker");
    const topic = letters();
    const text = `I collect ${topic} stamps, it is my favourite hobby.`;
    await scriptExtraction(extractionMock, text, [preference(topic)]);
    const reply = await user.chat(randomUUID(), text, { memory: true });
    expect(reply.errorText).toBeNull();
    // No worker yet: the turn waits in the queue, however long.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const waiting = await getJson<{ status: string }>(
      user,
      `/api/memory-updates/${reply.assistantMessageId}`,
    );
    expect(waiting.status).toBe("pending");
    expect(await extractionMock.requests({ kind: "extraction" })).toEqual([]);

    workers.push(await startWorkerProcess(options()));
    const updates = await settledTurn(user, reply.assistantMessageId ?? "");
    expect(updates.status).toBe("done");
    expect((await memoriesOf(user)).map((memory) => memory.topic)).toEqual([topic]);
    console.log(
      `worker-process: the server ran 0 jobs in 2 s; worker pid ${workers[0]?.pid} ran the queued one`,
    );
  });

  test("a worker killed mid-job loses no turn: the next worker finishes it", async () => {
    const user = await createHttpUser(server.url, "killed");
    const topic = letters();
    const text = `I collect ${topic} stamps, it is my favourite hobby.`;
    // The first call hangs until the worker is killed; the retry answers.
    await extractionMock.addRule({
      match: extractionMatch(text),
      kind: "extraction",
      once: true,
      delayMs: 30_000,
      response: { type: "json", body: { preferences: [], forget: [] } },
    });
    await scriptExtraction(extractionMock, text, [preference(topic)]);
    const reply = await user.chat(randomUUID(), text, { memory: true });
    expect(reply.errorText).toBeNull();
    await pollUntil(
      () => extractionMock.requests({ kind: "extraction" }),
      (requests) =>
        requests.some((r) => r.outcome === "pending" && JSON.stringify(r.messages).includes(topic)),
      { timeoutMs: 20_000, intervalMs: 50, what: "the worker to be calling the extraction model" },
    );
    await workers[0]?.stop("SIGKILL");
    workers.push(await startWorkerProcess(options()));

    const updates = await settledTurn(user, reply.assistantMessageId ?? "");
    expect(updates.status).toBe("done");
    expect((await memoriesOf(user)).map((memory) => memory.topic)).toEqual([topic]);
    const db = await openPostgres(databaseUrl, { max: 1 });
    const [job] = await queryRows<{ attempts: number }>(
      db,
      sql`select attempts from extraction_jobs where assistant_message_id = ${reply.assistantMessageId}`,
    ).finally(() => db.$close());
    expect(job?.attempts).toBe(2);
    console.log(
      `worker-process kill -9: job cut on the killed worker, finished by the next one (attempts ${job?.attempts}), 0 turns lost`,
    );
  });
});
