/**
 * Scoring: what one case's run got right and wrong, and the sums over a group of cases.
 *
 * Extraction, per case — "rows" are the user's active and suggested memories:
 * - recall: each `stored` expectation is met when some row after the turns matches it;
 * - precision: among the rows the turns created or changed, one matching a `stored` expectation
 *   is a true positive; one matching a `not_stored` expectation, or (when `exhaustive`) matching
 *   none, is a false positive; other rows are not judged;
 * - violations: `not_stored` expectations some row matches;
 * - forget: each `forgotten` expectation is met when no row matches it any more; "lost" counts
 *   active memories that existed before and vanished although no `forgotten` entry names them;
 * - a case passes when everything above holds and no turn's job failed.
 * Update accuracy is the share of passing cases tagged `update`.
 */
import type { ExtractionCase, Matcher, RetrievalCase } from "./dataset";
import { describeMatcher, describeMemory, type MatchableMemory, matches } from "./match";

export type StoredRow = MatchableMemory & { id: string; status: string; source: string };

export type ExtractionRun = {
  /** Rows right after the case's `memories` were inserted. */
  seeded: StoredRow[];
  /** Rows after the last turn. */
  final: StoredRow[];
  /** Jobs that did not finish ("turn 2: retry — …"). */
  errors: string[];
};

export type ExtractionScore = {
  id: string;
  lang: string;
  tags: string[];
  passed: boolean;
  stored: { total: number; missed: string[] };
  truePositives: number;
  falsePositives: string[];
  violations: { total: number; hits: string[] };
  forgotten: { total: number; kept: string[] };
  lost: string[];
  errors: string[];
  /** The rows after the turns, for the results file. */
  memories: string[];
};

const UPDATE_TAG = "update";

function sameRow(a: StoredRow, b: StoredRow): boolean {
  return (
    a.type === b.type &&
    a.category === b.category &&
    a.topic === b.topic &&
    a.detail === b.detail &&
    a.status === b.status &&
    a.source === b.source
  );
}

export function scoreExtraction(evalCase: ExtractionCase, run: ExtractionRun): ExtractionScore {
  const { expect } = evalCase;
  const anyRow = (matcher: Matcher) => run.final.find((row) => matches(matcher, row));
  const seededById = new Map(run.seeded.map((row) => [row.id, row]));
  const changed = run.final.filter((row) => {
    const before = seededById.get(row.id);
    return !before || !sameRow(before, row);
  });

  const missed = expect.stored.filter((matcher) => !anyRow(matcher)).map(describeMatcher);
  let truePositives = 0;
  const falsePositives: string[] = [];
  for (const row of changed) {
    if (expect.stored.some((matcher) => matches(matcher, row))) truePositives += 1;
    else if (expect.exhaustive || expect.not_stored.some((matcher) => matches(matcher, row))) {
      falsePositives.push(describeMemory(row));
    }
  }
  const hits = expect.not_stored.flatMap((matcher) => {
    const row = anyRow(matcher);
    return row ? [`${describeMatcher(matcher)} ⇐ ${describeMemory(row)}`] : [];
  });
  const kept = expect.forgotten.filter((matcher) => anyRow(matcher)).map(describeMatcher);
  const finalIds = new Set(run.final.map((row) => row.id));
  const lost = run.seeded
    .filter((row) => row.status === "active" && !finalIds.has(row.id))
    .filter((row) => !expect.forgotten.some((matcher) => matches(matcher, row)))
    .map(describeMemory);

  return {
    id: evalCase.id,
    lang: evalCase.lang,
    tags: evalCase.tags,
    passed:
      missed.length === 0 &&
      falsePositives.length === 0 &&
      hits.length === 0 &&
      kept.length === 0 &&
      lost.length === 0 &&
      run.errors.length === 0,
    stored: { total: expect.stored.length, missed },
    truePositives,
    falsePositives,
    violations: { total: expect.not_stored.length, hits },
    forgotten: { total: expect.forgotten.length, kept },
    lost,
    errors: run.errors,
    memories: run.final.map(describeMemory),
  };
}

