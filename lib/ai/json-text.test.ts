import { describe, expect, it } from "vitest";
import { MAX_ANSWER_CHARS, readJsonObject } from "./json-text";

const answer = { preferences: [], forget: [{ category: "work", topic: "job", source_text: "x" }] };
const json = JSON.stringify(answer);

describe("readJsonObject", () => {
  it("reads strict JSON as it is", () => {
    expect(readJsonObject(json)).toEqual(answer);
  });

  it("reads JSON inside a Markdown fence", () => {
    expect(readJsonObject(`\`\`\`json\n${json}\n\`\`\``)).toEqual(answer);
    expect(readJsonObject(`\`\`\`\n${JSON.stringify(answer, null, 2)}\n\`\`\`\n`)).toEqual(answer);
  });

  it("reads JSON after a preamble and before a closing sentence", () => {
    const text = `Sure! Here is what I found about the user:\n\n${json}\n\nLet me know if you need more.`;
    expect(readJsonObject(text)).toEqual(answer);
  });

  it("repairs the syntax weaker models get wrong: trailing commas, single quotes, Python literals", () => {
    expect(readJsonObject("{'preferences': [], 'forget': [],}")).toEqual({
      preferences: [],
      forget: [],
    });
    expect(readJsonObject('{"explicit": True, "other": None}')).toEqual({
      explicit: true,
      other: null,
    });
  });

  it("ignores a <think> block, even one holding JSON drafts", () => {
    const decoy = '{"preferences":[{"topic":"city","detail":"Atlantis"}],"forget":[]}';
    expect(readJsonObject(`<think>\nMaybe ${decoy}? No.\n</think>\n\n${json}`)).toEqual(answer);
    // A template that opened the block in the prompt leaves only the closing tag.
    expect(readJsonObject(`Maybe ${decoy}? No.</think>${json}`)).toEqual(answer);
  });

  it("reads an answer that quotes a think tag from the user", () => {
    const quoting = {
      preferences: [],
      forget: [{ category: "x", topic: "y", source_text: "I typed </think>" }],
    };
    expect(readJsonObject(`<think>hm</think>${JSON.stringify(quoting)}`)).toEqual(quoting);
  });

  it("refuses two objects rather than choosing one, and survives deep nesting", () => {
    const two = `Example: ${json}\nAnswer: {"preferences":[{"topic":"x"}],"forget":[]}`;
    expect(readJsonObject(two)).not.toEqual(answer); // an array of both: the schema refuses it
    expect(Array.isArray(readJsonObject(two))).toBe(true);
    expect(() => readJsonObject(`{"a":${"[".repeat(100_000)}}`)).toThrow(
      expect.objectContaining({ name: "AI_JSONParseError" }),
    );
  });

  it("refuses reasoning that never closed, and answers without an object", () => {
    expect(() => readJsonObject(`<think>still thinking about ${json}`)).toThrow(
      expect.objectContaining({ name: "AI_JSONParseError" }),
    );
    expect(() => readJsonObject("I found nothing worth remembering.")).toThrow(
      expect.objectContaining({ name: "AI_JSONParseError" }),
    );
    expect(() => readJsonObject("} backwards {")).toThrow(
      expect.objectContaining({ name: "AI_JSONParseError" }),
    );
  });

  it("keeps the model's text (which quotes the user) out of its error", () => {
    try {
      readJsonObject("{ my password is hunter2 and then: : : }");
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("hunter2");
    }
  });

  it("reads only a bounded prefix of a runaway answer", () => {
    const runaway = `${json}${" ".repeat(MAX_ANSWER_CHARS)}{"preferences":"late"}`;
    expect(readJsonObject(runaway)).toEqual(answer);
  });
});
