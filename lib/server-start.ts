/** What the server process does once at start (called from instrumentation.ts). */
import "server-only";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { startExtractionWorker } from "@/lib/jobs/extraction-worker";

export async function startServer(): Promise<void> {
  const env = getEnv();
  if (!env.AUTH_SECRET && process.env.NODE_ENV === "production") {
    throw new Error(
      "AUTH_SECRET is not set: generate one with `npx auth secret` or `openssl rand -base64 32`.",
    );
  }
  await getDb();
  startExtractionWorker({ intervalMs: env.EXTRACTION_WORKER_INTERVAL_MS });
}
