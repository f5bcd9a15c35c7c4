import { describe, expect, it } from "vitest";
import { occursInUserMessage } from "./reading";

const userMessage = "Hi! I work as a  nurse in\nSurabaya, and I don’t eat pork.";

describe("occursInUserMessage", () => {
  it.each([
    ["I work as a nurse", "exact words, collapsed spaces"],
    ["i WORK as a nurse in surabaya", "case and a line break"],
    ["I don't eat pork", "straight vs curly apostrophe"],
    ["I don’t eat pork.", "trailing punctuation of the quote"],
    ["  nurse in Surabaya  ", "surrounding whitespace"],
  ])("accepts %j (%s)", (quote) => {
    expect(occursInUserMessage(quote, userMessage)).toBe(true);
  });

  it.each([
    ["", "empty"],
    ["   ", "blank"],
    ["...", "only punctuation"],
    ["I work as a doctor", "not what the user said"],
    ["You mentioned you are a nurse", "the assistant's words"],
  ])("rejects %j (%s)", (quote) => {
    expect(occursInUserMessage(quote, userMessage)).toBe(false);
  });

  it("rejects what only the assistant said", () => {
    const assistant = "As a night-shift worker you should sleep well.";
    expect(occursInUserMessage("night-shift worker", "How do I sleep better?")).toBe(false);
    expect(occursInUserMessage("night-shift worker", assistant)).toBe(true);
  });

  it("treats curly double quotes like straight ones", () => {
    expect(occursInUserMessage('my band is called "Hujan"', "My band is called “Hujan”")).toBe(
      true,
    );
  });

  it("matches compatibility forms (NFKC)", () => {
    expect(occursInUserMessage("ｃａｆé", "I run a café")).toBe(true);
  });
});
