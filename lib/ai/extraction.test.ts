import { describe, expect, it } from "vitest";
import type { Preference } from "@/lib/memory/extraction-schema";
import { checkOutputSize } from "./extraction";

const preference: Preference = {
  type: "interest",
  category: "hobbies",
  topic: "chess",
  detail: "plays chess",
  confidence_score: 0.9,
  source_text: "I play chess",
  explicit: false,
};

describe("checkOutputSize", () => {
  it("accepts an ordinary extraction", () => {
    expect(() => checkOutputSize({ preferences: [preference], forget: [] })).not.toThrow();
  });

  it("refuses too many items", () => {
    const preferences = Array.from({ length: 26 }, () => preference);
    expect(() => checkOutputSize({ preferences, forget: [] })).toThrow(/oversized output/);
  });

  it("refuses a field longer than a hand-written memory may be", () => {
    const long = { ...preference, detail: "x".repeat(1001) };
    expect(() => checkOutputSize({ preferences: [long], forget: [] })).toThrow(
      "oversized output: a detail of 1001 characters (limit 1000)",
    );
    const forget = [{ category: "hobbies", topic: "t".repeat(121), source_text: "forget it" }];
    expect(() => checkOutputSize({ preferences: [], forget })).toThrow(/topic of 121/);
  });
});
