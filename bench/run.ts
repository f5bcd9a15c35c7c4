/**
 * `npm run bench`: side by side in one run, against the production build
 * and the mock model (fixed first-token delay, steady token pace):
 *   1. time to first/last token through the app vs directly from the mock, at several
 *      concurrencies (each request from a different signed-in user);
 *   2. the same with extraction on vs off, the extraction endpoint slowed to 2 s a call;
 *   3. memory selection for the prompt and GET /api/memories for users holding 100 … 10,000
 *      memories.
 * Prints one table with medians, p95 and ratios, and writes the figures to bench/results/.
 * `--quick` is the short mode CI runs. Timing lives here, never in tests.
 */

import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { MockOpenAIClient } from "@/e2e/mock-openai/client";
import { startMockOpenAI } from "@/e2e/mock-openai/server";
import { startAppServer } from "@/e2e/support/app-server";
import { type ChatResult, type HttpUser, signInHttpUser } from "@/e2e/support/http-session";
import { startWorkerProcess } from "@/e2e/support/worker-process";
import { type Database, openPglite, openPostgres } from "@/lib/db/open";
import { createFreshPostgresDatabase } from "@/scripts/lib/fresh-database.mjs";
import { cpuAvailable, processTreeCpuMs } from "./cpu";
import { streamDirect } from "./direct";
import { buildFloor, chatFloor, type FloorServer, startFloor } from "./floor";
import { BENCH_PASSWORD, createAccounts, seedMemories, timeMemorySelection } from "./seed";
import { round, type Summary, summarize } from "./stats";

const quick = process.argv.includes("--quick");
const CONFIG = {
  appPort: 3200,
  floorPort: 3202,
  webOnlyPort: 3204,
  firstTokenDelayMs: 200,
  tokenDelayMs: 5,
  extractionDelayMs: 2000,
  concurrencies: quick ? [1, 10] : [1, 10, 50],
  samplesPerLevel: quick ? 20 : 60,
  extractionRounds: quick ? 4 : 10,
  memorySizes: quick ? [100, 1000] : [100, 1000, 10_000],
  selectionIterations: quick ? 50 : 200,
  listIterations: quick ? 20 : 50,
};
const TARGETS = {
  overheadMedianMs: 5,
  overheadP95Ms: 25,
  extractionRatio: 1.02,
  selectionP95Ms: 10,
  // Against the floor app, at 10 and 50 concurrent.
  floorOverheadRatio: 1.5,
  floorCpuRatioMemoryOn: 1.5,
  floorCpuRatioMemoryOff: 1.25,
};

/** The test servers' settings a production server does not have: the worker's short interval. */
const PRODUCTION_DEFAULTS = { unsetEnv: ["EXTRACTION_WORKER_INTERVAL_MS"] };

type Row = { metric: string; median: number; p95: number; note: string };
const rows: Row[] = [];
const results: Record<string, unknown> = {
  config: CONFIG,
  targets: TARGETS,
  startedAt: new Date().toISOString(),
};

