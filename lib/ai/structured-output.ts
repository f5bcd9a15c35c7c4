/**
 * Asking a model for an object that matches a zod schema, on whatever the endpoint supports.
 * The modes, best first: `json_schema` (the server enforces the schema), `json_object` (JSON
 * mode, the schema in the instructions), a forced `tool` call whose arguments are the object,
 * and plain `text` (the schema in the instructions, the JSON read out of the answer). When the
 * endpoint refuses a mode (a 400 naming `response_format` or `tools`) the next one is tried
 * and remembered for the endpoint, so later calls start there. Whatever the mode, the answer
 * must pass the same zod schema; a mode only changes how the question is asked.
 */
import "server-only";
import {
  asSchema,
  generateText,
  JSONParseError,
  jsonSchema,
  type LanguageModel,
  type LanguageModelUsage,
  NoObjectGeneratedError,
  type OutputInterface,
  ToolChoiceViolationError,
  TypeValidationError,
  tool,
} from "ai";
import type { z } from "zod";
import {
  capabilitiesOf,
  learnCapability,
  nextMode,
  type StructuredOutputMode,
} from "./endpoint-capabilities";
import { readJsonObject } from "./json-text";
import { refusedFeature } from "./refusals";

export type StructuredRequest<T> = {
  model: LanguageModel;
  /** Where what works is remembered; null for the offline model, which always takes a schema. */
  endpointKey: string | null;
  /** Use only this mode (an operator's override, or the doctor testing one mode). */
  mode?: StructuredOutputMode;
  schema: z.ZodType<T>;
  /** Names the object for the model: the schema's or the tool's name. */
  name: string;
  description: string;
  instructions: string;
  prompt: string;
  maxOutputTokens: number;
  temperature?: number;
  /** For all attempts together, refusals included. */
  timeoutMs: number;
};

export type StructuredResult<T> = {
  output: T;
  mode: StructuredOutputMode;
  /** Modes the endpoint refused on the way, with its reason. */
  refused: { mode: StructuredOutputMode; reason: string }[];
  usage: LanguageModelUsage;
};

type Context = ConstructorParameters<typeof NoObjectGeneratedError>[0];

export async function generateStructured<T>(
  request: StructuredRequest<T>,
): Promise<StructuredResult<T>> {
  const deadline = performance.now() + request.timeoutMs;
  const key = request.endpointKey;
  let mode: StructuredOutputMode =
    request.mode ?? (key ? capabilitiesOf(key).structuredOutput : undefined) ?? "json_schema";
  const refused: StructuredResult<T>["refused"] = [];
  for (;;) {
    const timeoutMs = Math.max(1, Math.round(deadline - performance.now()));
    try {
      const answer = await generateInMode(request, mode, timeoutMs);
      return { ...answer, mode, refused };
    } catch (error) {
      const next = nextMode(mode);
      if (request.mode || !key || !next || !refusesMode(mode, error)) throw error;
      refused.push({ mode, reason: refusalReason(error) });
      mode = next;
      learnCapability(key, { structuredOutput: mode });
    }
  }
}

function refusesMode(mode: StructuredOutputMode, error: unknown): boolean {
  const feature = refusedFeature(error);
  if (mode === "tool") return feature === "tools";
  return mode !== "text" && feature === "response_format";
}

function refusalReason(error: unknown): string {
  const status = (error as { statusCode?: number }).statusCode;
  const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : "";
  return `${status ? `HTTP ${status}: ` : ""}${message}`.slice(0, 200);
}

