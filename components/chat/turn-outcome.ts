/**
 * How the chat learns the outcome of a turn's memory extraction, which runs in the background
 * after the reply: the chat's event stream says when it has settled (on whichever instance or
 * worker ran it), and the notice then reads it from GET /api/memory-updates/:id. Should the
 * stream fail, polling takes over with a growing delay (1 s, then ×1.5 up to 10 s). Either way
 * the watch gives up after two minutes.
 */
import type { SubscribeChatEvents } from "./chat-events-source";

export type TurnMemoryChange = {
  memoryId: string;
  action: "created" | "updated" | "suggested";
  type: string;
  category: string;
  topic: string;
  detail: string;
  status: string;
};

export type TurnOutcome = {
  status: "none" | "pending" | "running" | "done" | "failed" | "skipped";
  changes: TurnMemoryChange[];
  forgotten: { category: string; topic: string }[];
  undone?: boolean;
};

export function isSettled(outcome: TurnOutcome): boolean {
  return ["done", "failed", "skipped", "none"].includes(outcome.status);
}

const FIRST_DELAY_MS = 1000;
const GROWTH = 1.5;
const MAX_DELAY_MS = 10_000;
const GIVE_UP_AFTER_MS = 120_000;
/** With the stream up, a read this often anyway: a notification can be lost in a reconnect. */
const BACKSTOP_MS = 15_000;

/** The waits between polls: growing, capped, and ending within the give-up time. */
export function pollDelays(): number[] {
  const delays: number[] = [];
  let total = 0;
  for (let delay = FIRST_DELAY_MS; total + delay <= GIVE_UP_AFTER_MS; ) {
    delays.push(delay);
    total += delay;
    delay = Math.min(MAX_DELAY_MS, Math.round(delay * GROWTH));
  }
  return delays;
}

/**
 * Calls `onOutcome` with each outcome learned for the turn until it is settled (or the watch
 * gives up). A 404 means the reply is not saved yet: the watch goes on. With `subscribe` (the
 * chat's event stream) it reads when told to; without it, or once the stream fails, it polls.
 * Returns a stop function.
 */
export function watchTurnOutcome(
  assistantMessageId: string,
  onOutcome: (outcome: TurnOutcome) => void,
  {
    fetchImpl = fetch,
    subscribe,
  }: { fetchImpl?: typeof fetch; subscribe?: SubscribeChatEvents } = {},
): () => void {
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe = () => {};
  const giveUp = setTimeout(() => finish(), GIVE_UP_AFTER_MS);
  const finish = () => {
    done = true;
    clearTimeout(timer);
    clearTimeout(giveUp);
    unsubscribe();
  };

  /** One read; true once the outcome is settled (the watch has then finished). */
  const read = async (): Promise<boolean> => {
    try {
      const response = await fetchImpl(`/api/memory-updates/${assistantMessageId}`);
      if (!response.ok || done) return false;
      const outcome = (await response.json()) as TurnOutcome;
      if (done) return false;
      onOutcome(outcome);
      if (isSettled(outcome)) finish();
      return isSettled(outcome);
    } catch {
      return false; // a dropped read is made again by the stream, the backstop or the poll
    }
  };

  const poll = () => {
    const delays = pollDelays();
    const next = () => {
      const delay = delays.shift();
      if (!done && delay !== undefined) {
        timer = setTimeout(async () => {
          if (!(await read())) next();
        }, delay);
      }
    };
    next();
  };

  if (!subscribe) {
    poll();
    return finish;
  }
  const backstop = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (!(await read()) && !done) backstop();
    }, BACKSTOP_MS);
  };
  unsubscribe = subscribe({
    ready: () => {
      if (!done) void read();
      if (!done) backstop();
    },
    settled: (id) => {
      if (id === assistantMessageId && !done) void read();
    },
    failed: () => {
      unsubscribe();
      unsubscribe = () => {};
      clearTimeout(timer);
      if (!done) poll();
    },
  });
  return finish;
}