function addRow(metric: string, summary: Summary, note = "") {
  rows.push({ metric, median: round(summary.median), p95: round(summary.p95), note });
  results[metric] = {
    ...summary,
    median: round(summary.median, 2),
    p95: round(summary.p95, 2),
    mean: round(summary.mean, 2),
  };
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) {
    console.log("bench: building the app (next build)…");
    const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error("next build failed");
  }
  buildFloor();
  const chatMock = await startMockOpenAI({
    port: 0,
    firstTokenDelayMs: CONFIG.firstTokenDelayMs,
    tokenDelayMs: CONFIG.tokenDelayMs,
  });
  const extractionMock = await startMockOpenAI({
    port: 0,
    extractionDelayMs: CONFIG.extractionDelayMs,
  });

  const maxUsers = Math.max(...CONFIG.concurrencies);
  const storage = await prepareDatabase(maxUsers);
  const server = await startAppServer({
    port: CONFIG.appPort,
    ...PRODUCTION_DEFAULTS,
    ...storage.location,
    keepData: true,
    chatBaseUrl: `${chatMock.url}/v1`,
    extractionBaseUrl: `${extractionMock.url}/v1`,
    // The bench reads the app's own step durations from this header.
    env: { SERVER_TIMING: "1" },
    // BENCH_CPU_PROF=<folder>: the server writes a V8 CPU profile there when the bench ends.
    nodeArgs: process.env.BENCH_CPU_PROF
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : undefined,
  });
  const floor = await startFloor(CONFIG.floorPort, `${chatMock.url}/v1`);
  try {
    const chatters = await Promise.all(
      storage.chatters.map((account) => signInHttpUser(server.url, account.email, BENCH_PASSWORD)),
    );
    const holders = await Promise.all(
      storage.holders.map((holder) => signInHttpUser(server.url, holder.email, BENCH_PASSWORD)),
    );
    await Promise.all(chatters.map((user) => setMemory(user, false)));
    // JIT, caches, connections
    await Promise.all(
      chatters.map((user) => user.chat(randomUUID(), "warm-up", { memory: false })),
    );
    await Promise.all(chatters.map((_, i) => chatFloor(floor.url, `warm-up ${i}`)));
    // …and the memory-on path (its reads, the job, the extraction call), settled before timing.
    await Promise.all(chatters.map((user) => setMemory(user, true)));
    await Promise.all(
      chatters.map((user) => user.chat(randomUUID(), "I live in Bandung", { memory: true })),
    );
    await Promise.all(chatters.map((user) => setMemory(user, false)));
    await new Promise((resolve) => setTimeout(resolve, CONFIG.extractionDelayMs + 1500));

    const chatLog = new MockOpenAIClient(chatMock.url);
    const sides = { app: server, floor };
    for (const concurrency of CONFIG.concurrencies) {
      await measureReplyLatency(
        chatters.slice(0, concurrency),
        concurrency,
        chatMock.url,
        chatLog,
        sides,
      );
      await measureCpuWithMemoryOn(chatters.slice(0, concurrency), concurrency, server.pid);
    }
    await measureExtractionOnOff(chatters.slice(0, 10));
    await measureMemoryList(
      holders,
      storage.holders.map((holder) => holder.count),
    );

    if (storage.location.databaseUrl) {
      // Alone on the database: the first server's own extraction would take the worker's jobs.
      await server.stop();
      await measureWithWorkerProcess(storage.location.databaseUrl, storage.chatters, {
        chatBaseUrl: `${chatMock.url}/v1`,
        extractionBaseUrl: `${extractionMock.url}/v1`,
      });
    }
  } finally {
    await floor.stop();
    await server.stop();
    await chatMock.close();
    await extractionMock.close();
  }
  report();
}

async function prepareDatabase(chatterCount: number) {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const location = adminUrl
    ? { databaseUrl: await createFreshPostgresDatabase(adminUrl, "ingat_bench") }
    : { pgliteDir: ".data/bench-pglite" };
  results.database = adminUrl ? "postgres" : "pglite";
  if (location.pgliteDir) {
    const { rmSync } = await import("node:fs");
    rmSync(location.pgliteDir, { recursive: true, force: true });
  }
  const db: Database = location.databaseUrl
    ? await openPostgres(location.databaseUrl)
    : await openPglite(location.pgliteDir);
  try {
    const chatters = await createAccounts(db, chatterCount, "chatter");
    const holders = [];
    for (const count of CONFIG.memorySizes) {
      const [holder] = await createAccounts(db, 1, `holder${count}`);
      if (!holder) throw new Error("no account");
      await seedMemories(db, holder.id, count);
      await timeMemorySelection(db, holder.id, 10); // warm-up
      const samples = await timeMemorySelection(db, holder.id, CONFIG.selectionIterations);
      const summary = summarize(samples);
      addRow(
        `memory selection, ${count} memories (in-process)`,
        summary,
        count === 10_000 || count === Math.max(...CONFIG.memorySizes)
          ? `target p95 ≤ ${TARGETS.selectionP95Ms} ms: ${summary.p95 <= TARGETS.selectionP95Ms ? "met" : "MISSED"}`
          : "",
      );
      holders.push({ ...holder, count });
    }
    return { location, chatters, holders };
  } finally {
    await db.$close();
  }
}

