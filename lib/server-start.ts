/** What the server process does once at start (called from instrumentation.ts). */
import "server-only";
import { startClientRateLimitSweep } from "@/lib/auth/throttle";
import { startTemporaryChatSweep } from "@/lib/chat/temporary-sweep";
import { getDb } from "@/lib/db/client";
import { PgliteFolderInUseError } from "@/lib/db/pglite-lock";
import { getEnv } from "@/lib/env";
import { startExtractionWorker } from "@/lib/jobs/extraction-worker";
import { startPurgeWorker } from "@/lib/jobs/purge-worker";
import { ignoreClientForwardedFor } from "@/lib/runtime/forwarded-for";

export async function startServer(): Promise<void> {
  const env = getEnv();
  if (!env.AUTH_SECRET && process.env.NODE_ENV === "production") {
    throw new Error(
      "AUTH_SECRET is not set: generate one with `npx auth secret` or `openssl rand -base64 32`.",
    );
  }
  if (env.TRUST_PROXY === 0) ignoreClientForwardedFor();
  try {
    await getDb();
  } catch (error) {
    // Next would log it with a stack trace and keep serving pages that cannot reach the data.
    if (error instanceof PgliteFolderInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // With EXTRACTION_WORKER=off the web server only queues jobs; `npm run worker` runs them.
  if (env.EXTRACTION_WORKER === "inline") {
    startExtractionWorker({ intervalMs: env.EXTRACTION_WORKER_INTERVAL_MS });
  }
  startPurgeWorker({ undoSeconds: env.MEMORY_UNDO_SECONDS });
  startTemporaryChatSweep();
  startClientRateLimitSweep(getDb);
}
