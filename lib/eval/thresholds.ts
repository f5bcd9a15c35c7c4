/**
 * The regression guard: minimum (and maximum) metrics the offline model must keep on the shipped
 * datasets, read from eval/thresholds.json. They were set from an honest run, a little below
 * it — a floor that catches a change making memory worse, not a target to aim at.
 */
import { z } from "zod";
import type { ExtractionMetrics, Grouped, RetrievalMetrics } from "./score";

const share = z.number().min(0).max(1);
const count = z.number().int().min(0);

const extractionFloorSchema = z.strictObject({
  precision: share.optional(),
  recall: share.optional(),
  maxViolationRate: share.optional(),
  updateAccuracy: share.optional(),
  forgetAccuracy: share.optional(),
  maxLost: count.optional(),
  maxErrors: count.optional(),
});
const retrievalFloorSchema = z.strictObject({ recall: share.optional() });

/** Keys: "all" or a language code. */
export const thresholdsSchema = z.strictObject({
  $comment: z.string().optional(),
  extraction: z.record(z.string(), extractionFloorSchema).default({}),
  retrieval: z.record(z.string(), retrievalFloorSchema).default({}),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

export function parseThresholds(text: string): Thresholds {
  return thresholdsSchema.parse(JSON.parse(text));
}

const shown = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Every threshold the metrics break, as readable lines; empty when the guard passes. */
export function checkThresholds(
  thresholds: Thresholds,
  results: { extraction: Grouped<ExtractionMetrics>; retrieval: Grouped<RetrievalMetrics> },
): string[] {
  const failures: string[] = [];
  const pick = <M>(grouped: Grouped<M>, key: string) =>
    key === "all" ? grouped.all : grouped.byLang[key];
  const atLeast = (what: string, value: number | null, floor: number | undefined) => {
    if (floor === undefined) return;
    if (value === null) failures.push(`${what}: nothing measured (floor ${shown(floor)})`);
    else if (value < floor) failures.push(`${what} ${shown(value)} < ${shown(floor)}`);
  };
  const atMost = (
    what: string,
    value: number | null,
    ceiling: number | undefined,
    asShare = true,
  ) => {
    if (ceiling === undefined || value === null || value <= ceiling) return;
    failures.push(
      asShare ? `${what} ${shown(value)} > ${shown(ceiling)}` : `${what} ${value} > ${ceiling}`,
    );
  };

  for (const [key, floor] of Object.entries(thresholds.extraction)) {
    const metrics = pick(results.extraction, key);
    const name = `extraction ${key}`;
    if (!metrics) {
      failures.push(`${name}: no cases`);
      continue;
    }
    atLeast(`${name} precision`, metrics.precision, floor.precision);
    atLeast(`${name} recall`, metrics.recall, floor.recall);
    atMost(`${name} violation rate`, metrics.violations.rate, floor.maxViolationRate);
    atLeast(`${name} update accuracy`, metrics.updateAccuracy, floor.updateAccuracy);
    atLeast(`${name} forget accuracy`, metrics.forgetAccuracy, floor.forgetAccuracy);
    atMost(`${name} lost memories`, metrics.lost, floor.maxLost, false);
    atMost(`${name} cases with job errors`, metrics.errors, floor.maxErrors, false);
  }
  for (const [key, floor] of Object.entries(thresholds.retrieval)) {
    const metrics = pick(results.retrieval, key);
    if (!metrics) {
      failures.push(`retrieval ${key}: no cases`);
      continue;
    }
    atLeast(`retrieval ${key} recall`, metrics.recall, floor.recall);
  }
  return failures;
}