async function setMemory(user: HttpUser, enabled: boolean) {
  const response = await user.fetch("/api/settings/memory", {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ enabled }),
  });
  if (!response.ok) throw new Error(`memory switch failed: ${response.status}`);
}

async function measureReplyLatency(
  users: HttpUser[],
  concurrency: number,
  mockUrl: string,
  mockLog: MockOpenAIClient,
  servers: { app: { pid: number }; floor: FloorServer },
) {
  const mockBaseUrl = `${mockUrl}/v1`;
  await mockLog.reset();
  const rounds = Math.max(1, Math.ceil(CONFIG.samplesPerLevel / concurrency));
  const app = { first: [] as number[], total: [] as number[], cpuMs: 0 };
  const direct = { first: [] as number[], total: [] as number[], cpuMs: 0 };
  const floor = { first: [] as number[], total: [] as number[], cpuMs: 0 };
  const steps: Record<string, number>[] = [];
  const appResults: ChatResult[] = [];
  const orders = [
    ["direct", "app", "floor"],
    ["floor", "direct", "app"],
    ["app", "floor", "direct"],
  ] as const;
  for (let round = 0; round < rounds; round++) {
    // Rotate which side goes first so drift hurts none of them.
    for (const side of orders[round % orders.length] ?? orders[0]) {
      const pid = side === "app" ? servers.app.pid : side === "floor" ? servers.floor.pid : 0;
      const cpuBefore = pid ? processTreeCpuMs(pid) : 0;
      const outcomes = await Promise.all(
        users.map((user, i) =>
          side === "app"
            ? user.chat(randomUUID(), `bench message ${round}-${i}`, { memory: false })
            : side === "floor"
              ? chatFloor(servers.floor.url, `floor bench message ${round}-${i}`)
              : streamDirect(mockBaseUrl, `direct bench message ${round}-${i}`),
        ),
      );
      const target = side === "app" ? app : side === "floor" ? floor : direct;
      if (pid) target.cpuMs += processTreeCpuMs(pid) - cpuBefore;
      for (const outcome of outcomes) {
        if (outcome.firstTokenMs === null) throw new Error(`${side}: a reply had no token`);
        if ("serverTiming" in outcome) {
          steps.push((outcome as ChatResult).serverTiming);
          appResults.push(outcome as ChatResult);
        }
        target.first.push(outcome.firstTokenMs);
        target.total.push(outcome.totalMs);
      }
    }
  }
  addFloorRows(concurrency, { app, direct, floor });
  const appFirst = summarize(app.first);
  const directFirst = summarize(direct.first);
  addRow(`first token, direct from mock, ${concurrency} concurrent`, directFirst);
  addRow(
    `first token, through the app, ${concurrency} concurrent`,
    appFirst,
    `ratio ${round(appFirst.median / directFirst.median, 3)}`,
  );
  const overhead = {
    median: appFirst.median - directFirst.median,
    p95: appFirst.p95 - directFirst.p95,
  };
  const met = overhead.median <= TARGETS.overheadMedianMs && overhead.p95 <= TARGETS.overheadP95Ms;
  addRow(
    `app overhead to first token, ${concurrency} concurrent`,
    {
      n: appFirst.n,
      median: overhead.median,
      p95: overhead.p95,
      mean: appFirst.mean - directFirst.mean,
    },
    concurrency === 50
      ? `target ≤ ${TARGETS.overheadMedianMs} ms median, ≤ ${TARGETS.overheadP95Ms} ms p95: ${met ? "met" : "MISSED"}`
      : "",
  );
  addRow(
    `  of which server steps before streaming, ${concurrency} concurrent`,
    summarize(steps.map((step) => Object.values(step).reduce((sum, ms) => sum + ms, 0))),
    Object.keys(steps[0] ?? {})
      .map((name) => `${name} ${round(summarize(steps.map((step) => step[name] ?? 0)).median)}`)
      .join(", "),
  );
  await addModelCallSplit(appResults, mockLog, concurrency);
  addRow(`last token, direct from mock, ${concurrency} concurrent`, summarize(direct.total));
  addRow(`last token, through the app, ${concurrency} concurrent`, summarize(app.total));
}