export type ExtractionMetrics = {
  cases: number;
  passed: number;
  precision: number | null;
  recall: number | null;
  violations: { hits: number; total: number; rate: number | null };
  updateAccuracy: number | null;
  forgetAccuracy: number | null;
  lost: number;
  errors: number;
};

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function extractionMetrics(scores: ExtractionScore[]): ExtractionMetrics {
  let tp = 0;
  let fp = 0;
  let storedTotal = 0;
  let storedMet = 0;
  let violationTotal = 0;
  let violationHits = 0;
  let forgetTotal = 0;
  let forgetMet = 0;
  let lost = 0;
  let errors = 0;
  for (const score of scores) {
    tp += score.truePositives;
    fp += score.falsePositives.length;
    storedTotal += score.stored.total;
    storedMet += score.stored.total - score.stored.missed.length;
    violationTotal += score.violations.total;
    violationHits += score.violations.hits.length;
    forgetTotal += score.forgotten.total;
    forgetMet += score.forgotten.total - score.forgotten.kept.length;
    lost += score.lost.length;
    errors += score.errors.length > 0 ? 1 : 0;
  }
  const updates = scores.filter((score) => score.tags.includes(UPDATE_TAG));
  return {
    cases: scores.length,
    passed: scores.filter((score) => score.passed).length,
    precision: ratio(tp, tp + fp),
    recall: ratio(storedMet, storedTotal),
    violations: {
      hits: violationHits,
      total: violationTotal,
      rate: ratio(violationHits, violationTotal),
    },
    updateAccuracy: ratio(updates.filter((score) => score.passed).length, updates.length),
    forgetAccuracy: ratio(forgetMet, forgetTotal),
    lost,
    errors,
  };
}

export type RetrievalScore = {
  id: string;
  lang: string;
  tags: string[];
  passed: boolean;
  relevant: number;
  missed: string[];
  /** Memories the user had, and how many of them went into the prompt. */
  memories: number;
  selected: number;
};

export function scoreRetrieval(
  evalCase: RetrievalCase,
  run: { memories: number; selected: MatchableMemory[] },
): RetrievalScore {
  const missed = evalCase.relevant
    .filter((matcher) => !run.selected.some((memory) => matches(matcher, memory)))
    .map(describeMatcher);
  return {
    id: evalCase.id,
    lang: evalCase.lang,
    tags: evalCase.tags,
    passed: missed.length === 0,
    relevant: evalCase.relevant.length,
    missed,
    memories: run.memories,
    selected: run.selected.length,
  };
}

export type RetrievalMetrics = {
  cases: number;
  passed: number;
  recall: number | null;
  found: number;
  relevant: number;
};

export function retrievalMetrics(scores: RetrievalScore[]): RetrievalMetrics {
  const relevant = scores.reduce((sum, score) => sum + score.relevant, 0);
  const found = scores.reduce((sum, score) => sum + score.relevant - score.missed.length, 0);
  return {
    cases: scores.length,
    passed: scores.filter((score) => score.passed).length,
    recall: ratio(found, relevant),
    found,
    relevant,
  };
}

export type Grouped<M> = { all: M; byLang: Record<string, M>; byTag: Record<string, M> };

/** Metrics overall, per language and per tag (tags sorted), for any kind of score. */
export function groupMetrics<S extends { lang: string; tags: string[] }, M>(
  scores: S[],
  measure: (group: S[]) => M,
): Grouped<M> {
  const group = (key: (score: S) => string[]) => {
    const groups = new Map<string, S[]>();
    for (const score of scores) {
      for (const name of key(score)) groups.set(name, [...(groups.get(name) ?? []), score]);
    }
    return Object.fromEntries(
      [...groups.keys()].sort().map((name) => [name, measure(groups.get(name) ?? [])]),
    );
  };
  return {
    all: measure(scores),
    byLang: group((score) => [score.lang]),
    byTag: group((score) => score.tags),
  };
}
