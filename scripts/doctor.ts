/**
 * `npm run doctor`: checks the configured chat and extraction endpoints (from the environment,
 * `.env` and `.env.local`, as `next start` reads them) and prints a table with what to change.
 * Exit code 0 when every check passed, 1 when one failed, 2 when the configuration is invalid.
 *   npm run doctor                  # the table
 *   npm run doctor -- --json        # the same result as JSON
 *   npm run doctor -- --timeout 20  # seconds per network step (default 60)
 */
import { parseArgs } from "node:util";
import nextEnv from "@next/env";

const { values } = parseArgs({
  options: { json: { type: "boolean" }, timeout: { type: "string" } },
});
nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });

const { getEnv } = await import("@/lib/env");
const { runDoctor } = await import("@/lib/ai/doctor");
const { formatDoctorReport } = await import("@/lib/ai/doctor-report");

let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const timeoutSeconds = Number(values.timeout ?? 60);
const report = await runDoctor({
  env,
  timeoutMs: Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds * 1000 : 60_000,
});
console.log(values.json ? JSON.stringify(report, null, 2) : formatDoctorReport(report));
process.exit(report.ok ? 0 : 1);
