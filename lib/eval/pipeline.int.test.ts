import { like } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { users } from "@/lib/db/schema";
import type { Embedder } from "@/lib/memory/embeddings";
import { describeWithDatabase } from "@/lib/testing/test-db";
import {
  type Dataset,
  extractionCaseSchema,
  retrievalCaseSchema,
  type SeedMemory,
} from "./dataset";
import { runExtractionCase, runRetrievalCase } from "./pipeline";
import { runEval } from "./runner";
import { scoreExtraction, scoreRetrieval } from "./score";

beforeAll(() => {
  // No endpoint configured: the job runner uses the built-in offline model.
  for (const name of [
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "EXTRACTION_API_KEY",
    "EXTRACTION_BASE_URL",
  ]) {
    delete process.env[name];
  }
});

const base = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);

function extractionCase(fields: Record<string, unknown>) {
  return extractionCaseSchema.parse({ id: "case", lang: "en", tags: [], expect: {}, ...fields });
}

const background: SeedMemory[] = Array.from({ length: 60 }, (_, index) => ({
  type: "interest" as const,
  category: "hobbies",
  topic: `hobby number ${index}`,
  detail: `enjoys a pastime that has a fairly long description, variant ${index}`,
  source: "inferred" as const,
  status: "active" as const,
  confirmed: false,
  observed: "before" as const,
}));

describeWithDatabase("the eval pipeline", (getDb) => {
  it("runs a turn through the job runner and leaves no trace of its user", async () => {
    const db = getDb();
    const evalCase = extractionCase({
      lang: "id",
      turns: [{ user: "Saya tinggal di Yogyakarta.", assistant: "Kota yang indah!" }],
      expect: { stored: [{ category: "location", topic: "city", detail: ["yogyakarta"] }] },
    });
    const run = await runExtractionCase(db, evalCase, base);
    expect(run.errors).toEqual([]);
    expect(run.seeded).toEqual([]);
    expect(scoreExtraction(evalCase, run).passed).toBe(true);
    const left = await db.select().from(users).where(like(users.email, "eval-%"));
    expect(left).toEqual([]);
  });

  it("applies the conflict rule to memories that existed before the turns", async () => {
    const evalCase = extractionCase({
      memories: [
        {
          type: "fact",
          category: "location",
          topic: "city",
          detail: "lives in Bandung",
          confirmed: true,
        },
      ],
      turns: [{ user: "I live in Depok.", assistant: "Nice!" }],
    });
    const run = await runExtractionCase(getDb(), evalCase, base);
    const cities = run.final.map((row) => [row.detail, row.status]).sort();
    // A confirmed memory is never silently overwritten: the newer observation is a suggestion.
    expect(cities).toEqual([
      ["lives in Bandung", "active"],
      ["lives in Depok", "suggested"],
    ]);
  });

  it("never lets the turns overwrite a memory observed after them", async () => {
    const evalCase = extractionCase({
      memories: [
        {
          type: "fact",
          category: "location",
          topic: "city",
          detail: "lives in Malang",
          observed: "after",
        },
      ],
      turns: [{ user: "I live in Solo.", assistant: "Nice!" }],
    });
    const run = await runExtractionCase(getDb(), evalCase, base);
    expect(run.final.map((row) => row.detail)).toEqual(["lives in Malang"]);
  });

  it("runs the turns of a case in order, in one chat", async () => {
    const evalCase = extractionCase({
      turns: [
        { user: "I live in Bogor.", assistant: "Rainy!" },
        { user: "I moved to Depok.", assistant: "Welcome!" },
      ],
      expect: {
        stored: [{ topic: "city", detail: ["depok"] }],
        not_stored: [{ topic: "city", detail: ["bogor"] }],
      },
    });
    const run = await runExtractionCase(getDb(), evalCase, base);
    expect(scoreExtraction(evalCase, run)).toMatchObject({ passed: true });
  });

  it("asks the prompt's memory selection, with more memories than fit", async () => {
    const evalCase = retrievalCaseSchema.parse({
      id: "r",
      lang: "en",
      tags: [],
      memories: [
        { type: "dislike", category: "food", topic: "cilantro", detail: "dislikes cilantro" },
      ],
      query: "a salsa recipe without cilantro please",
      relevant: [{ topic: "cilantro" }],
      background: 60,
    });
    const run = await runRetrievalCase(getDb(), evalCase, { base, background });
    expect(run.memories).toBe(61);
    expect(run.selected.length).toBeLessThan(61);
    expect(scoreRetrieval(evalCase, run).passed).toBe(true);
  });

  it("skips semantic retrieval cases without an embedding model, and runs them with one", async () => {
    const semantic = retrievalCaseSchema.parse({
      id: "sem",
      lang: "en",
      tags: ["semantic"],
      memories: [
        {
          type: "interest",
          category: "hobbies",
          topic: "photography",
          detail: "loves photography",
        },
      ],
      query: "tips for fotografi at the beach",
      relevant: [{ topic: "photography" }],
      background: 60,
    });
    const dataset: Dataset = { file: "inline", extraction: [], retrieval: [semantic] };
    const without = await runEval({ datasets: [dataset], background, database: getDb() });
    expect(without.retrieval).toMatchObject({ scores: [], skipped: ["sem"] });
    const embedder: Embedder = {
      modelId: "fake",
      timeoutMs: 1_000,
      embedOne: async (text) => fakeVector(text),
      embedMany: async (texts) => texts.map(fakeVector),
    };
    const withModel = await runEval({
      datasets: [dataset],
      background,
      database: getDb(),
      embedder,
    });
    expect(withModel.retrieval.skipped).toEqual([]);
    expect(withModel.retrieval.scores[0]?.passed).toBe(true);
  });

  it("scores a case that cannot run as failed, and still runs the others", async () => {
    const db = getDb();
    const twice = { type: "fact", category: "location", topic: "city", detail: "lives in Bandung" };
    const dataset: Dataset = {
      file: "inline",
      extraction: [
        extractionCase({
          id: "broken",
          memories: [twice, { ...twice, detail: "lives in Medan" }],
          turns: [{ user: "hello", assistant: "hi" }],
        }),
        extractionCase({
          id: "fine",
          turns: [{ user: "I live in Bandung.", assistant: "Nice" }],
          expect: { stored: [{ topic: "city" }] },
        }),
      ],
      retrieval: [],
    };
    const result = await runEval({
      datasets: [dataset],
      background: [],
      database: db,
    });
    const [broken, fine] = result.extraction.scores;
    expect(broken?.passed).toBe(false);
    expect(broken?.errors[0]).toMatch(/could not run/);
    expect(fine?.passed).toBe(true);
    expect(result.extraction.metrics.all).toMatchObject({ cases: 2, passed: 1, errors: 1 });
  });
});

/** "photo" anywhere (photography, fotografi): one direction; anything else: another. */
function fakeVector(text: string): number[] {
  return /photo|foto/i.test(text) ? [1, 0, 0] : [0, 1, 0.1];
}
