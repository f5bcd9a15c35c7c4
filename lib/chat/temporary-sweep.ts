/**
 * The server's sweep of temporary chats. The browser deletes a temporary chat when the user
 * leaves it; this catches the ones whose tab never could (a crash, a closed laptop): on start
 * and then every half hour, it deletes those created more than a day minus one interval ago, so
 * none outlives 24 hours.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import { deleteStaleTemporaryChats, TEMPORARY_CHAT_MAX_AGE_MS } from "@/lib/db/queries/chats";

const SWEEP_INTERVAL_MS = 30 * 60 * 1000;

const globalForSweep = globalThis as unknown as { ingatTemporarySweep?: NodeJS.Timeout };

export async function sweepTemporaryChats(now = new Date()): Promise<number> {
  const createdBefore = new Date(now.getTime() - TEMPORARY_CHAT_MAX_AGE_MS + SWEEP_INTERVAL_MS);
  return deleteStaleTemporaryChats(await getDb(), { createdBefore });
}

export function startTemporaryChatSweep(): void {
  if (globalForSweep.ingatTemporarySweep) return;
  const run = () =>
    sweepTemporaryChats().catch((error) =>
      console.error("[temporary-chats] sweep failed:", error instanceof Error ? error.name : error),
    );
  void run();
  globalForSweep.ingatTemporarySweep = setInterval(run, SWEEP_INTERVAL_MS);
  globalForSweep.ingatTemporarySweep.unref();
}
