/**
 * The eval's case format (documented in eval/README.md): JSON Lines, one case per line. A line
 * with `turns` is an extraction case — conversations run through the real pipeline, then the
 * stored memories are compared with `expect`. A line with `query` is a retrieval case — memories
 * exist, the user sends `query`, and the memories chosen for the prompt are compared with
 * `relevant`. Parsing is strict: an unknown field is a typo, and a typo in an expectation would
 * silently make it pass.
 */
import { z } from "zod";
import { MEMORY_TYPES } from "@/lib/memory/vocabulary";

const nonEmpty = z.string().trim().min(1);

/** A memory that exists before the case's turns (or, for retrieval, when the query arrives). */
export const seedMemorySchema = z.strictObject({
  type: z.enum(MEMORY_TYPES),
  category: nonEmpty,
  topic: nonEmpty,
  detail: nonEmpty,
  source: z.enum(["inferred", "explicit", "user"]).default("inferred"),
  status: z.enum(["active", "suggested"]).default("active"),
  /** The user pressed Confirm on it. */
  confirmed: z.boolean().default(false),
  /** Defaults: 1 for explicit and user-written memories, 0.9 for inferred ones. */
  confidence: z.number().min(0).max(1).optional(),
  /**
   * When it was observed relative to the turns: "before" (default), or "after" — a memory from
   * a later message, so the case's turns arrive out of order (a late or retried job).
   */
  observed: z.enum(["before", "after"]).default("before"),
});
export type SeedMemory = z.infer<typeof seedMemorySchema>;

/**
 * Describes a memory: every given field must match. `type`, `category`, `status` and `source`
 * exactly, `topic` by its normalised key, and each `detail` entry is "a|b|c" — one of the
 * alternatives must occur in the detail (case-insensitive substring).
 */
export const matcherSchema = z
  .strictObject({
    type: z.enum(MEMORY_TYPES).optional(),
    category: nonEmpty.optional(),
    topic: nonEmpty.optional(),
    detail: z.array(nonEmpty).min(1).optional(),
    status: z.enum(["active", "suggested"]).optional(),
    source: z.enum(["inferred", "explicit", "user"]).optional(),
  })
  .refine((matcher) => Object.values(matcher).some((value) => value !== undefined), {
    message: "a matcher needs at least one field",
  });
export type Matcher = z.infer<typeof matcherSchema>;

const turnSchema = z.strictObject({ user: nonEmpty, assistant: z.string() });

const caseId = z.string().regex(/^[\p{L}\p{N}._-]+$/u, "letters, digits, '.', '_' or '-'");
const common = {
  id: caseId,
  lang: z.string().regex(/^[a-z]{2,3}$/, "an ISO 639 code such as en or id"),
  tags: z.array(nonEmpty).default([]),
  memories: z.array(seedMemorySchema).default([]),
};

export const extractionCaseSchema = z.strictObject({
  ...common,
  turns: z.array(turnSchema).min(1),
  expect: z.strictObject({
    stored: z.array(matcherSchema).default([]),
    not_stored: z.array(matcherSchema).default([]),
    forgotten: z.array(matcherSchema).default([]),
    /** Any stored memory the turns created or changed that `stored` does not describe is wrong. */
    exhaustive: z.boolean().default(false),
  }),
});
export type ExtractionCase = z.infer<typeof extractionCaseSchema>;

export const retrievalCaseSchema = z.strictObject({
  ...common,
  query: nonEmpty,
  relevant: z.array(matcherSchema).min(1),
  /** How many memories of the shared background pool the user also has (observed later). */
  background: z.number().int().min(0).default(0),
  /** The prompt's memory token budget; default: the product's. */
  budget: z.number().int().positive().optional(),
});
export type RetrievalCase = z.infer<typeof retrievalCaseSchema>;

export type Dataset = {
  file: string;
  extraction: ExtractionCase[];
  retrieval: RetrievalCase[];
};

export class DatasetError extends Error {
  override name = "DatasetError";
}

/** Parses a JSON Lines dataset; every problem is reported with its line, all at once. */
export function parseDataset(text: string, file: string): Dataset {
  const dataset: Dataset = { file, extraction: [], retrieval: [] };
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("//")) return;
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problems.push(`${where}: not JSON (${(error as Error).message})`);
      return;
    }
    const isRetrieval = typeof value === "object" && value !== null && "query" in value;
    const parsed = (isRetrieval ? retrievalCaseSchema : extractionCaseSchema).safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (issue) => `${issue.path.join(".") || "(case)"}: ${issue.message}`,
      );
      problems.push(`${where}: ${issues.join("; ")}`);
      return;
    }
    if (seen.has(parsed.data.id)) {
      problems.push(`${where}: duplicate id ${parsed.data.id}`);
      return;
    }
    seen.add(parsed.data.id);
    if ("query" in parsed.data) dataset.retrieval.push(parsed.data);
    else dataset.extraction.push(parsed.data);
  });
  if (problems.length > 0) throw new DatasetError(problems.join("\n"));
  return dataset;
}

/** The background pool: one seed memory per line. */
export function parseBackground(text: string, file: string): SeedMemory[] {
  const problems: string[] = [];
  const pool: SeedMemory[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("//")) return;
    try {
      const parsed = seedMemorySchema.safeParse(JSON.parse(line));
      if (parsed.success) pool.push(parsed.data);
      else problems.push(`${file}:${index + 1}: ${parsed.error.issues[0]?.message}`);
    } catch (error) {
      problems.push(`${file}:${index + 1}: not JSON (${(error as Error).message})`);
    }
  });
  if (problems.length > 0) throw new DatasetError(problems.join("\n"));
  return pool;
}