/** Ingat against the floor app: overhead to first token and CPU per reply, with their ratios. */
function addFloorRows(
  concurrency: number,
  sides: Record<"app" | "direct" | "floor", { first: number[]; cpuMs: number }>,
) {
  const direct = summarize(sides.direct.first);
  const floor = summarize(sides.floor.first);
  const app = summarize(sides.app.first);
  const floorOverhead = floor.median - direct.median;
  const appOverhead = app.median - direct.median;
  addRow(`floor overhead to first token, ${concurrency} concurrent`, {
    n: floor.n,
    median: floorOverhead,
    p95: floor.p95 - direct.p95,
    mean: floor.mean - direct.mean,
  });
  const overheadRatio = appOverhead / Math.max(floorOverhead, 0.1);
  rows.push({
    metric: `Ingat / floor overhead to first token, ${concurrency} concurrent`,
    median: round(overheadRatio, 2),
    p95: Number.NaN,
    note: floorVerdict(concurrency, overheadRatio, TARGETS.floorOverheadRatio),
  });
  results[`floor overhead ratio ${concurrency}`] = overheadRatio;
  if (!cpuAvailable()) return;
  const floorCpu = sides.floor.cpuMs / sides.floor.first.length;
  const appCpu = sides.app.cpuMs / sides.app.first.length;
  cpuPerReply.set(concurrency, { floor: floorCpu, memoryOff: appCpu });
  rows.push({
    metric: `CPU ms per reply, floor, ${concurrency} concurrent`,
    median: round(floorCpu),
    p95: Number.NaN,
    note: "",
  });
  const ratio = appCpu / floorCpu;
  rows.push({
    metric: `CPU ms per reply, Ingat memory off, ${concurrency} concurrent`,
    median: round(appCpu),
    p95: Number.NaN,
    note: timesFloor(concurrency, ratio, TARGETS.floorCpuRatioMemoryOff),
  });
}

/**
 * The floor targets hold at 10 and 50 concurrent on Postgres. On PGlite the database runs inside
 * the server process (WebAssembly, one connection), so its own work counts as the server's CPU
 * and time, which a floor without a database never pays: printed, not judged.
 */
function floorVerdict(concurrency: number, ratio: number, target: number): string {
  if (concurrency < 10) return "";
  if (results.database !== "postgres") {
    return "PGlite: the database's work is in this process; judged on Postgres";
  }
  return `target ≤ ${target}: ${ratio <= target ? "met" : "MISSED"}`;
}

/** "× floor 1.16, target ≤ 1.5: met" */
function timesFloor(concurrency: number, ratio: number, target: number): string {
  const verdict = floorVerdict(concurrency, ratio, target);
  return `× floor ${round(ratio, 2)}${verdict ? `, ${verdict}` : ""}`;
}

const cpuPerReply = new Map<number, { floor: number; memoryOff: number }>();

/**
 * CPU per reply with memory on: the reply, the extraction job after it and its writes, measured
 * over the same concurrency as the reply latency and until the last job has had time to settle.
 */
