// `npm test`: every check a change must pass, in order of speed — typecheck, lint, unit,
// integration (PGlite, plus Postgres when TEST_DATABASE_URL is set), e2e on the production
// build, then the reliability suite on that same build. Each runner prints its own summary;
// the run fails if any step failed.
import { spawnSync } from "node:child_process";

const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["lint", "npx", ["biome", "check", "."]],
  ["unit", "npx", ["vitest", "run", "--project", "unit"]],
  ["integration", "npx", ["vitest", "run", "--project", "integration"]],
  ["e2e", "npx", ["playwright", "test"]],
  // After e2e, which builds the app: the reliability suite reuses that build.
  ["reliability", "npx", ["vitest", "run", "--project", "reliability"]],
];

const only = process.argv.slice(2);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const results = [];

for (const [name, command, args] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: "inherit", env });
  results.push({ name, ok: status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) });
}

console.log("\n=== summary");
for (const { name, ok, seconds } of results) {
  console.log(`${ok ? "ok  " : "FAIL"} ${name} (${seconds} s)`);
}
const failed = results.filter((result) => !result.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
