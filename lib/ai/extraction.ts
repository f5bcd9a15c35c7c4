/**
 * One call of the extraction model: structured output validated against the zod schema.
 * No retries here — the job queue owns retrying — and a hard time limit per call.
 */
import "server-only";
import { generateText, Output } from "ai";
import { getEnv } from "@/lib/env";
import { type ExtractionOutput, extractionOutputSchema } from "@/lib/memory/extraction-schema";
import {
  buildExtractionPrompt,
  EXTRACTION_INSTRUCTIONS,
  type ExtractionPromptInput,
} from "./extraction-prompt";
import { getModel } from "./providers";

/** More than this many items from one turn is not an extraction but a runaway model. */
const MAX_ITEMS = 25;
/**
 * Longest field values accepted from the model: the limits of a memory the user writes by hand
 * (and of the memory page's Undo). Anything longer is runaway output, refused as a whole rather
 * than stored and then carried into every later prompt.
 */
const MAX_FIELD_CHARS = { category: 60, topic: 120, detail: 1000, source_text: 2000 } as const;

export type ExtractionCall = {
  output: ExtractionOutput;
  modelId: string;
  latencyMs: number;
  inputTokens?: number;
  outputTokens?: number;
};

export class ExtractionOutputError extends Error {
  override name = "ExtractionOutputError";
}

export async function callExtractionModel(input: ExtractionPromptInput): Promise<ExtractionCall> {
  const { model, modelId } = getModel("extraction");
  const started = performance.now();
  const result = await generateText({
    model,
    system: EXTRACTION_INSTRUCTIONS,
    prompt: buildExtractionPrompt(input),
    output: Output.object({
      schema: extractionOutputSchema,
      name: "memory_extraction",
      description: "What this turn reveals about the user",
    }),
    maxRetries: 0,
    maxOutputTokens: 4000,
    timeout: getEnv().EXTRACTION_TIMEOUT_MS,
  });
  const output = result.output;
  checkOutputSize(output);
  return {
    output,
    modelId,
    latencyMs: Math.round(performance.now() - started),
    inputTokens: result.usage.inputTokens,
    outputTokens: result.usage.outputTokens,
  };
}

/** Throws when the output is too large to be a real extraction (the job then retries or fails). */
export function checkOutputSize(output: ExtractionOutput): void {
  if (output.preferences.length + output.forget.length > MAX_ITEMS) {
    throw new ExtractionOutputError(
      `oversized output: ${output.preferences.length} preferences and ${output.forget.length} forget items`,
    );
  }
  for (const item of [...output.preferences, ...output.forget]) {
    for (const [field, limit] of Object.entries(MAX_FIELD_CHARS)) {
      const value = (item as Record<string, unknown>)[field];
      if (typeof value === "string" && value.length > limit) {
        throw new ExtractionOutputError(
          `oversized output: a ${field} of ${value.length} characters (limit ${limit})`,
        );
      }
    }
  }
}