async function measureCpuWithMemoryOn(users: HttpUser[], concurrency: number, pid: number) {
  const floor = cpuPerReply.get(concurrency)?.floor;
  if (!cpuAvailable() || floor === undefined) return;
  await Promise.all(users.map((user) => setMemory(user, true)));
  const rounds = Math.max(1, Math.ceil(CONFIG.samplesPerLevel / concurrency / 2));
  const before = processTreeCpuMs(pid);
  for (let round = 0; round < rounds; round++) {
    await Promise.all(
      users.map((user, i) =>
        user.chat(randomUUID(), `I live in Bandung and I sail ${round} ${i}`, { memory: true }),
      ),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, CONFIG.extractionDelayMs + 1500));
  const perReply = (processTreeCpuMs(pid) - before) / (rounds * users.length);
  await Promise.all(users.map((user) => setMemory(user, false)));
  const ratio = perReply / floor;
  rows.push({
    metric: `CPU ms per reply, Ingat memory on, ${concurrency} concurrent`,
    median: round(perReply),
    p95: Number.NaN,
    note: `${timesFloor(concurrency, ratio, TARGETS.floorCpuRatioMemoryOn)}, includes its extraction job`,
  });
}

/**
 * The set-up for several instances: a web server with EXTRACTION_WORKER=off on the same
 * database and `npm run worker` beside it. CPU per reply with memory on, for the web server (the
 * reply path: reads, saves, the queued job) and for the worker (the extraction job), apart.
 */
async function measureWithWorkerProcess(
  databaseUrl: string,
  accounts: { email: string }[],
  models: { chatBaseUrl: string; extractionBaseUrl: string },
) {
  if (!cpuAvailable()) return;
  const options = {
    databaseUrl,
    ...models,
    ...PRODUCTION_DEFAULTS,
    env: { EXTRACTION_WORKER: "off" },
  };
  const web = await startAppServer({ port: CONFIG.webOnlyPort, keepData: true, ...options });
  const worker = await startWorkerProcess(options);
  try {
    const users = await Promise.all(
      accounts.map((account) => signInHttpUser(web.url, account.email, BENCH_PASSWORD)),
    );
    await Promise.all(users.map((user) => setMemory(user, true)));
    await Promise.all(users.map((user) => user.chat(randomUUID(), "warm-up", { memory: true })));
    for (const concurrency of CONFIG.concurrencies) {
      const floor = cpuPerReply.get(concurrency)?.floor;
      if (floor === undefined) continue;
      const group = users.slice(0, concurrency);
      const rounds = Math.max(1, Math.ceil(CONFIG.samplesPerLevel / concurrency / 2));
      const before = { web: processTreeCpuMs(web.pid), worker: processTreeCpuMs(worker.pid) };
      for (let round = 0; round < rounds; round++) {
        await Promise.all(
          group.map((user, i) =>
            user.chat(randomUUID(), `I live in Bandung and I sail ${round} ${i}`, { memory: true }),
          ),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, CONFIG.extractionDelayMs + 1500));
      const replies = rounds * group.length;
      const webCpu = (processTreeCpuMs(web.pid) - before.web) / replies;
      const workerCpu = (processTreeCpuMs(worker.pid) - before.worker) / replies;
      const ratio = webCpu / floor;
      rows.push({
        metric: `CPU ms per reply, Ingat memory on, web server (npm run worker), ${concurrency} concurrent`,
        median: round(webCpu),
        p95: Number.NaN,
        note: `${timesFloor(concurrency, ratio, TARGETS.floorCpuRatioMemoryOn)}; the worker: ${round(workerCpu)} ms a job`,
      });
      results[`worker mode ${concurrency}`] = { webCpu, workerCpu, ratio };
    }
  } finally {
    await worker.stop();
    await web.stop();
  }
}

/**
 * Splits the app's overhead at the model call, using the mock's request log (same clock, same
 * process): from sending the message to the model request arriving, and from the model's first
 * token (arrival + the fixed first-token delay) to the browser reading it.
 */
