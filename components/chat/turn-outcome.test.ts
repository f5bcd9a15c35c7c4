import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatEventsListener, SubscribeChatEvents } from "./chat-events-source";
import { pollDelays, type TurnOutcome, watchTurnOutcome } from "./turn-outcome";

const outcome = (status: TurnOutcome["status"]): TurnOutcome => ({
  status,
  changes: [],
  forgotten: [],
});

describe("watchTurnOutcome", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("backs off: delays grow from 1 s, are capped at 10 s and end within two minutes", () => {
    const delays = pollDelays();
    expect(delays[0]).toBe(1000);
    for (let i = 1; i < delays.length; i += 1) {
      expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
      expect(delays[i]).toBeLessThanOrEqual(10_000);
    }
    expect(delays.reduce((sum, delay) => sum + delay, 0)).toBeLessThanOrEqual(120_000);
    // Never twice a second: over the first 10 s at most 5 polls.
    let time = 0;
    let polls = 0;
    for (const delay of delays) {
      time += delay;
      if (time <= 10_000) polls += 1;
    }
    expect(polls).toBeLessThanOrEqual(5);
  });

  it("stops once the outcome is settled", async () => {
    const answers = [outcome("pending"), outcome("running"), outcome("done")];
    const fetchImpl = vi.fn(async () => Response.json(answers.shift() ?? outcome("done")));
    const seen: string[] = [];
    watchTurnOutcome("m1", (next) => seen.push(next.status), { fetchImpl });
    await vi.advanceTimersByTimeAsync(200_000);
    expect(seen).toEqual(["pending", "running", "done"]);
    expect(fetchImpl).toHaveBeenCalledTimes(3);
  });

  it("keeps going through 404s and errors, and gives up after two minutes", async () => {
    const fetchImpl = vi.fn(async () => new Response("{}", { status: 404 }));
    watchTurnOutcome("m1", () => {}, { fetchImpl });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(fetchImpl.mock.calls.length).toBe(pollDelays().length);
    expect(fetchImpl.mock.calls.length).toBeLessThan(30);
  });

  it("stops when asked", async () => {
    const fetchImpl = vi.fn(async () => Response.json(outcome("pending")));
    const stop = watchTurnOutcome("m1", () => {}, { fetchImpl });
    await vi.advanceTimersByTimeAsync(1500);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });
});

describe("watchTurnOutcome with the chat's event stream", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const fakeStream = () => {
    let listener: ChatEventsListener | undefined;
    let subscribed = 0;
    const subscribe: SubscribeChatEvents = (next) => {
      listener = next;
      subscribed += 1;
      return () => {
        listener = undefined;
      };
    };
    return {
      subscribe,
      get listener() {
        return listener;
      },
      get subscribed() {
        return subscribed;
      },
    };
  };

  it("reads once when the stream is ready and once when the job settles — no polling", async () => {
    const answers = [outcome("pending"), outcome("done")];
    const fetchImpl = vi.fn(async () => Response.json(answers.shift() ?? outcome("done")));
    const stream = fakeStream();
    const seen: string[] = [];
    watchTurnOutcome("m1", (next) => seen.push(next.status), {
      fetchImpl,
      subscribe: stream.subscribe,
    });
    stream.listener?.ready();
    await vi.advanceTimersByTimeAsync(8_000); // polling would have read 4 times by now
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    stream.listener?.settled("another-turn");
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    stream.listener?.settled("m1");
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(["pending", "done"]);
    expect(stream.listener).toBeUndefined(); // settled: the watch left the stream
    await vi.advanceTimersByTimeAsync(200_000);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it("a job settled before the stream was listening is read when it is ready", async () => {
    const fetchImpl = vi.fn(async () => Response.json(outcome("done")));
    const stream = fakeStream();
    const seen: string[] = [];
    watchTurnOutcome("m1", (next) => seen.push(next.status), {
      fetchImpl,
      subscribe: stream.subscribe,
    });
    stream.listener?.ready();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(["done"]);
  });

  it("falls back to back-off polling when the stream fails", async () => {
    const answers = [outcome("pending"), outcome("pending"), outcome("done")];
    const fetchImpl = vi.fn(async () => Response.json(answers.shift() ?? outcome("done")));
    const stream = fakeStream();
    const seen: string[] = [];
    watchTurnOutcome("m1", (next) => seen.push(next.status), {
      fetchImpl,
      subscribe: stream.subscribe,
    });
    stream.listener?.failed();
    await vi.advanceTimersByTimeAsync(200_000);
    expect(seen).toEqual(["pending", "pending", "done"]);
  });

  it("reads now and then while the stream is up, in case a notification was lost", async () => {
    const fetchImpl = vi.fn(async () => Response.json(outcome("pending")));
    const stream = fakeStream();
    watchTurnOutcome("m1", () => {}, { fetchImpl, subscribe: stream.subscribe });
    stream.listener?.ready();
    await vi.advanceTimersByTimeAsync(60_000);
    // ready + one read per 15 s: far fewer than the polling's, and it ends at two minutes.
    expect(fetchImpl.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(fetchImpl.mock.calls.length).toBeLessThanOrEqual(5);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(fetchImpl.mock.calls.length).toBeLessThanOrEqual(9);
  });
});
