import { describe, expect, it } from "vitest";
import { memoryFiltersQuery, parseMemoryFilters } from "./url-filters";

describe("memory filters in the address", () => {
  it("reads what the page wrote", () => {
    const filters = { q: "green tea", type: "interest", category: "food", sort: "newest" } as const;
    const query = memoryFiltersQuery(filters);
    expect(query).toBe("?q=green+tea&type=interest&category=food");
    expect(parseMemoryFilters(new URLSearchParams(query))).toEqual(filters);
    expect(memoryFiltersQuery({ q: " ", type: "", category: "", sort: "newest" })).toBe("");
  });

  it("keeps the order in the address, the default left out", () => {
    const sorted = { q: "", type: "", category: "", sort: "most_used" } as const;
    expect(memoryFiltersQuery(sorted)).toBe("?sort=most_used");
    expect(parseMemoryFilters(new URLSearchParams("?sort=last_used")).sort).toBe("last_used");
    expect(parseMemoryFilters(new URLSearchParams("?sort=toString")).sort).toBe("newest");
  });

  it("takes the server page's search params object, first value of a repeated one", () => {
    expect(parseMemoryFilters({ q: ["tea", "coffee"], type: "goal", category: "Travel " })).toEqual(
      { q: "tea", type: "goal", category: "travel", sort: "newest" },
    );
  });

  it("drops what makes no sense instead of failing", () => {
    expect(
      parseMemoryFilters(
        new URLSearchParams({ type: "bogus", category: "x".repeat(61), q: "y".repeat(5000) }),
      ),
    ).toEqual({ q: "y".repeat(200), type: "", category: "", sort: "newest" });
    expect(parseMemoryFilters({ type: 5, q: { a: 1 } })).toEqual({
      q: "",
      type: "",
      category: "",
      sort: "newest",
    });
  });

  it("never cuts an emoji in half at the length limit", () => {
    const q = parseMemoryFilters({ q: `${"a".repeat(199)}😀` }).q;
    expect(q).toBe("a".repeat(199));
  });
});
