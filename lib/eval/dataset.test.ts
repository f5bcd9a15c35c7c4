import { describe, expect, it } from "vitest";
import { DatasetError, parseBackground, parseDataset } from "./dataset";

const issueExample = JSON.stringify({
  id: "id-job-1",
  lang: "id",
  tags: ["fact", "work"],
  memories: [
    {
      type: "fact",
      category: "location",
      topic: "city",
      detail: "tinggal di Bandung",
      source: "inferred",
    },
  ],
  turns: [{ user: "Saya sekarang bekerja sebagai perawat di Surabaya.", assistant: "Wah, keren!" }],
  expect: {
    stored: [{ type: "fact", category: "work", detail: ["perawat|nurse"] }],
    not_stored: [{ detail: ["pilot"] }],
    forgotten: [{ category: "location", topic: "city" }],
    exhaustive: false,
  },
});

const retrievalLine = JSON.stringify({
  id: "ret-1",
  lang: "id",
  tags: ["inflection"],
  memories: [{ type: "fact", category: "work", topic: "job", detail: "bekerja sebagai perawat" }],
  query: "cuti di tempat kerja?",
  relevant: [{ topic: "job" }],
  background: 40,
});

function problemsOf(text: string): string {
  try {
    parseDataset(text, "cases.jsonl");
  } catch (error) {
    if (error instanceof DatasetError) return error.message;
    throw error;
  }
  throw new Error("expected the dataset to be refused");
}

describe("parseDataset", () => {
  it("reads the issue's example line with its defaults", () => {
    const dataset = parseDataset(`${issueExample}\n`, "cases.jsonl");
    expect(dataset.retrieval).toEqual([]);
    const [evalCase] = dataset.extraction;
    expect(evalCase?.memories[0]).toMatchObject({
      status: "active",
      confirmed: false,
      observed: "before",
    });
    expect(evalCase?.expect.stored[0]?.detail).toEqual(["perawat|nurse"]);
  });

  it("tells retrieval cases (with a query) from extraction cases", () => {
    const dataset = parseDataset([issueExample, retrievalLine].join("\n"), "cases.jsonl");
    expect(dataset.extraction.map((c) => c.id)).toEqual(["id-job-1"]);
    expect(dataset.retrieval.map((c) => c.id)).toEqual(["ret-1"]);
    expect(dataset.retrieval[0]?.background).toBe(40);
  });

  it("skips blank lines and // comments", () => {
    const dataset = parseDataset(`// header\n\n${issueExample}\n\n`, "cases.jsonl");
    expect(dataset.extraction).toHaveLength(1);
  });

  it("refuses a typo in an expectation instead of letting it match everything", () => {
    const typo = issueExample.replace('"not_stored"', '"not_sotred"');
    expect(problemsOf(typo)).toMatch(/cases\.jsonl:1: .*not_sotred/);
  });

  it("refuses a detail given as a string rather than a list of entries", () => {
    const wrong = issueExample.replace('["perawat|nurse"]', '"perawat|nurse"');
    expect(problemsOf(wrong)).toMatch(/expect\.stored\.0\.detail/);
  });

  it("refuses an empty matcher, which would match any memory", () => {
    const empty = issueExample.replace('[{"detail":["pilot"]}]', "[{}]");
    expect(problemsOf(empty)).toMatch(/at least one field/);
  });

  it("reports every bad line at once, with line numbers, and duplicate ids", () => {
    const text = [issueExample, "{not json", issueExample, '{"id":"x","lang":"id"}'].join("\n");
    const problems = problemsOf(text);
    expect(problems).toMatch(/cases\.jsonl:2: not JSON/);
    expect(problems).toMatch(/cases\.jsonl:3: duplicate id id-job-1/);
    expect(problems).toMatch(/cases\.jsonl:4: .*turns/);
  });

  it("refuses a case without turns, a bad language code or an unknown memory type", () => {
    const noTurns = issueExample.replace(/"turns":\[[^\]]*\]/, '"turns":[]');
    expect(problemsOf(noTurns)).toMatch(/turns/);
    expect(problemsOf(issueExample.replace('"lang":"id"', '"lang":"Indonesian"'))).toMatch(/lang/);
    expect(problemsOf(issueExample.replace('"type":"fact"', '"type":"opinion"'))).toMatch(/type/);
  });
});

describe("parseBackground", () => {
  it("reads one seed memory per line and names a bad line", () => {
    const line = '{"type":"interest","category":"food","topic":"ramen","detail":"likes ramen"}';
    expect(parseBackground(`${line}\n`, "bg.jsonl")).toHaveLength(1);
    expect(() => parseBackground(`${line}\n{"type":"fact"}`, "bg.jsonl")).toThrow(/bg\.jsonl:2/);
  });
});
