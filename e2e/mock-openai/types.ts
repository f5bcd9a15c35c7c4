/**
 * Shared types of the mock OpenAI-compatible server: the scripting rules, the request log and the
 * run-time configuration. Imported by the server, the typed client and the tests; no runtime code.
 */

import type { MockProfileName } from "./profiles";

/**
 * "extraction" = a request for structured output: a JSON `response_format`, `tools`, or — for
 * servers with neither — a JSON Schema in the system message. Everything else is "chat".
 */
export type RequestKind = "chat" | "extraction";

/** What a matching rule answers. */
export type MockResponse =
  /**
   * Reply text: streamed word by word, or returned as `message.content`. `reasoning` is sent
   * before it as `reasoning_content` deltas (or the message field), like DeepSeek's reasoner.
   */
  | { type: "text"; text: string; reasoning?: string }
  /** `message.content` becomes `JSON.stringify(body)` (meant for extraction requests). */
  | { type: "json"; body: unknown }
  /** `message.content` exactly as given, e.g. invalid JSON. */
  | { type: "raw"; content: string }
  /** An HTTP error with an OpenAI-style `{ error: { message, type, code } }` body. */
  | { type: "error"; status: number; message?: string }
  /** Accept the request and never answer until the client disconnects or the server closes. */
  | { type: "hang" }
  /** Streaming: send N content chunks, then destroy the socket. Not streaming: destroy it. */
  | { type: "break-stream"; afterChunks: number }
  /** Streaming: send `data: {not json` lines and end. Not streaming: a 200 with an invalid body. */
  | { type: "malformed-stream" };

export interface MockRuleInput {
  /** Substring searched in the concatenated text of all the request's messages ("" = any). */
  match: string;
  /** Restrict the rule to chat or extraction requests; default "any". */
  kind?: RequestKind | "any";
  /** Consume the rule after its first use; default false (persists until reset). */
  once?: boolean;
  response: MockResponse;
  /** Replaces the default wait before the answer / first token (ms). */
  delayMs?: number;
  /** Replaces the default wait between streamed chunks (ms). */
  tokenDelayMs?: number;
}

export interface MockRule extends MockRuleInput {
  id: string;
}

/** How a recorded request ended (from the mock's point of view). */
export type RequestOutcome =
  /** Still being answered (waiting, streaming or hanging). */
  | "pending"
  /** The whole response was written. */
  | "completed"
  /** The client went away before the response was complete (e.g. a Stop button). */
  | "client-closed"
  /** The mock destroyed the socket on purpose (break-stream rule). */
  | "broken"
  /** The mock server was closed while the request was open. */
  | "server-closed";

export interface RecordedRequest {
  id: number;
  kind: RequestKind;
  /** Epoch ms (Date.now()) when the request body was received. */
  receivedAt: number;
  /** Epoch ms when the last byte of the response was written; null unless it completed. */
  completedAt: number | null;
  model: string;
  stream: boolean;
  /** The `messages` array as received. */
  messages: unknown[];
  /** The full parsed request body. */
  body: Record<string, unknown>;
  headers: { authorization?: string };
  /** HTTP status sent; 0 while none was sent (hang, or socket destroyed before any header). */
  status: number;
  outcome: RequestOutcome;
  /** The rule that answered, or null for the default answer. */
  ruleId: string | null;
}

export interface RequestFilter {
  /** Substring of the concatenated message text. */
  contains?: string;
  kind?: RequestKind;
}

export interface MockConfig {
  /** Which kind of server the mock behaves like (see profiles.ts); default "openai". */
  profile: MockProfileName;
  /** When set, requests must send `Authorization: Bearer <apiKey>` (else 401). */
  apiKey: string | null;
  /** Whether `GET /v1/models` is offered (some gateways answer 404). */
  listModels: boolean;
  /** Wait before the first streamed content chunk (and before a non-streaming chat answer). */
  firstTokenDelayMs: number;
  /** Wait between streamed chunks. */
  tokenDelayMs: number;
  /** Wait before answering an extraction request. */
  extractionDelayMs: number;
}
