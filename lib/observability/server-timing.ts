/**
 * Durations of the steps before a reply's first token, sent as a `Server-Timing` header so the
 * bench (and the browser's network panel) can see where the app's overhead goes. Only step
 * names and milliseconds: nothing about the user or the request.
 */
export type ServerTiming = {
  /** Records the time since the previous mark (or since creation) under `name`. */
  mark(name: string): void;
  header(): string;
};

export function startServerTiming(): ServerTiming {
  const steps: [string, number][] = [];
  let last = performance.now();
  return {
    mark(name) {
      const now = performance.now();
      steps.push([name, now - last]);
      last = now;
    },
    header() {
      return steps.map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`).join(", ");
    },
  };
}

/** Parses a `Server-Timing` header back into `{ name: ms }`. */
export function parseServerTiming(header: string | null): Record<string, number> {
  const timings: Record<string, number> = {};
  for (const entry of header?.split(",") ?? []) {
    const [name, ...params] = entry.trim().split(";");
    const duration = params.find((param) => param.trim().startsWith("dur="));
    if (name && duration) timings[name] = Number(duration.trim().slice(4));
  }
  return timings;
}
