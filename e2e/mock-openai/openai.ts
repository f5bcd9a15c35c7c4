/**
 * OpenAI Chat Completions wire format as the mock speaks it: reading the request (message text,
 * kind), the deterministic default answers, and the JSON shapes of completions, stream chunks,
 * usage and errors — the shapes `@ai-sdk/openai` 3's chat model parses.
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

/** A request with a JSON `response_format` (json_schema or json_object) is an extraction. */
export function requestKind(body: JsonObject): RequestKind {
  const format = body.response_format;
  return isObject(format) && (format.type === "json_schema" || format.type === "json_object")
    ? "extraction"
    : "chat";
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

export function completion(meta: CompletionMeta, content: string, used: Usage): JsonObject {
  return {
    ...envelope(meta, "chat.completion"),
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: null },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: used,
  };
}

export function contentChunk(meta: CompletionMeta, content: string, first: boolean): JsonObject {
  const delta = first ? { role: "assistant", content } : { content };
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

export function errorBody(status: number, message: string): JsonObject {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? "server_error" : "invalid_request_error");
  return { error: { message, type, param: null, code: String(status) } };
}
