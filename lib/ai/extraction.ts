/**
 * One call of the extraction model: structured output validated against the zod schema, asked
 * for in the best way the endpoint accepts (see structured-output.ts). No retries here — the
 * job queue owns retrying — and one time limit for the call, fallbacks included.
 */
import "server-only";
import { getEnv } from "@/lib/env";
import { type ExtractionOutput, extractionOutputSchema } from "@/lib/memory/extraction-schema";
import type { StructuredOutputMode } from "./endpoint-capabilities";
import {
  buildExtractionPrompt,
  EXTRACTION_INSTRUCTIONS,
  type ExtractionPromptInput,
} from "./extraction-prompt";
import { getModel, type ResolvedModel } from "./providers";
import { generateStructured, type StructuredResult } from "./structured-output";

/** More than this many items from one turn is not an extraction but a runaway model. */
const MAX_ITEMS = 25;
/**
 * Longest field values accepted from the model: the limits of a memory the user writes by hand
 * (and of the memory page's Undo). Anything longer is runaway output, refused as a whole rather
 * than stored and then carried into every later prompt.
 */
const MAX_FIELD_CHARS = { category: 60, topic: 120, detail: 1000, source_text: 2000 } as const;

export const EXTRACTION_OUTPUT_NAME = "memory_extraction";

export type ExtractionCall = {
  output: ExtractionOutput;
  modelId: string;
  latencyMs: number;
  inputTokens?: number;
  outputTokens?: number;
  /** How the JSON was asked for. */
  mode: StructuredOutputMode;
};

export class ExtractionOutputError extends Error {
  override name = "ExtractionOutputError";
}

export async function callExtractionModel(input: ExtractionPromptInput): Promise<ExtractionCall> {
  const resolved = getModel("extraction");
  const env = getEnv();
  const started = performance.now();
  const result = await requestExtraction(resolved, buildExtractionPrompt(input), {
    timeoutMs: env.EXTRACTION_TIMEOUT_MS,
    mode: env.EXTRACTION_STRUCTURED_OUTPUT,
  });
  checkOutputSize(result.output);
  return {
    output: result.output,
    modelId: resolved.modelId,
    latencyMs: Math.round(performance.now() - started),
    inputTokens: result.usage.inputTokens,
    outputTokens: result.usage.outputTokens,
    mode: result.mode,
  };
}

/**
 * The extraction request itself, shared with the doctor. `mode` is EXTRACTION_STRUCTURED_OUTPUT:
 * "auto" finds and remembers what the endpoint accepts; a mode uses only that one.
 */
export function requestExtraction(
  resolved: ResolvedModel,
  prompt: string,
  options: { timeoutMs: number; mode: StructuredOutputMode | "auto"; maxOutputTokens?: number },
): Promise<StructuredResult<ExtractionOutput>> {
  // The offline model always takes a schema; an override applies to real endpoints only.
  const mode = resolved.offline
    ? "json_schema"
    : options.mode === "auto"
      ? undefined
      : options.mode;
  return generateStructured({
    model: resolved.model,
    endpointKey: resolved.endpointKey,
    mode,
    schema: extractionOutputSchema,
    name: EXTRACTION_OUTPUT_NAME,
    description: "What this turn reveals about the user",
    instructions: EXTRACTION_INSTRUCTIONS,
    prompt,
    maxOutputTokens: options.maxOutputTokens ?? getEnv().EXTRACTION_MAX_OUTPUT_TOKENS,
    // The same turn should give the same memories; endpoints that refuse it fall back.
    temperature: 0,
    timeoutMs: options.timeoutMs,
  });
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
