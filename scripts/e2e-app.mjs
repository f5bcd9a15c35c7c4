// Builds Ingat and serves the production build for the e2e tests: its own PGlite folder, or a
// fresh database on the server named by TEST_DATABASE_URL, and both model roles pointed at the
// mock OpenAI-compatible servers that Playwright starts beside it.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createFreshPostgresDatabase } from "./lib/fresh-database.mjs";

// Same variables and defaults as e2e/support/ports.ts.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const CHAT_MOCK = `http://127.0.0.1:${process.env.E2E_CHAT_MOCK_PORT ?? 4010}/v1`;
const EXTRACTION_MOCK = `http://127.0.0.1:${process.env.E2E_EXTRACTION_MOCK_PORT ?? 4011}/v1`;
const next = "node_modules/next/dist/bin/next";

const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: "e2e-secret-not-for-production-0123456789abcdef",
  AUTH_TRUST_HOST: "true",
  OPENAI_BASE_URL: CHAT_MOCK,
  OPENAI_API_KEY: "mock-chat-key",
  CHAT_MODEL: "mock-chat",
  EXTRACTION_BASE_URL: EXTRACTION_MOCK,
  EXTRACTION_API_KEY: "mock-extraction-key",
  EXTRACTION_MODEL: "mock-extraction",
  EXTRACTION_WORKER_INTERVAL_MS: "1000",
  // e2e/support/memory-page.ts seeds inferred memories through chat turns: 0.7 and up is active.
  MEMORY_AUTO_ACCEPT_CONFIDENCE: "0.7",
  // A failing extraction gives up within seconds, so the chat's "Couldn't update memory" shows.
  EXTRACTION_MAX_ATTEMPTS: "2",
  EXTRACTION_BACKOFF_BASE_SECONDS: "1",
  CHAT_RATE_LIMIT_PER_MINUTE: "1000",
  // Every test user registers, signs in and writes memories from this one machine; the limit
  // per account email keeps its default (e2e/auth-limits.spec.ts reaches it).
  SIGN_UP_LIMIT_PER_ADDRESS: "100000",
  SIGN_IN_LIMIT_PER_ADDRESS: "100000",
  MEMORY_WRITE_RATE_LIMIT_PER_MINUTE: "100000",
};
delete env.DATABASE_URL;

// Tests that check rows no page shows read the database through this file (e2e/support/database.ts).
const DATABASE_URL_FILE = `.data/e2e-${APP_PORT}-database-url`;
rmSync(DATABASE_URL_FILE, { force: true });

if (process.env.TEST_DATABASE_URL) {
  env.DATABASE_URL = await createFreshPostgresDatabase(process.env.TEST_DATABASE_URL, "ingat_e2e");
  mkdirSync(".data", { recursive: true });
  writeFileSync(DATABASE_URL_FILE, env.DATABASE_URL);
  console.log("e2e: database on the Postgres server");
} else {
  env.PGLITE_DIR = `.data/e2e-pglite-${APP_PORT}`;
  rmSync(env.PGLITE_DIR, { recursive: true, force: true });
  console.log(`e2e: PGlite in ${env.PGLITE_DIR}`);
}

if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync("node", [next, "build"], { env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The same idle keep-alive timeout as `npm start` (see the README's Decisions).
const server = spawn(
  "node",
  [next, "start", "-p", String(APP_PORT), "--keepAliveTimeout", "65000"],
  { env, stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code) => process.exit(code ?? 0));
