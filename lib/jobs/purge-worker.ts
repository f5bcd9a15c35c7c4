/**
 * The purge job: forgotten and deleted memories are kept for Undo in `forgotten_memories`, each
 * row carrying the time its undo window ends. This loop, in every server process, deletes the
 * rows whose time has passed. The rows are the job's durable state — a restart, a crash or a
 * second instance changes nothing (each run takes the rows no other run has locked) — so a
 * forgotten memory is purged within one interval of its window's end, whatever happened meanwhile.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import { purgeExpiredForgotten } from "@/lib/memory/forget";
import { loggableError } from "@/lib/observability/log-error";

const BATCH_SIZE = 100;
const MIN_INTERVAL_MS = 1_000;
const MAX_INTERVAL_MS = 60_000;

type PurgeState = { timer?: NodeJS.Timeout; stopped: boolean };
const globalForPurge = globalThis as unknown as { ingatPurgeWorker?: PurgeState };

/** How often to look: a quarter of the undo window, between one second and one minute. */
export function purgeIntervalMs(undoSeconds: number): number {
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, (undoSeconds * 1000) / 4));
}

export function startPurgeWorker({ undoSeconds }: { undoSeconds: number }): void {
  if (globalForPurge.ingatPurgeWorker) return;
  const state: PurgeState = { stopped: false };
  globalForPurge.ingatPurgeWorker = state;
  const intervalMs = purgeIntervalMs(undoSeconds);

  const tick = async () => {
    let purged = 0;
    try {
      purged = await purgeExpiredForgotten(await getDb(), { limit: BATCH_SIZE });
    } catch (error) {
      console.error("[purge-worker]", loggableError(error));
    }
    if (state.stopped) return;
    state.timer = setTimeout(tick, purged === BATCH_SIZE ? 0 : intervalMs);
    state.timer.unref();
  };
  void tick();
}

export function stopPurgeWorker(): void {
  const state = globalForPurge.ingatPurgeWorker;
  if (!state) return;
  state.stopped = true;
  clearTimeout(state.timer);
  globalForPurge.ingatPurgeWorker = undefined;
}
