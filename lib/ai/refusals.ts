/**
 * Reading an endpoint's refusal: a 400 (or 422, or 501) whose error names a request feature the
 * server or model does not take — `response_format` (DeepSeek offers `json_object` only, LM
 * Studio `json_schema` only), `tools`, `max_tokens` (OpenAI's reasoning models want
 * `max_completion_tokens`) or `temperature` (the same models take only the default). Anything
 * else — a 5xx, a timeout, a bad key — is an ordinary failure, not a reason to ask differently.
 */
import { APICallError } from "ai";

export type RefusedFeature = "response_format" | "tools" | "max_tokens" | "temperature";

const REFUSAL_STATUSES = new Set([400, 422, 501]);

/** Longest part of an error body read: enough for any server's message, bounded for the rest. */
const MAX_BODY_CHARS = 2_000;

const FEATURE_WORDS: [RefusedFeature, string[]][] = [
  ["response_format", ["response_format", "json_schema", "json_object", "structured output"]],
  ["tools", ["tool_choice", "tools", "tool call", "function call"]],
  ["max_tokens", ["max_tokens"]],
  ["temperature", ["temperature"]],
];

export function refusedFeature(error: unknown): RefusedFeature | null {
  if (!APICallError.isInstance(error)) return null;
  if (!REFUSAL_STATUSES.has(error.statusCode ?? 0)) return null;
  const param = errorParam(error.data);
  if (param) {
    for (const [feature] of FEATURE_WORDS) {
      if (param === feature || param.startsWith(`${feature}.`)) return feature;
    }
    if (param === "tool_choice") return "tools";
  }
  const text = `${error.message} ${(error.responseBody ?? "").slice(0, MAX_BODY_CHARS)}`
    .toLowerCase()
    .replaceAll("-", "_");
  for (const [feature, words] of FEATURE_WORDS) {
    if (words.some((word) => text.includes(word.replaceAll("-", "_")))) return feature;
  }
  return null;
}

/** The `param` of an OpenAI-style error body (`{ error: { param } }`), when there is one. */
function errorParam(data: unknown): string | null {
  if (typeof data !== "object" || data === null) return null;
  const inner = (data as { error?: unknown }).error;
  if (typeof inner !== "object" || inner === null) return null;
  const param = (inner as { param?: unknown }).param;
  return typeof param === "string" ? param.toLowerCase() : null;
}
