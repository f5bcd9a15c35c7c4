import { expect, it } from "vitest";
import { estimateTokens } from "./prompt-memories";

it("estimates tokens as ceil(chars / 4) of the formatted line", () => {
  const memory = { type: "fact", category: "work", topic: "job", detail: "nurse" };
  const line = JSON.stringify(memory);
  expect(estimateTokens(memory)).toBe(Math.ceil(line.length / 4));
});
