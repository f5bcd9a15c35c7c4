import { describe, expect, it } from "vitest";
import { cleanTopic, normalizeCategory, sameContent, topicKey } from "./normalize";

describe("topicKey", () => {
  it.each([
    ["My job", "job"],
    ["job ", "job"],
    ["  The   Job!  ", "job"],
    ["a favourite  food", "favourite food"],
    ["An Ocean", "ocean"],
    ["my the city", "city"],
    ["Mom's cooking", "moms cooking"],
    ["rock-climbing", "rock climbing"],
    ["ｆｕｌｌｗｉｄｔｈ", "fullwidth"],
    ["C#", "c#"],
    ["C++", "c++"],
    ["the", "the"],
    ["Kota asal", "kota asal"],
  ])("%j → %j", (topic, key) => {
    expect(topicKey(topic)).toBe(key);
  });

  it("keeps topics apart that differ in words", () => {
    expect(topicKey("home city")).not.toBe(topicKey("city"));
  });
});

describe("normalizeCategory", () => {
  it.each([
    ["Work", "work"],
    ["  FOOD ", "food"],
    ["", "other"],
    ["   ", "other"],
    ["Mental   Health", "mental health"],
  ])("%j → %j", (category, normalized) => {
    expect(normalizeCategory(category)).toBe(normalized);
  });
});

describe("sameContent", () => {
  it("ignores case, spacing, articles and punctuation of the detail", () => {
    expect(
      sameContent(
        { type: "fact", detail: "A software engineer." },
        { type: "fact", detail: "software  Engineer" },
      ),
    ).toBe(true);
  });

  it("differs by type or by detail", () => {
    expect(
      sameContent({ type: "interest", detail: "sushi" }, { type: "dislike", detail: "sushi" }),
    ).toBe(false);
    expect(sameContent({ type: "fact", detail: "Paris" }, { type: "fact", detail: "Berlin" })).toBe(
      false,
    );
  });
});

it("cleanTopic trims and collapses spaces but keeps the user's casing", () => {
  expect(cleanTopic("  Home   City ")).toBe("Home City");
});
