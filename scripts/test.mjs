// `npm test`: every check a change must pass, in order of speed — typecheck, lint, unit,
// integration (PGlite, plus Postgres when TEST_DATABASE_URL is set), the memory-quality eval on
// the offline model (its regression guard; on a fresh Postgres database when TEST_DATABASE_URL
// is set), e2e on the production build, then the reliability suite on that same build. Each
// runner prints its own summary; the run fails if any step failed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { failedTests } from "./test-failures.mjs";

// Each runner also writes a JSON report here, so the summary can name the tests that failed.
const reportDir = ".test-summary";
const vitestReport = (name) => [
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${reportDir}/${name}.json`,
];

const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["lint", "npx", ["biome", "check", "."]],
  ["unit", "npx", ["vitest", "run", "--project", "unit", ...vitestReport("unit")]],
  [
    "integration",
    "npx",
    ["vitest", "run", "--project", "integration", ...vitestReport("integration")],
  ],
  [
    "eval",
    "npm",
    [
      "run",
      "eval",
      "--",
      "--model",
      "offline",
      ...(process.env.TEST_DATABASE_URL ? ["--database-url", process.env.TEST_DATABASE_URL] : []),
    ],
  ],
  ["e2e", "npx", ["playwright", "test"]],
  // After e2e, which builds the app: the reliability suite reuses that build.
  [
    "reliability",
    "npx",
    ["vitest", "run", "--project", "reliability", ...vitestReport("reliability")],
  ],
];

const only = process.argv.slice(2);
const nodeVersion = spawnSync("node", ["--version"], { encoding: "utf8" }).stdout.trim();
console.log(`node ${process.version} (on PATH: ${nodeVersion})`);
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  PLAYWRIGHT_JSON_OUTPUT_FILE: `${reportDir}/e2e.json`,
};
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });
const results = [];

for (const [name, command, args] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: "inherit", env });
  const report = `${reportDir}/${name}.json`;
  const failures = existsSync(report) ? failedTests(JSON.parse(readFileSync(report, "utf8"))) : [];
  results.push({
    name,
    ok: status === 0,
    seconds: ((Date.now() - started) / 1000).toFixed(1),
    failures,
  });
}

console.log("\n=== summary");
for (const { name, ok, seconds, failures } of results) {
  console.log(`${ok ? "ok  " : "FAIL"} ${name} (${seconds} s)`);
  for (const failure of ok ? [] : failures) console.log(`       ✗ ${failure}`);
}
const failed = results.filter((result) => !result.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
