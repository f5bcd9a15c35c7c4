/**
 * The worker loop, inside the web server (the default) or in its own process (`npm run
 * worker`): it claims extraction jobs that `after()` did not finish (a crash, a restart, a
 * failed attempt waiting for its back-off, a web server with EXTRACTION_WORKER=off) and runs
 * them. It wakes when a job is queued (the bus) and otherwise looks every interval, as a
 * backstop for a notification that never arrived. Any number of processes may run one.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import { getBus } from "@/lib/events/process-bus";
import { loggableError } from "@/lib/observability/log-error";
import { claimDueJobs } from "./extraction-queue";
import { runAndAnnounce } from "./run-extraction";

const BATCH_SIZE = 5;

type WorkerState = {
  timer?: NodeJS.Timeout;
  stopped: boolean;
  /** The pass in progress, if any. */
  running?: Promise<void>;
  /** A job was queued during the pass: look again as soon as it ends. */
  wokenMeanwhile: boolean;
  unsubscribe?: () => void;
};
const globalForWorker = globalThis as unknown as { ingatExtractionWorker?: WorkerState };

export function startExtractionWorker({ intervalMs }: { intervalMs: number }): void {
  if (globalForWorker.ingatExtractionWorker) return;
  const state: WorkerState = { stopped: false, wokenMeanwhile: false };
  globalForWorker.ingatExtractionWorker = state;

  const pass = async (): Promise<number> => {
    try {
      const db = await getDb();
      const jobs = await claimDueJobs(db, BATCH_SIZE);
      await Promise.all(jobs.map((job) => runAndAnnounce(db, job)));
      return jobs.length;
    } catch (error) {
      console.error("[extraction-worker]", loggableError(error));
      return 0;
    }
  };
  const tick = () => {
    if (state.stopped || state.running) {
      state.wokenMeanwhile = true;
      return;
    }
    clearTimeout(state.timer);
    state.wokenMeanwhile = false;
    state.running = pass().then((claimed) => {
      state.running = undefined;
      if (state.stopped) return;
      // A full batch means more may be waiting: go again at once.
      const again = claimed === BATCH_SIZE || state.wokenMeanwhile;
      state.timer = setTimeout(tick, again ? 0 : intervalMs);
      state.timer.unref();
    });
  };
  void getBus()
    .then((bus) => {
      if (state.stopped) return;
      state.unsubscribe = bus.subscribe((event) => {
        if (event.type === "job-queued") tick();
      });
    })
    .catch((error: unknown) => {
      console.error("[extraction-worker] no bus, polling only:", (error as Error).message);
    });
  tick();
}

/** Stops the loop; resolves once the pass in progress (if any) has ended. */
export async function stopExtractionWorker(): Promise<void> {
  const state = globalForWorker.ingatExtractionWorker;
  if (!state) return;
  state.stopped = true;
  clearTimeout(state.timer);
  state.unsubscribe?.();
  globalForWorker.ingatExtractionWorker = undefined;
  await state.running;
}
