/**
 * One eval run: every case of the datasets through the pipeline, scored and summed. A case that
 * throws is a failed case with its error, never the end of the run.
 */
import "server-only";
import type { Database } from "@/lib/db/open";
import type { Embedder } from "@/lib/memory/embeddings";
import type { Dataset, ExtractionCase, RetrievalCase, SeedMemory } from "./dataset";
import { runExtractionCase, runRetrievalCase } from "./pipeline";
import {
  type ExtractionMetrics,
  type ExtractionScore,
  extractionMetrics,
  type Grouped,
  groupMetrics,
  type RetrievalMetrics,
  type RetrievalScore,
  retrievalMetrics,
  scoreExtraction,
  scoreRetrieval,
} from "./score";

export type EvalRunOptions = {
  datasets: Dataset[];
  background: SeedMemory[];
  /**
   * The database every case shares (the caller closes it), or a function opening a database of
   * its own for each case (closed after the case).
   */
  database: Database | (() => Promise<Database>);
  /** Cases in flight at once (a remote model is slow; the offline one gains nothing). */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Semantic retrieval for the retrieval cases (EMBEDDING_MODEL). Without it, cases tagged
   * `semantic` — which no full-text search can pass — are skipped and listed as such.
   */
  embedder?: Embedder | null;
};

/** Retrieval cases that need meaning, not words: only run with an embedding model. */
export const SEMANTIC_TAG = "semantic";

export type EvalRunResult = {
  extraction: { scores: ExtractionScore[]; metrics: Grouped<ExtractionMetrics> };
  retrieval: {
    scores: RetrievalScore[];
    metrics: Grouped<RetrievalMetrics>;
    /** Ids of the cases not run (semantic ones without an embedding model). */
    skipped: string[];
  };
};

function describeThrown(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split("\n")[0]?.slice(0, 300) ?? "";
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the input order. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export async function runEval(options: EvalRunOptions): Promise<EvalRunResult> {
  const extractionCases = options.datasets.flatMap((dataset) => dataset.extraction);
  const embedder = options.embedder ?? null;
  const allRetrieval = options.datasets.flatMap((dataset) => dataset.retrieval);
  const runnable = (evalCase: RetrievalCase) => embedder || !evalCase.tags.includes(SEMANTIC_TAG);
  const retrievalCases = allRetrieval.filter(runnable);
  const skipped = allRetrieval.filter((evalCase) => !runnable(evalCase)).map(({ id }) => id);
  const total = extractionCases.length + retrievalCases.length;
  // Two days ago: every time a case uses (its memories "after" the turns too) is in the past,
  // so nothing the pipeline compares with the database clock lies in the future.
  const base = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  let done = 0;
  const { database } = options;

  const withDatabase = async <R>(work: (db: Database) => Promise<R>): Promise<R> => {
    const db = typeof database === "function" ? await database() : database;
    try {
      return await work(db);
    } finally {
      if (typeof database === "function") await db.$close();
      done += 1;
      options.onProgress?.(done, total);
    }
  };

  const extractionScores = await mapLimited(
    extractionCases,
    options.concurrency ?? 1,
    (evalCase: ExtractionCase) =>
      withDatabase(async (db) => {
        try {
          return scoreExtraction(evalCase, await runExtractionCase(db, evalCase, base));
        } catch (error) {
          const errors = [`the case could not run: ${describeThrown(error)}`];
          return scoreExtraction(evalCase, { seeded: [], final: [], errors });
        }
      }),
  );
  const retrievalScores = await mapLimited(
    retrievalCases,
    options.concurrency ?? 1,
    (evalCase: RetrievalCase) =>
      withDatabase(async (db) => {
        try {
          const run = await runRetrievalCase(db, evalCase, {
            base,
            background: options.background,
            embedder,
          });
          return scoreRetrieval(evalCase, run);
        } catch (error) {
          const score = scoreRetrieval(evalCase, { memories: 0, selected: [] });
          return { ...score, missed: [`error: ${describeThrown(error)}`, ...score.missed] };
        }
      }),
  );
  return {
    extraction: {
      scores: extractionScores,
      metrics: groupMetrics(extractionScores, extractionMetrics),
    },
    retrieval: {
      scores: retrievalScores,
      metrics: groupMetrics(retrievalScores, retrievalMetrics),
      skipped,
    },
  };
}
