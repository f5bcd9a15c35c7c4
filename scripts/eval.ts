/**
 * `npm run eval`: measures memory quality on labelled conversations (eval/README.md). Every case
 * runs through the real pipeline — prompt, extraction model, write gate, conflict rule, rows —
 * on an in-memory PGlite (or a fresh database on a Postgres server with --database-url), on the
 * offline model unless `--model configured`. Prints the tables, writes eval/results/*.json and,
 * on the shipped datasets with the offline model, fails below eval/thresholds.json.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { endpointFor, getModel } from "@/lib/ai/providers";
import { type Database, openPglite, openPostgres } from "@/lib/db/open";
import { parseEnv } from "@/lib/env";
import { type Dataset, DatasetError, parseBackground, parseDataset } from "@/lib/eval/dataset";
import {
  extractionFailures,
  extractionTables,
  listLines,
  retrievalFailures,
  retrievalTables,
  violationTable,
} from "@/lib/eval/report";
import { runEval } from "@/lib/eval/runner";
import { checkThresholds, parseThresholds } from "@/lib/eval/thresholds";
import { embedderFromEnv } from "@/lib/memory/embeddings";
import { createFreshPostgresDatabase } from "@/scripts/lib/fresh-database.mjs";

const USAGE = `usage: npm run eval -- [options]
  --model offline|configured  the offline model (default), or the extraction endpoint of the
                              environment / .env.local (EXTRACTION_* or OPENAI_* variables)
  --dataset FILE              run this JSON Lines file instead of eval/cases/*.jsonl (repeatable)
  --only TEXT                 only cases whose id contains TEXT (repeatable)
  --tag TAG                   only cases with this tag (repeatable)
  --out NAME                  name of the results file in eval/results/ (default: time and model)
  --concurrency N             cases in flight at once (default 1 offline, 4 configured)
  --database-url URL          run on a fresh database on this Postgres server instead of PGlite
  --fresh-db                  a new in-memory PGlite for every case (slow: about a second each)
  --no-check                  do not apply eval/thresholds.json
  --verbose                   list every failing case (default: the first 40 of each kind)`;

const EVAL_DIR = path.join(process.cwd(), "eval");
const CASES_DIR = path.join(EVAL_DIR, "cases");
const BACKGROUND_FILE = path.join(EVAL_DIR, "background-memories.jsonl");
const THRESHOLDS_FILE = path.join(EVAL_DIR, "thresholds.json");
const RESULTS_DIR = path.join(EVAL_DIR, "results");
const ENDPOINT_VARIABLES = [
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "EXTRACTION_API_KEY",
  "EXTRACTION_BASE_URL",
];

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values: args } = (() => {
  try {
    return parseArgs({
      options: {
        model: { type: "string", default: "offline" },
        dataset: { type: "string", multiple: true },
        only: { type: "string", multiple: true },
        tag: { type: "string", multiple: true },
        out: { type: "string" },
        concurrency: { type: "string" },
        "database-url": { type: "string" },
        "fresh-db": { type: "boolean", default: false },
        "no-check": { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
      strict: true,
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
})();
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

// The model is chosen through the environment, before anything reads it.
if (args.model === "offline") {
  for (const name of ENDPOINT_VARIABLES) delete process.env[name];
} else if (args.model === "configured") {
  for (const file of [".env.local", ".env"]) {
    if (existsSync(file)) process.loadEnvFile(file); // never overrides what is already set
  }
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    fail((error as Error).message);
  }
  if (!endpointFor("extraction", env)) {
    fail(
      "--model configured: no extraction endpoint is configured. Set EXTRACTION_BASE_URL and " +
        "EXTRACTION_MODEL (and EXTRACTION_API_KEY if the server needs one), or OPENAI_*.",
    );
  }
} else {
  fail(`--model must be "offline" or "configured", not "${args.model}"`);
}
const concurrency = Number(args.concurrency ?? (args.model === "offline" ? 1 : 4));
if (!Number.isInteger(concurrency) || concurrency < 1)
  fail("--concurrency must be a whole number ≥ 1");
if (args["fresh-db"] && args["database-url"]) fail("--fresh-db only applies to PGlite");

function loadDatasets(): Dataset[] {
  const files =
    args.dataset ??
    readdirSync(CASES_DIR)
      .filter((name) => name.endsWith(".jsonl"))
      .sort()
      .map((name) => path.join(CASES_DIR, name));
  const keep = <C extends { id: string; tags: string[] }>(cases: C[]) =>
    cases.filter(
      (evalCase) =>
        (!args.only || args.only.some((text) => evalCase.id.includes(text))) &&
        (!args.tag || args.tag.some((tag) => evalCase.tags.includes(tag))),
    );
  return files.map((file) => {
    if (!existsSync(file)) fail(`No such dataset: ${file}`);
    const dataset = parseDataset(readFileSync(file, "utf8"), path.relative(process.cwd(), file));
    return { ...dataset, extraction: keep(dataset.extraction), retrieval: keep(dataset.retrieval) };
  });
}

/** Where the cases run: one in-memory PGlite (or one per case), or a fresh Postgres database. */
async function openEvalDatabase(): Promise<{
  database: Database | (() => Promise<Database>);
  where: string;
  close: () => Promise<void>;
}> {
  if (args["fresh-db"]) {
    return {
      database: () => openPglite(undefined),
      where: "a new PGlite per case",
      close: async () => {},
    };
  }
  const serverUrl = args["database-url"];
  if (!serverUrl) {
    const db = await openPglite(undefined);
    return { database: db, where: "PGlite in memory", close: () => db.$close() };
  }
  const url = await createFreshPostgresDatabase(serverUrl, "ingat_eval");
  const name = new URL(url).pathname.slice(1);
  const { default: postgres } = await import("postgres");
  const onServer = async (statement: string) => {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(statement);
    } finally {
      await admin.end();
    }
  };
  // A throwaway database: waiting for each commit to reach the disk only makes the run slower.
  await onServer(`alter database "${name}" set synchronous_commit = off`);
  const db = await openPostgres(url, { max: Math.max(2, concurrency) });
  return {
    database: db,
    where: `Postgres database ${name}`,
    close: async () => {
      await db.$close();
      await onServer(`drop database if exists "${name}" with (force)`);
    },
  };
}

