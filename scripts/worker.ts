/**
 * `npm run worker`: runs extraction jobs (and the purge of forgotten memories) in a process of
 * its own, from the same queue as the web servers — pair it with EXTRACTION_WORKER=off on them,
 * so replies never share an event loop with extraction. Reads the environment, `.env` and
 * `.env.local` as `next start` does. Any number may run; SIGTERM or Ctrl-C ends the jobs in
 * hand first (a killed worker's jobs are taken over when their lease runs out).
 */
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });

const { getEnv } = await import("@/lib/env");
let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
if (!env.DATABASE_URL) {
  // Two processes on one PGlite folder silently lose rows: there the server runs the worker.
  console.error(
    "npm run worker needs Postgres (DATABASE_URL). With the embedded database, extraction runs inside the server.",
  );
  process.exit(2);
}

const { getDb } = await import("@/lib/db/client");
const { getBus } = await import("@/lib/events/process-bus");
const { startExtractionWorker, stopExtractionWorker } = await import(
  "@/lib/jobs/extraction-worker"
);
const { startPurgeWorker, stopPurgeWorker } = await import("@/lib/jobs/purge-worker");

const db = await getDb();
await getBus();
startExtractionWorker({ intervalMs: env.EXTRACTION_WORKER_INTERVAL_MS });
startPurgeWorker({ undoSeconds: env.MEMORY_UNDO_SECONDS });
console.log(`[worker] running extraction jobs (pid ${process.pid})`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing the jobs in hand`);
  stopPurgeWorker();
  await stopExtractionWorker();
  await (await getBus()).close();
  await db.$close();
  process.exit(0);
};
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
