import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { extractionCaseSchema, retrievalCaseSchema } from "./dataset";
import {
  extractionMetrics,
  groupMetrics,
  retrievalMetrics,
  type StoredRow,
  scoreExtraction,
  scoreRetrieval,
} from "./score";

function evalCase(fields: Partial<z.input<typeof extractionCaseSchema>>) {
  return extractionCaseSchema.parse({
    id: "case",
    lang: "en",
    tags: [],
    turns: [{ user: "hi", assistant: "hello" }],
    ...fields,
  });
}

let nextId = 0;
function row(fields: Partial<StoredRow> & Pick<StoredRow, "topic" | "detail">): StoredRow {
  nextId += 1;
  return {
    id: `row-${nextId}`,
    type: "fact",
    category: "other",
    status: "active",
    source: "inferred",
    ...fields,
  };
}

describe("scoreExtraction", () => {
  it("passes when every expectation holds", () => {
    const job = row({ category: "work", topic: "job", detail: "works as a nurse" });
    const score = scoreExtraction(
      evalCase({
        expect: {
          stored: [{ category: "work", detail: ["nurse"] }],
          not_stored: [{ detail: ["pilot"] }],
        },
      }),
      { seeded: [], final: [job], errors: [] },
    );
    expect(score).toMatchObject({ passed: true, truePositives: 1, falsePositives: [] });
    expect(score.stored).toEqual({ total: 1, missed: [] });
    expect(score.violations).toEqual({ total: 1, hits: [] });
  });

  it("reports a missed memory and a not_stored one that was stored", () => {
    const pilot = row({ category: "work", topic: "job", detail: "works as a pilot" });
    const score = scoreExtraction(
      evalCase({
        expect: { stored: [{ detail: ["nurse"] }], not_stored: [{ detail: ["pilot"] }] },
      }),
      { seeded: [], final: [pilot], errors: [] },
    );
    expect(score.passed).toBe(false);
    expect(score.stored.missed).toEqual(["*/*/* ~ nurse"]);
    expect(score.violations.hits).toEqual(["*/*/* ~ pilot ⇐ fact/work/job: works as a pilot"]);
    expect(score.falsePositives).toEqual(["fact/work/job: works as a pilot"]);
  });

  it("judges unexpected memories only in exhaustive cases", () => {
    const extra = row({ topic: "weather", detail: "likes sun" });
    const open = scoreExtraction(evalCase({ expect: {} }), {
      seeded: [],
      final: [extra],
      errors: [],
    });
    expect(open).toMatchObject({ passed: true, falsePositives: [] });
    const closed = scoreExtraction(evalCase({ expect: { exhaustive: true } }), {
      seeded: [],
      final: [extra],
      errors: [],
    });
    expect(closed).toMatchObject({
      passed: false,
      falsePositives: ["fact/other/weather: likes sun"],
    });
  });

  it("never counts an unchanged memory that existed before as stored by the turns", () => {
    const city = row({ category: "location", topic: "city", detail: "lives in Bandung" });
    const score = scoreExtraction(
      evalCase({ expect: { stored: [{ topic: "city" }], exhaustive: true } }),
      { seeded: [city], final: [{ ...city }], errors: [] },
    );
    // It still satisfies the expectation, but is neither a true nor a false positive.
    expect(score).toMatchObject({ passed: true, truePositives: 0, falsePositives: [] });
  });

  it("counts a changed memory (same row, new detail) as the turns' doing", () => {
    const before = row({ category: "location", topic: "city", detail: "lives in Bandung" });
    const after = { ...before, detail: "lives in Surabaya" };
    const score = scoreExtraction(
      evalCase({ expect: { stored: [{ detail: ["surabaya"] }], exhaustive: true } }),
      { seeded: [before], final: [after], errors: [] },
    );
    expect(score).toMatchObject({ passed: true, truePositives: 1 });
  });

  it("scores forgets, and a memory deleted without being asked for as lost", () => {
    const city = row({ category: "location", topic: "city", detail: "lives in Bandung" });
    const job = row({ category: "work", topic: "job", detail: "teacher" });
    const forgotten = { expect: { forgotten: [{ category: "location", topic: "city" }] } };

    const right = scoreExtraction(evalCase(forgotten), {
      seeded: [city, job],
      final: [job],
      errors: [],
    });
    expect(right).toMatchObject({ passed: true, lost: [], forgotten: { total: 1, kept: [] } });

    const kept = scoreExtraction(evalCase(forgotten), {
      seeded: [city, job],
      final: [city, job],
      errors: [],
    });
    expect(kept.forgotten.kept).toEqual(["*/location/city"]);

    const tooMuch = scoreExtraction(evalCase(forgotten), {
      seeded: [city, job],
      final: [],
      errors: [],
    });
    expect(tooMuch).toMatchObject({ passed: false, lost: ["fact/work/job: teacher"] });
  });

  it("fails a case whose job failed, whatever the rows", () => {
    const score = scoreExtraction(evalCase({ expect: {} }), {
      seeded: [],
      final: [],
      errors: ["turn 1: retry — timeout"],
    });
    expect(score.passed).toBe(false);
  });
});