async function main(): Promise<number> {
  let datasets: Dataset[];
  try {
    datasets = loadDatasets();
  } catch (error) {
    if (error instanceof DatasetError) fail(`Invalid dataset:\n${error.message}`);
    throw error;
  }
  const background = parseBackground(
    readFileSync(BACKGROUND_FILE, "utf8"),
    path.relative(process.cwd(), BACKGROUND_FILE),
  );
  const model = getModel("extraction");
  const embedder = embedderFromEnv();
  const database = await openEvalDatabase();
  const counts = {
    extraction: datasets.reduce((sum, dataset) => sum + dataset.extraction.length, 0),
    retrieval: datasets.reduce((sum, dataset) => sum + dataset.retrieval.length, 0),
  };
  console.log(
    `Ingat eval: model ${model.modelId}${model.offline ? " (offline)" : ""}; ` +
      `${counts.extraction} extraction and ${counts.retrieval} retrieval cases from ` +
      `${datasets.map((dataset) => dataset.file).join(", ")}; ${database.where}; ` +
      (embedder ? `embeddings ${embedder.modelId}` : "no embedding model"),
  );

  const started = performance.now();
  const startedAt = new Date();
  const total = counts.extraction + counts.retrieval;
  const step = Math.max(25, Math.ceil(total / 10));
  let result: Awaited<ReturnType<typeof runEval>>;
  try {
    result = await runEval({
      datasets,
      background,
      database: database.database,
      concurrency,
      embedder,
      onProgress: (done) => {
        if (done % step === 0 && done < total) console.log(`  … ${done}/${total} cases`);
      },
    });
  } finally {
    await database.close();
  }
  const seconds = (performance.now() - started) / 1000;

  const limit = args.verbose ? Number.POSITIVE_INFINITY : 40;
  const extractionFailing = extractionFailures(result.extraction.scores);
  const retrievalFailing = retrievalFailures(result.retrieval.scores);
  console.log(`\nExtraction (${counts.extraction} cases)\n`);
  console.log(extractionTables(result.extraction.metrics));
  console.log(`\n${violationTable(result.extraction.scores)}`);
  if (extractionFailing.length > 0) {
    console.log(`\nFailing extraction cases (${extractionFailing.length}):`);
    console.log(listLines(extractionFailing, limit));
  }
  if (counts.retrieval > 0) {
    console.log(
      `\nRetrieval: relevant memories in the prompt (${result.retrieval.scores.length} cases)\n`,
    );
    console.log(retrievalTables(result.retrieval.metrics));
    if (retrievalFailing.length > 0) {
      console.log(`\nFailing retrieval cases (${retrievalFailing.length}):`);
      console.log(listLines(retrievalFailing, limit));
    }
    const { skipped } = result.retrieval;
    if (skipped.length > 0) {
      console.log(
        `\nSkipped ${skipped.length} semantic retrieval cases (set EMBEDDING_MODEL to run them): ${skipped.join(", ")}`,
      );
    }
  }

  // The guard is for the shipped datasets on the offline model: other runs only measure.
  const guarded = !args["no-check"] && model.offline && !args.dataset && !args.only && !args.tag;
  const thresholds = parseThresholds(readFileSync(THRESHOLDS_FILE, "utf8"));
  const failures = guarded
    ? checkThresholds(thresholds, {
        extraction: result.extraction.metrics,
        retrieval: result.retrieval.metrics,
      })
    : [];

  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  const name = args.out ?? `${stamp}-${model.modelId.replace(/[^\w.-]+/g, "_")}`;
  const file = path.join(RESULTS_DIR, name.endsWith(".json") ? name : `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        version: 1,
        startedAt: startedAt.toISOString(),
        seconds: Math.round(seconds * 10) / 10,
        model: { id: model.modelId, offline: model.offline },
        embeddingModel: embedder?.modelId ?? null,
        datasets: datasets.map((dataset) => dataset.file),
        database: database.where,
        guard: { applied: guarded, thresholds: guarded ? thresholds : null, failures },
        extraction: result.extraction,
        retrieval: result.retrieval,
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `\n${total} cases in ${seconds.toFixed(1)} s; results in ${path.relative(process.cwd(), file)}`,
  );

  if (!guarded) return 0;
  if (failures.length === 0) {
    console.log("Regression guard (eval/thresholds.json): ok");
    return 0;
  }
  console.log("Regression guard (eval/thresholds.json) FAILED:");
  for (const failure of failures) console.log(`  ${failure}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
