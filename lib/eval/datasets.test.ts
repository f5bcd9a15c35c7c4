/** The shipped datasets: they parse, and they keep covering what the eval is meant to measure. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SUGGESTED_CATEGORIES } from "@/lib/memory/vocabulary";
import { parseBackground, parseDataset } from "./dataset";

const dir = path.join(process.cwd(), "eval", "cases");
const datasets = readdirSync(dir)
  .filter((name) => name.endsWith(".jsonl"))
  .map((name) => parseDataset(readFileSync(path.join(dir, name), "utf8"), name));
const extraction = datasets.flatMap((dataset) => dataset.extraction);
const retrieval = datasets.flatMap((dataset) => dataset.retrieval);

/** Every rule of extraction and of the write gate has cases, in English and in Indonesian. */
const RULE_TAGS = [
  "fact",
  "interest",
  "goal",
  "dislike",
  ...SUGGESTED_CATEGORIES,
  "explicit",
  "per-clause",
  "forget",
  "no-forget",
  "update",
  "conflict",
  "out-of-order",
  "duplicate",
  "secret",
  "sensitive",
  "assistant-only",
  "pasted",
  "quoted",
  "code-block",
  "hypothetical",
  "role-play",
  "third-person",
  "one-word",
  "injection",
  "question",
  "multi-turn",
  "slang",
  "typo",
];

describe("the shipped eval datasets", () => {
  it("hold at least 200 extraction cases, half of them Indonesian", () => {
    expect(extraction.length).toBeGreaterThanOrEqual(200);
    const indonesian = extraction.filter((evalCase) => evalCase.lang === "id").length;
    expect(indonesian * 2).toBeGreaterThanOrEqual(extraction.length);
    expect(new Set(extraction.map((evalCase) => evalCase.lang))).toEqual(new Set(["en", "id"]));
  });

  it.each(RULE_TAGS)("cover %s in both languages", (tag) => {
    const languages = new Set(
      extraction.filter((evalCase) => evalCase.tags.includes(tag)).map((evalCase) => evalCase.lang),
    );
    expect([...languages].sort()).toEqual(["en", "id"]);
  });

  it("give every case something to check", () => {
    const empty = extraction.filter(
      ({ expect: e }) =>
        e.stored.length + e.not_stored.length + e.forgotten.length === 0 && !e.exhaustive,
    );
    expect(empty.map((evalCase) => evalCase.id)).toEqual([]);
  });

  it("ask retrieval about Indonesian inflections (bekerja/kerja, makanan/makan)", () => {
    const inflections = retrieval.filter(
      (evalCase) => evalCase.lang === "id" && evalCase.tags.includes("inflection"),
    );
    const pairs = inflections.map((evalCase) => [
      evalCase.memories.map((memory) => memory.detail).join(" "),
      evalCase.query,
    ]);
    expect(pairs).toContainEqual([
      expect.stringMatching(/\bbekerja\b/),
      expect.stringMatching(/\bkerja\b/),
    ]);
    expect(pairs).toContainEqual([
      expect.stringMatching(/\bmakanan\b/),
      expect.stringMatching(/\bmakan\b/),
    ]);
  });

  it("give retrieval cases more memories than a prompt holds, so relevance decides", () => {
    const background = parseBackground(
      readFileSync(path.join(process.cwd(), "eval", "background-memories.jsonl"), "utf8"),
      "background-memories.jsonl",
    );
    expect(retrieval.length).toBeGreaterThanOrEqual(20);
    for (const evalCase of retrieval) {
      if (evalCase.tags.includes("pinned")) continue;
      expect(evalCase.background, evalCase.id).toBeGreaterThanOrEqual(60);
      expect(evalCase.background, evalCase.id).toBeLessThanOrEqual(background.length);
    }
  });
});