describe("extractionMetrics", () => {
  it("sums precision, recall, violations, update and forget accuracy", () => {
    const nurse = row({ category: "work", topic: "job", detail: "nurse" });
    const pilot = row({ category: "work", topic: "job", detail: "pilot" });
    const scores = [
      scoreExtraction(
        evalCase({ id: "a", tags: ["update"], expect: { stored: [{ detail: ["nurse"] }] } }),
        { seeded: [], final: [nurse], errors: [] },
      ),
      scoreExtraction(
        evalCase({
          id: "b",
          tags: ["update"],
          expect: { stored: [{ detail: ["nurse"] }], not_stored: [{ detail: ["pilot"] }] },
        }),
        { seeded: [], final: [pilot], errors: [] },
      ),
      scoreExtraction(
        evalCase({ id: "c", expect: { forgotten: [{ topic: "job" }, { topic: "city" }] } }),
        { seeded: [nurse], final: [], errors: [] },
      ),
    ];
    expect(extractionMetrics(scores)).toEqual({
      cases: 3,
      passed: 2,
      precision: 0.5,
      recall: 0.5,
      violations: { hits: 1, total: 1, rate: 1 },
      updateAccuracy: 0.5,
      forgetAccuracy: 1,
      lost: 0,
      errors: 0,
    });
  });

  it("says nothing (null) about what no case measured", () => {
    expect(extractionMetrics([])).toMatchObject({
      precision: null,
      recall: null,
      updateAccuracy: null,
      forgetAccuracy: null,
    });
  });
});

describe("retrieval scores", () => {
  const retrievalCase = retrievalCaseSchema.parse({
    id: "r",
    lang: "id",
    tags: ["inflection"],
    memories: [],
    query: "kerja",
    relevant: [{ topic: "job" }, { topic: "city" }],
  });

  it("counts the relevant memories that reached the prompt", () => {
    const score = scoreRetrieval(retrievalCase, {
      memories: 50,
      selected: [{ type: "fact", category: "work", topic: "job", detail: "bekerja" }],
    });
    expect(score).toMatchObject({ passed: false, relevant: 2, missed: ["*/*/city"], selected: 1 });
    expect(retrievalMetrics([score])).toEqual({
      cases: 1,
      passed: 0,
      recall: 0.5,
      found: 1,
      relevant: 2,
    });
  });
});

describe("groupMetrics", () => {
  it("groups overall, per language and per tag", () => {
    const scores = [
      { lang: "en", tags: ["a", "b"], n: 1 },
      { lang: "id", tags: ["b"], n: 2 },
    ];
    const sum = (group: typeof scores) => group.reduce((total, score) => total + score.n, 0);
    expect(groupMetrics(scores, sum)).toEqual({
      all: 3,
      byLang: { en: 1, id: 2 },
      byTag: { a: 1, b: 3 },
    });
  });
});
