import { describe, expect, it } from "vitest";
import { cosineSimilarity, fuseRankings } from "./rank-fusion";

const ids = (items: { id: string }[]) => items.map((item) => item.id);
const list = (...names: string[]) => names.map((id) => ({ id }));

describe("fuseRankings", () => {
  it("puts what both rankings agree on first", () => {
    const fullText = list("cilantro", "salsa", "tacos");
    const semantic = list("diet", "tacos", "cilantro");
    expect(ids(fuseRankings([fullText, semantic]))).toEqual(["cilantro", "tacos", "diet", "salsa"]);
  });

  it("keeps a single ranking as it is", () => {
    expect(ids(fuseRankings([list("a", "b", "c")]))).toEqual(["a", "b", "c"]);
    expect(ids(fuseRankings([list("a", "b"), []]))).toEqual(["a", "b"]);
  });

  it("brings in what only the semantic ranking found, after agreed items", () => {
    const fused = ids(fuseRankings([list("job", "city"), list("diet", "job")]));
    expect(fused[0]).toBe("job");
    expect(fused).toContain("diet");
  });

  it("breaks ties by the order items were first seen", () => {
    expect(ids(fuseRankings([list("a", "b"), list("b", "a")]))).toEqual(["a", "b"]);
  });

  it("is empty for no rankings", () => {
    expect(fuseRankings([])).toEqual([]);
  });
});

describe("cosineSimilarity", () => {
  it("is 1 for the same direction, 0 for orthogonal or empty vectors", () => {
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
  });
});