async function addModelCallSplit(
  appResults: ChatResult[],
  mockLog: MockOpenAIClient,
  concurrency: number,
) {
  const received = new Map<string, number>();
  for (const request of await mockLog.requests({ kind: "chat" })) {
    const last = request.messages.at(-1) as { content?: unknown } | undefined;
    if (typeof last?.content === "string") received.set(last.content, request.receivedAt);
  }
  const before: number[] = [];
  const after: number[] = [];
  for (const result of appResults) {
    const arrivedAt = received.get(result.sentText);
    if (arrivedAt === undefined || result.firstTokenMs === null) continue;
    before.push(arrivedAt - result.sentAt);
    after.push(result.sentAt + result.firstTokenMs - (arrivedAt + CONFIG.firstTokenDelayMs));
  }
  addRow(
    `  of which sending → model request arrives, ${concurrency} concurrent`,
    summarize(before),
  );
  addRow(
    `  of which model's first token → client reads it, ${concurrency} concurrent`,
    summarize(after),
  );
}

async function measureExtractionOnOff(users: HttpUser[]) {
  const on: number[] = [];
  const off: number[] = [];
  for (let round = 0; round < CONFIG.extractionRounds; round++) {
    for (const enabled of round % 2 === 0 ? [true, false] : [false, true]) {
      await Promise.all(users.map((user) => setMemory(user, enabled)));
      const outcomes = await Promise.all(
        users.map((user, i) =>
          user.chat(randomUUID(), `I live in Bandung and I love sailing ${round} ${i}`, {
            memory: enabled,
          }),
        ),
      );
      for (const outcome of outcomes) (enabled ? on : off).push(outcome.firstTokenMs ?? Number.NaN);
    }
  }
  await Promise.all(users.map((user) => setMemory(user, false)));
  const onSummary = summarize(on);
  const offSummary = summarize(off);
  addRow(`first token, extraction on (2 s endpoint), ${users.length} concurrent`, onSummary);
  addRow(`first token, extraction off, ${users.length} concurrent`, offSummary);
  const ratio = onSummary.median / offSummary.median;
  rows.push({
    metric: "extraction on/off first-token ratio (medians)",
    median: round(ratio, 3),
    p95: round(onSummary.p95 / offSummary.p95, 3),
    note: `target ≤ ${TARGETS.extractionRatio}: ${ratio <= TARGETS.extractionRatio ? "met" : "MISSED"}`,
  });
  results.extractionRatio = ratio;
}

async function measureMemoryList(holders: HttpUser[], counts: number[]) {
  for (const [index, holder] of holders.entries()) {
    const count = counts[index];
    for (const path of ["/api/memories?limit=50", "/api/memories?limit=50&q=sailing"]) {
      const samples: number[] = [];
      for (let i = 0; i < CONFIG.listIterations + 3; i++) {
        const started = performance.now();
        const response = await holder.fetch(path);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        if (i >= 3) samples.push(performance.now() - started);
      }
      addRow(`GET ${path}, ${count} memories`, summarize(samples));
    }
  }
}

function report() {
  const width = Math.max(...rows.map((row) => row.metric.length));
  const line = (metric: string, median: string, p95: string, note: string) =>
    `${metric.padEnd(width)}  ${median.padStart(9)}  ${p95.padStart(9)}  ${note}`;
  console.log(
    `\nIngat bench (${quick ? "quick" : "full"}, ${results.database}; mock first token ${CONFIG.firstTokenDelayMs} ms, ${CONFIG.tokenDelayMs} ms/token)`,
  );
  console.log(line("metric (ms unless a ratio)", "median", "p95", ""));
  for (const row of rows)
    console.log(
      line(row.metric, String(row.median), Number.isNaN(row.p95) ? "" : String(row.p95), row.note),
    );
  mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/${quick ? "quick" : "full"}-${results.database}.json`;
  writeFileSync(file, `${JSON.stringify({ ...results, rows }, null, 2)}\n`);
  console.log(`\nwritten to ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
