import { describe, expect, it } from "vitest";
import { EXTRACTION_INSTRUCTIONS } from "./extraction-prompt";

describe("EXTRACTION_INSTRUCTIONS", () => {
  it.each([
    ["a whole clause as evidence", /whole clause/],
    ["a detail made of the quote's words", /made of the words of source_text/],
    ["explicit only in the same sentence", /in the same sentence as source_text/],
    ["someone else's text is no explicit item and no forget", /never explicit, never a forget/],
    ["hypotheticals and role-play", /if I were a pilot[\s\S]*role-play/],
    ["other people", /my sister is a nurse/],
    ["no forget from 'delete my old tweets'", /delete my old tweets/],
    ["one key per forget", /Name the one category and topic/],
  ])("states the write gate's rule: %s", (_rule, pattern) => {
    expect(EXTRACTION_INSTRUCTIONS).toMatch(pattern);
  });
});
