/**
 * Server profiles: the mock behaves like a particular kind of OpenAI-compatible server, as its
 * documentation (or its known error messages) describe it. A profile can refuse request
 * features with that server's 400, change how the model's text looks (a Markdown fence, a
 * preamble, `<think>` reasoning), send reasoning in a separate delta field, or leave out usage.
 * Set one with `--profile NAME` or `POST /__mock/config { "profile": NAME }`.
 */
import type { JsonObject } from "./openai";
import type { RequestKind } from "./types";

export const MOCK_PROFILE_NAMES = [
  "openai",
  "json-object-only",
  "json-schema-only",
  "tools-only",
  "text-only",
  "fenced-json",
  "preamble-json",
  "think-tags",
  "reasoning-content",
  "reasoning-field",
  "no-usage",
  "max-completion-tokens",
  "no-temperature",
] as const;
export type MockProfileName = (typeof MOCK_PROFILE_NAMES)[number];

/** Appears in every piece of mock reasoning: it must never reach a stored reply or memory. */
export const MOCK_REASONING_MARKER = "MOCKTHOUGHT";

export interface Refusal {
  status: number;
  message: string;
  param: string | null;
  code: string | null;
}

export interface MockProfile {
  /** Which real servers behave this way. */
  like: string;
  /** The server's 400 for a request it does not take; null when it takes it. */
  refuse(body: JsonObject): Refusal | null;
  /** How the model's text looks (for extraction answers and chat replies). */
  content(text: string, kind: RequestKind): string;
  /** Reasoning sent in a separate field beside the content. */
  reasoningField: "reasoning_content" | "reasoning" | null;
  /** Whether usage is reported (streamed when asked with stream_options, and in JSON answers). */
  usage: boolean;
}

const accept = (): Refusal | null => null;
const asIs = (text: string) => text;

function formatType(body: JsonObject): string | null {
  const format = body.response_format;
  if (typeof format !== "object" || format === null || Array.isArray(format)) return null;
  const type = (format as JsonObject).type;
  return typeof type === "string" ? type : null;
}

const hasTools = (body: JsonObject) => Array.isArray(body.tools) && body.tools.length > 0;

const invalid = (message: string, param: string | null, code: string | null = null): Refusal => ({
  status: 400,
  message,
  param,
  code,
});

/** Azure's and several gateways' wording for a field they do not pass on. */
const unrecognized = (field: string) =>
  invalid(`Unrecognized request argument supplied: ${field}`, null);

/** What a reasoning model thinks first: it mentions the marker and drafts a wrong answer. */
export function mockReasoning(kind: RequestKind): string {
  return kind === "extraction"
    ? `The user might live in Atlantis (${MOCK_REASONING_MARKER}). Draft: {"preferences":[{"type":"fact","category":"location","topic":"city","detail":"Atlantis","confidence_score":1,"source_text":"${MOCK_REASONING_MARKER}","explicit":true}],"forget":[]} — no, that is not in the message.`
    : `Let me think about how to answer (${MOCK_REASONING_MARKER}).`;
}

const base: MockProfile = {
  like: "OpenAI: json_schema, json_object, tools, usage",
  refuse: accept,
  content: asIs,
  reasoningField: null,
  usage: true,
};

export const MOCK_PROFILES: Record<MockProfileName, MockProfile> = {
  openai: base,
  "json-object-only": {
    ...base,
    like: "DeepSeek's API: JSON Output is response_format json_object only",
    refuse: (body) =>
      formatType(body) === "json_schema"
        ? invalid("This response_format type is unavailable now", null, "invalid_request_error")
        : null,
  },
  "json-schema-only": {
    ...base,
    like: "LM Studio: structured output through json_schema only",
    refuse: (body) =>
      formatType(body) === "json_object"
        ? invalid("'response_format.type' must be 'json_schema' or 'text'", null)
        : null,
  },
  "tools-only": {
    ...base,
    like: "a gateway that passes tools through but not response_format",
    refuse: (body) => (formatType(body) ? unrecognized("response_format") : null),
  },
  "text-only": {
    ...base,
    like: "a gateway that passes neither response_format nor tools: plain text only",
    refuse: (body) => {
      if (formatType(body)) return unrecognized("response_format");
      return hasTools(body) ? unrecognized("tools") : null;
    },
  },
  "fenced-json": {
    ...base,
    like: "a server that takes response_format without enforcing it, and a model that fences its JSON",
    content: (text, kind) => (kind === "extraction" ? `\`\`\`json\n${text}\n\`\`\`` : text),
  },
  "preamble-json": {
    ...base,
    like: "a weaker local model that talks before and after its JSON",
    content: (text, kind) =>
      kind === "extraction"
        ? `Sure! Here is what I found about the user:\n\n${text}\n\nLet me know if you need anything else.`
        : text,
  },
  "think-tags": {
    ...base,
    like: "reasoning in the content: Groq's raw format, llama.cpp --reasoning-format none, Qwen3 / DeepSeek-R1",
    content: (text, kind) => `<think>\n${mockReasoning(kind)}\n</think>\n\n${text}`,
  },
  "reasoning-content": {
    ...base,
    like: "reasoning_content deltas: DeepSeek's reasoner, llama.cpp, vLLM before 0.11",
    reasoningField: "reasoning_content",
  },
  "reasoning-field": {
    ...base,
    like: "reasoning deltas: Ollama, vLLM 0.11+, Groq's parsed format",
    reasoningField: "reasoning",
  },
  "no-usage": {
    ...base,
    like: "a server that never reports usage (older llama.cpp and gateways)",
    usage: false,
  },
  "max-completion-tokens": {
    ...base,
    like: "OpenAI reasoning models: max_tokens refused, max_completion_tokens taken",
    refuse: (body) =>
      body.max_tokens === undefined
        ? null
        : invalid(
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
            "max_tokens",
            "unsupported_parameter",
          ),
  },
  "no-temperature": {
    ...base,
    like: "OpenAI reasoning models: only the default temperature",
    refuse: (body) =>
      body.temperature === undefined || body.temperature === 1
        ? null
        : invalid(
            `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
            "temperature",
            "unsupported_value",
          ),
  },
};

export function isMockProfileName(value: unknown): value is MockProfileName {
  return typeof value === "string" && (MOCK_PROFILE_NAMES as readonly string[]).includes(value);
}
