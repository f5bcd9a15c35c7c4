import { describe, expect, it } from "vitest";
import { extractionFailures, formatTable, listLines, percent, violationTable } from "./report";
import type { ExtractionScore } from "./score";

function score(fields: Partial<ExtractionScore>): ExtractionScore {
  return {
    id: "case",
    lang: "en",
    tags: [],
    passed: true,
    stored: { total: 0, missed: [] },
    truePositives: 0,
    falsePositives: [],
    violations: { total: 0, hits: [] },
    forgotten: { total: 0, kept: [] },
    lost: [],
    errors: [],
    memories: [],
    ...fields,
  };
}

describe("formatTable", () => {
  it("aligns names left and numbers right under a rule", () => {
    expect(
      formatTable(
        ["", "cases", "recall"],
        [
          ["all", "292", "58%"],
          ["id", "9", "100%"],
        ],
      ),
    ).toBe(
      ["     cases  recall", "---  -----  ------", "all    292     58%", "id       9    100%"].join(
        "\n",
      ),
    );
  });
});

describe("percent", () => {
  it("rounds to whole percent and shows a dash for nothing measured", () => {
    expect(percent(0.576)).toBe("58%");
    expect(percent(null)).toBe("–");
  });
});

describe("extractionFailures", () => {
  it("lists each failing case with every way it failed, once", () => {
    const lines = extractionFailures([
      score({ id: "ok" }),
      score({
        id: "bad",
        lang: "id",
        tags: ["update"],
        passed: false,
        stored: { total: 1, missed: ["*/location/city ~ depok"] },
        violations: { total: 1, hits: ["*/*/city ~ bogor ⇐ fact/location/city: tinggal di Bogor"] },
        falsePositives: ["fact/location/city: tinggal di Bogor", "fact/other/x: y"],
      }),
    ]);
    expect(lines).toEqual([
      "bad [id; update]: missed */location/city ~ depok; stored what it must not: */*/city ~ bogor ⇐ fact/location/city: tinggal di Bogor; unexpected fact/other/x: y",
    ]);
  });
});

describe("violationTable", () => {
  it("sums violations per kind from the tags of the cases", () => {
    const table = violationTable([
      score({ tags: ["hypothetical"], violations: { total: 2, hits: ["x"] } }),
      score({ tags: ["role-play"], violations: { total: 2, hits: [] } }),
    ]);
    expect(table).toMatch(/hypothetical or role-play\s+hypothetical, role-play\s+2\s+1\/4\s+25%/);
    expect(table).toMatch(/injected text\s+injection\s+0\s+0\/0\s+–/);
  });
});

describe("listLines", () => {
  it("keeps the first lines and says how many were left out", () => {
    expect(listLines(["a", "b", "c"], 2)).toBe(
      "  a\n  b\n  … and 1 more (--verbose lists all; the results file has every case)",
    );
  });
});
