/**
 * The worker loop inside the server process: on start and then every interval it claims
 * extraction jobs that `after()` did not finish (a crash, a restart, a failed attempt waiting
 * for its back-off) and runs them. One loop per process; any number of processes may run one.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import { claimDueJobs } from "./extraction-queue";
import { runClaimedJob } from "./run-extraction";

const BATCH_SIZE = 5;

type WorkerState = { timer?: NodeJS.Timeout; stopped: boolean };
const globalForWorker = globalThis as unknown as { ingatExtractionWorker?: WorkerState };

export function startExtractionWorker({ intervalMs }: { intervalMs: number }): void {
  if (globalForWorker.ingatExtractionWorker) return;
  const state: WorkerState = { stopped: false };
  globalForWorker.ingatExtractionWorker = state;

  const tick = async () => {
    let claimed = 0;
    try {
      const db = await getDb();
      const jobs = await claimDueJobs(db, BATCH_SIZE);
      claimed = jobs.length;
      await Promise.all(jobs.map((job) => runClaimedJob(db, job)));
    } catch (error) {
      console.error("[extraction-worker]", error instanceof Error ? error.message : error);
    }
    if (state.stopped) return;
    // A full batch means more may be waiting: go again at once.
    state.timer = setTimeout(tick, claimed === BATCH_SIZE ? 0 : intervalMs);
    state.timer.unref();
  };
  void tick();
}

export function stopExtractionWorker(): void {
  const state = globalForWorker.ingatExtractionWorker;
  if (!state) return;
  state.stopped = true;
  clearTimeout(state.timer);
  globalForWorker.ingatExtractionWorker = undefined;
}
