/**
 * The contract between Ingat and the extraction model: what one turn may teach us
 * about the user. Every field is required (nullable where optional) because OpenAI's strict
 * structured output rejects optional properties.
 */
import { z } from "zod";
import { MEMORY_TYPES, SUGGESTED_CATEGORIES } from "./vocabulary";

/** Categories stored only as suggestions unless the user asked explicitly. */
export const SENSITIVE_CATEGORIES = ["health", "religion", "politics", "sexuality", "finances"];

export const preferenceSchema = z.object({
  type: z.enum(MEMORY_TYPES).describe("fact, interest, goal or dislike"),
  category: z
    .string()
    .describe(`lower-case category, preferably one of: ${SUGGESTED_CATEGORIES.join(", ")}`),
  topic: z.string().describe("short noun phrase naming what this is about, e.g. 'job', 'city'"),
  detail: z.string().describe("what is true about the user, in a short phrase"),
  confidence_score: z
    .number()
    .describe("0..1, how sure the user really said this about themselves"),
  source_text: z.string().describe("the user's own words, copied exactly from the user message"),
  explicit: z.boolean().describe("true only when the user asked to remember it"),
});
export type Preference = z.infer<typeof preferenceSchema>;

export const forgetSchema = z.object({
  category: z.string(),
  topic: z.string(),
  source_text: z.string().describe("the user's words asking to forget, copied exactly"),
});
export type Forget = z.infer<typeof forgetSchema>;

export const extractionOutputSchema = z.object({
  preferences: z.array(preferenceSchema),
  forget: z.array(forgetSchema),
});
export type ExtractionOutput = z.infer<typeof extractionOutputSchema>;
