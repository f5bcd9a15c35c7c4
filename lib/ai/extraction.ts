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
  if (output.preferences.length + output.forget.length > MAX_ITEMS) {
    throw new ExtractionOutputError(
      `oversized output: ${output.preferences.length} preferences and ${output.forget.length} forget items`,
    );
  }
  return {
    output,
    modelId,
    latencyMs: Math.round(performance.now() - started),
    inputTokens: result.usage.inputTokens,
    outputTokens: result.usage.outputTokens,
  };
}
