/**
 * CPU time (user + system) of a server process and its descendants, read from /proc. Sampled before
 * and after a batch of replies, it gives CPU ms per reply whatever else the machine is doing.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start after the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

export function cpuAvailable(): boolean {
  return stat(process.pid) !== null;
}

/** Milliseconds of CPU the process tree rooted at `pid` has used so far. */
export function processTreeCpuMs(pid: number): number {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    const id = Number(entry);
    if (!Number.isInteger(id)) continue;
    const info = stat(id);
    if (!info) continue;
    parents.set(id, info.ppid);
    ticks.set(id, info.ticks);
  }
  let total = 0;
  for (const [id, count] of ticks) {
    let cursor: number | undefined = id;
    while (cursor !== undefined && cursor > 1 && cursor !== pid) cursor = parents.get(cursor);
    if (cursor === pid) total += count;
  }
  return total * TICK_MS;
}
