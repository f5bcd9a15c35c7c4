/**
 * OpenAI Chat Completions wire format as the mock speaks it: reading the request (message text,
 * kind), the deterministic default answers, and the JSON shapes of completions, stream chunks,
 * usage, tool calls, reasoning fields and errors — the shapes `@ai-sdk/openai`'s chat model parses.
 */
import type { RequestKind } from "./types";

export const DEFAULT_EXTRACTION_CONTENT = '{"preferences":[],"forget":[]}';

const REPLY_BODY =
  "This is a **deterministic** answer from the mock model.\n\n- first point\n- second point\n";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The text of one message: a string content, or the `text` of its text parts. */
function messageText(message: unknown): string {
  if (!isObject(message)) return "";
  const { content } = message;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (isObject(part) && typeof part.text === "string" ? part.text : ""))
    .filter((text) => text !== "")
    .join("\n");
}

/** The concatenated text of all messages (what rules and log filters match against). */
export function messagesText(messages: unknown[]): string {
  return messages.map(messageText).join("\n");
}

export function lastUserText(messages: unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (isObject(message) && message.role === "user") return messageText(message);
  }
  return "";
}

/**
 * A request for structured output is an extraction: a JSON `response_format` (json_schema or
 * json_object), a `tools` list, or a system message carrying a JSON Schema (how a client asks a
 * server that takes neither).
 */
export function requestKind(body: JsonObject): RequestKind {
  const format = body.response_format;
  if (isObject(format) && (format.type === "json_schema" || format.type === "json_object")) {
    return "extraction";
  }
  if (Array.isArray(body.tools) && body.tools.length > 0) return "extraction";
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const schemaInInstructions = messages.some(
    (message) =>
      isObject(message) &&
      (message.role === "system" || message.role === "developer") &&
      messageText(message).includes('"properties":'),
  );
  return schemaInInstructions ? "extraction" : "chat";
}

/** The function name of the first tool a request offers (what a tool-call answer calls). */
export function requestedToolName(body: JsonObject): string | null {
  if (!Array.isArray(body.tools)) return null;
  const first: unknown = body.tools[0];
  if (!isObject(first) || !isObject(first.function)) return null;
  return typeof first.function.name === "string" ? first.function.name : null;
}

/** `Mock reply to: "<first 60 chars>". ` plus a short Markdown paragraph and list (~25 words). */
export function defaultReply(messages: unknown[]): string {
  return `Mock reply to: "${lastUserText(messages).slice(0, 60)}". ${REPLY_BODY}`;
}

/** Splits text into stream chunks: each word with its following whitespace. */
export function splitIntoChunks(text: string): string[] {
  const words = text.match(/\S+\s*/g);
  if (words === null) return text === "" ? [] : [text];
  const leading = text.match(/^\s+/)?.[0] ?? "";
  words[0] = leading + words[0];
  return words;
}

/** A rough, deterministic token count: whitespace-separated words. */
export function countTokens(text: string): number {
  return text.split(/\s+/).filter((word) => word !== "").length;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export function usage(promptTokens: number, completionTokens: number): Usage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

/** Identity shared by every chunk of one completion. */
export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
}

export function completionMeta(requestId: number, model: string): CompletionMeta {
  return { id: `chatcmpl-mock-${requestId}`, created: Math.floor(Date.now() / 1000), model };
}

/** `id, object, created, model` in OpenAI's order. */
function envelope(meta: CompletionMeta, object: string): JsonObject {
  return { id: meta.id, object, created: meta.created, model: meta.model };
}

/** Reasoning sent beside the content, in the field the profile's server uses. */
export interface Reasoning {
  field: "reasoning_content" | "reasoning";
  text: string;
}

export function completion(
  meta: CompletionMeta,
  content: string,
  used: Usage | null,
  reasoning: Reasoning | null = null,
): JsonObject {
  const message: JsonObject = { role: "assistant", content, refusal: null };
  if (reasoning) message[reasoning.field] = reasoning.text;
  return {
    ...envelope(meta, "chat.completion"),
    choices: [{ index: 0, message, logprobs: null, finish_reason: "stop" }],
    ...(used ? { usage: used } : {}),
  };
}

/** A JSON completion that calls `name` with `args` (finish_reason "tool_calls"). */
export function toolCallCompletion(
  meta: CompletionMeta,
  name: string,
  args: string,
  used: Usage | null,
): JsonObject {
  const call = { id: `call_${meta.id}`, type: "function", function: { name, arguments: args } };
  return {
    ...envelope(meta, "chat.completion"),
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: null, tool_calls: [call], refusal: null },
        logprobs: null,
        finish_reason: "tool_calls",
      },
    ],
    ...(used ? { usage: used } : {}),
  };
}

export function contentChunk(meta: CompletionMeta, content: string, first: boolean): JsonObject {
  const delta = first ? { role: "assistant", content } : { content };
  return {
    ...envelope(meta, "chat.completion.chunk"),
    choices: [{ index: 0, delta, logprobs: null, finish_reason: null }],
  };
}

/**
 * A reasoning delta: DeepSeek sends `content: null` beside `reasoning_content`; Ollama sends an
 * empty content beside `reasoning`.
 */
export function reasoningChunk(
  meta: CompletionMeta,
  field: Reasoning["field"],
  text: string,
  first: boolean,
): JsonObject {
  const delta: JsonObject = {
    ...(first ? { role: "assistant" } : {}),
    content: field === "reasoning" ? "" : null,
    [field]: text,
  };
  return {
    ...envelope(meta, "chat.completion.chunk"),
    choices: [{ index: 0, delta, logprobs: null, finish_reason: null }],
  };
}

export function finishChunk(meta: CompletionMeta): JsonObject {
  return {
    ...envelope(meta, "chat.completion.chunk"),
    choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }],
  };
}

export function usageChunk(meta: CompletionMeta, used: Usage): JsonObject {
  return { ...envelope(meta, "chat.completion.chunk"), choices: [], usage: used };
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  404: "not_found_error",
  413: "invalid_request_error",
  429: "rate_limit_exceeded",
};

export function errorBody(
  status: number,
  message: string,
  details: { param?: string | null; code?: string | null } = {},
): JsonObject {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? "server_error" : "invalid_request_error");
  const code = details.code === undefined ? String(status) : details.code;
  return { error: { message, type, param: details.param ?? null, code } };
}
