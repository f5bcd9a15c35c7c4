import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ExtractionMetrics, Grouped, RetrievalMetrics } from "./score";
import { checkThresholds, parseThresholds } from "./thresholds";

const metrics: ExtractionMetrics = {
  cases: 10,
  passed: 6,
  precision: 0.8,
  recall: 0.6,
  violations: { hits: 2, total: 10, rate: 0.2 },
  updateAccuracy: 0.5,
  forgetAccuracy: null,
  lost: 1,
  errors: 0,
};
const retrieval: RetrievalMetrics = { cases: 4, passed: 2, recall: 0.5, found: 2, relevant: 4 };
const results = {
  extraction: { all: metrics, byLang: { id: metrics }, byTag: {} } as Grouped<ExtractionMetrics>,
  retrieval: { all: retrieval, byLang: {}, byTag: {} } as Grouped<RetrievalMetrics>,
};

describe("checkThresholds", () => {
  it("passes at or above every floor and at or below every ceiling", () => {
    const thresholds = parseThresholds(
      JSON.stringify({
        extraction: { all: { precision: 0.8, recall: 0.6, maxViolationRate: 0.2, maxLost: 1 } },
        retrieval: { all: { recall: 0.5 } },
      }),
    );
    expect(checkThresholds(thresholds, results)).toEqual([]);
  });

  it("names every broken threshold", () => {
    const thresholds = parseThresholds(
      JSON.stringify({
        extraction: {
          all: { recall: 0.61, maxViolationRate: 0.1, maxLost: 0, forgetAccuracy: 0.5 },
          id: { precision: 0.9 },
        },
        retrieval: { all: { recall: 0.6 } },
      }),
    );
    expect(checkThresholds(thresholds, results)).toEqual([
      "extraction all recall 60.0% < 61.0%",
      "extraction all violation rate 20.0% > 10.0%",
      "extraction all forget accuracy: nothing measured (floor 50.0%)",
      "extraction all lost memories 1 > 0",
      "extraction id precision 80.0% < 90.0%",
      "retrieval all recall 50.0% < 60.0%",
    ]);
  });

  it("fails a language that has no cases rather than passing it silently", () => {
    const thresholds = parseThresholds(JSON.stringify({ extraction: { en: { recall: 0.1 } } }));
    expect(checkThresholds(thresholds, results)).toEqual(["extraction en: no cases"]);
  });

  it("refuses a misspelt threshold", () => {
    expect(() =>
      parseThresholds(JSON.stringify({ extraction: { all: { recal: 0.5 } } })),
    ).toThrow();
  });

  it("parses the shipped eval/thresholds.json", () => {
    const thresholds = parseThresholds(readFileSync("eval/thresholds.json", "utf8"));
    expect(Object.keys(thresholds.extraction).sort()).toEqual(["all", "en", "id"]);
  });
});
