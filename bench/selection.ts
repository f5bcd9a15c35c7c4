/**
 * `npm run bench:selection`: memory selection for the prompt alone, in-process, for users
 * holding 100 … 10,000 memories, on PGlite (in memory, or `--pglite-dir DIR`) or on a fresh
 * Postgres database (BENCH_DATABASE_URL or TEST_DATABASE_URL). The full `npm run bench` runs the
 * same measurement beside the reply-path figures; this one takes seconds, for profiling.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { type Database, openPglite, openPostgres } from "@/lib/db/open";
import { createFreshPostgresDatabase } from "@/scripts/lib/fresh-database.mjs";
import { createAccounts, seedMemories, timeMemorySelection } from "./seed";
import { round, summarize } from "./stats";

/**
 * CPU milliseconds spent so far by this process and, on a local Postgres, by this database's
 * server processes (read from /proc, 10 ms ticks: only totals are meaningful). On a busy
 * machine wall-clock percentiles mostly measure the queue for a core; CPU time does not.
 */
function cpuMs(backendPids: number[]): number {
  const own = process.cpuUsage();
  let server = 0;
  for (const pid of backendPids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      server += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // not a local server, or the connection was replaced: counted as zero
    }
  }
  return (own.user + own.system) / 1000 + server;
}

async function backendPidsOf(db: Database): Promise<number[]> {
  if (db.$kind !== "postgres") return [];
  const result = await db.execute(
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    pid: number;
  }[];
  return rows.map((row) => Number(row.pid));
}

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,1000,10000" },
    iterations: { type: "string", default: "200" },
    "pglite-dir": { type: "string" },
    postgres: { type: "boolean", default: false },
  },
});
const TARGET_P95_MS = 10;

async function open(): Promise<Database> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (args.postgres) {
    if (!adminUrl) throw new Error("--postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL");
    return openPostgres(await createFreshPostgresDatabase(adminUrl, "ingat_bench"));
  }
  return openPglite(args["pglite-dir"]);
}

const db = await open();
try {
  for (const count of args.sizes.split(",").map(Number)) {
    const [holder] = await createAccounts(db, 1, `holder${count}`);
    if (!holder) throw new Error("no account");
    await seedMemories(db, holder.id, count);
    await timeMemorySelection(db, holder.id, 20); // warm-up
    const iterations = Number(args.iterations);
    const pids = await backendPidsOf(db);
    const cpuBefore = cpuMs(pids);
    const summary = summarize(await timeMemorySelection(db, holder.id, iterations));
    const cpuPerSelection = (cpuMs(pids) - cpuBefore) / iterations;
    const verdict = summary.p95 <= TARGET_P95_MS ? "met" : "MISSED";
    console.log(
      `${db.$kind} ${String(count).padStart(6)} memories: median ${round(summary.median, 2)} ms, p95 ${round(summary.p95, 2)} ms, CPU ${round(cpuPerSelection, 2)} ms a selection` +
        (count >= 10_000 ? ` (target p95 ≤ ${TARGET_P95_MS} ms: ${verdict})` : ""),
    );
  }
} finally {
  await db.$close();
}
