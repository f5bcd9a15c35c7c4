/**
 * `POST /v1/chat/completions`: validates and records the request; refuses it as the configured
 * server profile would (before any rule is used); picks the matching rule (or the default
 * answer) and answers it — streamed, as one JSON completion, as a tool call, as an error, or by
 * misbehaving on purpose (hang, broken or malformed stream). Client disconnects stop all work.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseJson, readBody, sendJson, sleep, untilAborted } from "./http";
import {
  completion,
  completionMeta,
  countTokens,
  DEFAULT_EXTRACTION_CONTENT,
  defaultReply,
  errorBody,
  isObject,
  type JsonObject,
  messagesText,
  type Reasoning,
  requestedToolName,
  requestKind,
  splitIntoChunks,
  toolCallCompletion,
  usage,
} from "./openai";
import { MOCK_PROFILES, type MockProfile, mockReasoning } from "./profiles";
import { type StreamEnd, streamCompletion, streamMalformed } from "./sse";
import type { MockState, OpenExchange } from "./state";
import type { MockRule, RecordedRequest } from "./types";

export async function handleChatCompletion(
  state: MockState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const read = await readBody(req);
  if (!read.ok) {
    if (read.reason === "too-large") {
      res.setHeader("connection", "close");
      sendJson(res, 413, errorBody(413, "Request body is larger than 5 MB."));
    }
    return;
  }
  const body = parseJson(read.text);
  if (!isObject(body)) {
    sendJson(res, 400, errorBody(400, "The request body is not a valid JSON object."));
    return;
  }
  if (!Array.isArray(body.messages)) {
    sendJson(res, 400, errorBody(400, "'messages' is required and must be an array."));
    return;
  }

  const messages: unknown[] = body.messages;
  const kind = requestKind(body);
  const authorization = req.headers.authorization;
  if (!authorized(state, authorization)) {
    sendJson(res, 401, errorBody(401, INVALID_KEY, { code: "invalid_api_key" }));
    return;
  }
  const profile = MOCK_PROFILES[state.config.profile];
  // A real server refuses before its model runs: a refused request uses up no rule.
  const refusal = profile.refuse(body);
  const rule = refusal ? null : state.rules.take(kind, messagesText(messages));
  const record = state.log.add({
    kind,
    receivedAt: Date.now(),
    completedAt: null,
    model: typeof body.model === "string" ? body.model : "",
    stream: body.stream === true,
    messages,
    body,
    headers: authorization === undefined ? {} : { authorization },
    status: 0,
    outcome: "pending",
    ruleId: rule?.id ?? null,
  });

  const exchange: OpenExchange = { record, controller: new AbortController() };
  state.open.add(exchange);
  res.on("close", () => {
    if (record.outcome === "pending") record.outcome = "client-closed";
    exchange.controller.abort();
    state.open.delete(exchange);
  });

  if (refusal) {
    complete(record, refusal.status);
    sendJson(res, refusal.status, errorBody(refusal.status, refusal.message, refusal));
    return;
  }
  await answer(state, res, exchange, body, rule, profile);
}

export const INVALID_KEY = "Incorrect API key provided. You can find your API key in your account.";

export function authorized(state: MockState, authorization: string | undefined): boolean {
  return state.config.apiKey === null || authorization === `Bearer ${state.config.apiKey}`;
}

async function answer(
  state: MockState,
  res: ServerResponse,
  { record, controller: { signal } }: OpenExchange,
  body: JsonObject,
  rule: MockRule | null,
  profile: MockProfile,
): Promise<void> {
  const { config } = state;
  const delayMs =
    rule?.delayMs ??
    (record.kind === "extraction" ? config.extractionDelayMs : config.firstTokenDelayMs);
  const tokenDelayMs = rule?.tokenDelayMs ?? config.tokenDelayMs;
  const response = rule?.response;

  if (response?.type === "hang") {
    await untilAborted(signal);
    return;
  }

  if (response?.type === "error") {
    if (!(await sleep(delayMs, signal))) return;
    const message = response.message ?? `Mock error ${response.status}.`;
    complete(record, response.status);
    sendJson(res, response.status, errorBody(response.status, message));
    return;
  }

  if (response?.type === "malformed-stream") {
    if (record.stream) {
      record.status = 200;
      settle(record, await streamMalformed(res, signal, delayMs), res);
    } else if (await sleep(delayMs, signal)) {
      complete(record, 200);
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{not json");
    }
    return;
  }

  const breakAfterChunks = response?.type === "break-stream" ? response.afterChunks : undefined;
  if (breakAfterChunks !== undefined && !record.stream) {
    if (!(await sleep(delayMs, signal))) return;
    record.outcome = "broken";
    res.destroy();
    return;
  }

  const raw = response?.type === "raw";
  const content = raw
    ? replyContent(record, rule)
    : profile.content(replyContent(record, rule), record.kind);
  const reasoning = reasoningOf(record, rule, profile);
  const promptTokens = countTokens(messagesText(record.messages));
  const meta = completionMeta(record.id, record.model || "mock-model");

  if (record.stream) {
    const chunks = splitIntoChunks(content);
    const streamOptions = body.stream_options;
    const includeUsage = isObject(streamOptions) && streamOptions.include_usage === true;
    record.status = 200;
    const end = await streamCompletion(res, signal, {
      meta,
      chunks,
      firstDelayMs: delayMs,
      tokenDelayMs,
      usage: includeUsage && profile.usage ? usage(promptTokens, chunks.length) : null,
      breakAfterChunks,
      reasoning,
    });
    settle(record, end, res);
    return;
  }

  if (!(await sleep(delayMs, signal))) return;
  const used = profile.usage ? usage(promptTokens, countTokens(content)) : null;
  const toolName = record.kind === "extraction" ? requestedToolName(body) : null;
  complete(record, 200);
  sendJson(
    res,
    200,
    toolName
      ? toolCallCompletion(meta, toolName, content, used)
      : completion(meta, content, used, reasoning),
  );
}

/** Reasoning sent beside the content: a rule's own, or the profile's. */
function reasoningOf(
  record: RecordedRequest,
  rule: MockRule | null,
  profile: MockProfile,
): Reasoning | null {
  const response = rule?.response;
  if (response?.type === "text" && response.reasoning !== undefined) {
    return { field: profile.reasoningField ?? "reasoning_content", text: response.reasoning };
  }
  return profile.reasoningField
    ? { field: profile.reasoningField, text: mockReasoning(record.kind) }
    : null;
}

/** The reply text / message content of a request that gets a normal answer. */
function replyContent(record: RecordedRequest, rule: MockRule | null): string {
  const response = rule?.response;
  if (response?.type === "text") return response.text;
  if (response?.type === "json") return JSON.stringify(response.body ?? null);
  if (response?.type === "raw") return response.content;
  return record.kind === "extraction" ? DEFAULT_EXTRACTION_CONTENT : defaultReply(record.messages);
}

/** Marks a response as completed; call right before writing its last byte. */
function complete(record: RecordedRequest, status: number): void {
  record.status = status;
  record.completedAt = Date.now();
  record.outcome = "completed";
}

/** Records how a stream ended; destroys the socket of a stream broken on purpose. */
function settle(record: RecordedRequest, end: StreamEnd, res: ServerResponse): void {
  if (end === "broken") {
    record.outcome = "broken";
    res.destroy();
    return;
  }
  if (end === "completed") complete(record, record.status);
  // "aborted": the close listener or the server shutdown already set the outcome.
}
