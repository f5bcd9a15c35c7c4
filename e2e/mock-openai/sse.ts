/**
 * Server-sent events exactly as OpenAI streams chat completions: `data: <chunk JSON>` events, a
 * final chunk with `finish_reason: "stop"`, an optional usage chunk (`choices: []`) and
 * `data: [DONE]`. Waits before the first content chunk and between chunks, stops as soon as the
 * request's signal aborts, and can break the stream on purpose or send malformed events.
 */
import type { ServerResponse } from "node:http";
import { sleep, untilAborted } from "./http";
import {
  type CompletionMeta,
  contentChunk,
  finishChunk,
  type JsonObject,
  type Reasoning,
  reasoningChunk,
  splitIntoChunks,
  type Usage,
  usageChunk,
} from "./openai";

export interface StreamPlan {
  meta: CompletionMeta;
  chunks: string[];
  firstDelayMs: number;
  tokenDelayMs: number;
  /** Set when the request asked for `stream_options.include_usage`. */
  usage: Usage | null;
  /** Stop after this many content chunks and return "broken" (break-stream rule). */
  breakAfterChunks?: number;
  /** Streamed word by word in its own delta field before the content. */
  reasoning?: Reasoning | null;
}

/**
 * How a stream ended: written in full; cut short on purpose ("broken": the caller must destroy the
 * socket, after recording why); or stopped by an abort.
 */
export type StreamEnd = "completed" | "broken" | "aborted";

export function startEventStream(res: ServerResponse): void {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  res.flushHeaders();
}

/** Writes one event; the promise resolves once it is flushed to the socket (or failed). */
function writeEvent(res: ServerResponse, data: JsonObject | string): Promise<void> {
  const text = `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
  return new Promise((resolve) => res.write(text, () => resolve()));
}

export async function streamCompletion(
  res: ServerResponse,
  signal: AbortSignal,
  plan: StreamPlan,
): Promise<StreamEnd> {
  startEventStream(res);
  if (!(await sleep(plan.firstDelayMs, signal))) return "aborted";
  let lastWrite = Promise.resolve();
  const reasoning = plan.reasoning ? splitIntoChunks(plan.reasoning.text) : [];
  for (const [index, text] of reasoning.entries()) {
    if (index > 0 && !(await sleep(plan.tokenDelayMs, signal))) return "aborted";
    const field = plan.reasoning?.field ?? "reasoning_content";
    lastWrite = writeEvent(res, reasoningChunk(plan.meta, field, text, index === 0));
  }
  for (const [index, content] of plan.chunks.entries()) {
    if (index === plan.breakAfterChunks) break;
    if ((index > 0 || reasoning.length > 0) && !(await sleep(plan.tokenDelayMs, signal))) {
      return "aborted";
    }
    lastWrite = writeEvent(res, contentChunk(plan.meta, content, index === 0 && !reasoning.length));
  }
  if (plan.breakAfterChunks !== undefined) {
    // Node corks response writes until the next tick: let the last chunk out before the break.
    await Promise.race([lastWrite, untilAborted(signal)]);
    return signal.aborted ? "aborted" : "broken";
  }
  writeEvent(res, finishChunk(plan.meta));
  if (plan.usage !== null) writeEvent(res, usageChunk(plan.meta, plan.usage));
  writeEvent(res, "[DONE]");
  res.end();
  return "completed";
}

/** A 200 event stream of events that are not JSON, then a normal end. */
export async function streamMalformed(
  res: ServerResponse,
  signal: AbortSignal,
  delayMs: number,
): Promise<StreamEnd> {
  startEventStream(res);
  if (!(await sleep(delayMs, signal))) return "aborted";
  writeEvent(res, "{not json");
  writeEvent(res, '{"choices": [ {not json either');
  res.end();
  return "completed";
}