async function generateInMode<T>(
  request: StructuredRequest<T>,
  mode: StructuredOutputMode,
  timeoutMs: number,
): Promise<{ output: T; usage: LanguageModelUsage }> {
  const jsonSchemaOfOutput = await asSchema(request.schema).jsonSchema;
  const common = {
    model: request.model,
    instructions: instructionsFor(request, mode, jsonSchemaOfOutput),
    prompt: request.prompt,
    maxRetries: 0, // the caller (the job queue) owns retrying
    maxOutputTokens: request.maxOutputTokens,
    temperature: request.temperature,
    timeout: timeoutMs,
  };

  if (mode === "tool") {
    try {
      const result = await generateText({
        ...common,
        tools: {
          [request.name]: tool({
            description: request.description,
            // Validated below with the zod schema, the same way as every other mode.
            inputSchema: jsonSchema(jsonSchemaOfOutput),
          }),
        },
        toolChoice: { type: "tool", toolName: request.name },
      });
      const context: Context = {
        response: result.response,
        usage: result.usage,
        finishReason: result.finishReason,
      };
      const call = result.content.find((part) => part.type === "tool-call");
      const value = call ? toolInput(call.input) : parseAnswer(result.text, context);
      return { output: validate(request.schema, value, context), usage: result.usage };
    } catch (error) {
      // A server that ignores tool_choice (Ollama) may answer in text, or with arguments the
      // SDK could not parse: the response is still there to read.
      if (!ToolChoiceViolationError.isInstance(error)) throw error;
      return { output: fromViolation(request.schema, error), usage: emptyUsage() };
    }
  }

  const result = await generateText({
    ...common,
    output: jsonOutput(request, mode, jsonSchemaOfOutput),
  });
  return { output: result.output, usage: result.usage };
}

function fromViolation<T>(schema: z.ZodType<T>, error: ToolChoiceViolationError): T {
  const call = error.content.find((part) => part.type === "tool-call");
  const text = error.content.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("");
  if (error.finishReason === "length") throw new JSONParseError({ text: "", cause: error });
  const value = call ? toolInput(call.input) : readJsonObject(text);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw typeValidationError(parsed.error);
}

function emptyUsage(): LanguageModelUsage {
  return {
    inputTokens: undefined,
    inputTokenDetails: {
      noCacheTokens: undefined,
      cacheReadTokens: undefined,
      cacheWriteTokens: undefined,
    },
    outputTokens: undefined,
    outputTokenDetails: { textTokens: undefined, reasoningTokens: undefined },
    totalTokens: undefined,
  };
}

/** Arguments the SDK could not parse arrive as their raw text: repair and read them too. */
function toolInput(input: unknown): unknown {
  return typeof input === "string" ? readJsonObject(input) : input;
}

function instructionsFor(
  request: StructuredRequest<unknown>,
  mode: StructuredOutputMode,
  schema: unknown,
): string {
  if (mode === "json_schema") return request.instructions;
  if (mode === "tool") {
    return `${request.instructions}\n\nAnswer by calling the tool "${request.name}" exactly once with what you found (empty lists when there is nothing).`;
  }
  return `${request.instructions}\n\nAnswer with one JSON object and nothing else: no Markdown fence, no explanation. It must match this JSON Schema:\n${JSON.stringify(schema)}`;
}

/**
 * The AI SDK's output contract, with our reading of the text: the response format of the mode
 * (none for text), then JSON repair and the zod schema.
 */
function jsonOutput<T>(
  request: StructuredRequest<T>,
  mode: StructuredOutputMode,
  schema: Awaited<ReturnType<typeof asSchema>["jsonSchema"]>,
): OutputInterface<T, unknown, never> {
  const responseFormat =
    mode === "json_schema"
      ? { type: "json" as const, schema, name: request.name, description: request.description }
      : mode === "json_object"
        ? { type: "json" as const }
        : { type: "text" as const };
  return {
    name: "object",
    responseFormat: Promise.resolve(responseFormat),
    async parseCompleteOutput({ text }, context) {
      const value = parseAnswer(text, context);
      return validate(request.schema, value, context);
    },
    async parsePartialOutput() {
      return undefined;
    },
    createElementStreamTransform() {
      return undefined;
    },
  };
}

function parseAnswer(text: string, context: Context): unknown {
  if (context.finishReason === "length") {
    // Repair would close the brackets of a cut-off answer and drop what was cut: refuse it.
    throw new NoObjectGeneratedError({
      ...context,
      message: "No object generated: the answer was cut off at the token limit.",
    });
  }
  try {
    return readJsonObject(text);
  } catch (cause) {
    throw new NoObjectGeneratedError({
      ...context,
      message: "No object generated: could not parse the response.",
      cause: cause as Error,
    });
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown, context: Context): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new NoObjectGeneratedError({
    ...context,
    message: "No object generated: response did not match schema.",
    cause: typeValidationError(parsed.error),
  });
}

/** The value quotes the user; the paths of the issues say what was wrong without it. */
function typeValidationError(error: z.ZodError): TypeValidationError {
  const paths = error.issues.map((issue) => issue.path.join(".")).join(", ");
  return new TypeValidationError({ value: undefined, cause: new Error(paths) });
}
