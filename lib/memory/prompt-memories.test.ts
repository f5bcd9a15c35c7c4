import { describe, expect, it } from "vitest";
import { estimateTokens, searchTerms } from "./prompt-memories";

describe("searchTerms", () => {
  it("keeps only words, without stop words, as an OR query", () => {
    expect(searchTerms("What should I cook with Tofu & rice?!")).toBe("cook or tofu or rice");
  });

  it("drops operators and quotes a user might type", () => {
    expect(searchTerms(`"sushi" OR -ramen :* (x) <-> !bali`)).toBe("sushi or ramen or bali");
  });

  it("handles Indonesian stop words and other scripts", () => {
    expect(searchTerms("Apa yang saya suka makan? 寿司")).toBe("suka or makan or 寿司");
  });

  it("is empty when nothing is left", () => {
    expect(searchTerms("?? !! or and the")).toBe("");
  });
});

it("estimates tokens as ceil(chars / 4) of the formatted line", () => {
  const memory = { type: "fact", category: "work", topic: "job", detail: "nurse" };
  const line = JSON.stringify(memory);
  expect(estimateTokens(memory)).toBe(Math.ceil(line.length / 4));
});
