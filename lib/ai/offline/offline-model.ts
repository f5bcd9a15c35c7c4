/**
 * The built-in offline model: a real AI SDK `LanguageModelV4`, used for both roles
 * when no API key or base URL is configured, and in tests. It is deterministic and needs no
 * network. A call asking for JSON (`generateText({ output: Output.object(...) })`,
 * `generateObject`) is an extraction: the turn block of the prompt goes through the rule-based
 * extractor and the answer is `ExtractionOutput` JSON. Any other call is a chat reply. Streams
 * emit one text delta per word with a real delay between them, so the UI streams like it would
 * with a hosted model, and they stop promptly when the caller aborts.
 */
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4FinishReason,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
  SharedV4Warning,
} from "@ai-sdk/provider";
import { parseTurnBlock } from "@/lib/ai/prompt-format";
import { offlineChatReply } from "./offline-chat";
import { extractOffline } from "./offline-extractor";

export type OfflineModelRole = "chat" | "extraction";

export type OfflineModelOptions = {
  /** Pause between streamed words; 0 streams as fast as the consumer reads. */
  tokenDelayMs?: number;
};

export const OFFLINE_PROVIDER = "ingat-offline";
export const DEFAULT_TOKEN_DELAY_MS = 15;

const STOP: LanguageModelV4FinishReason = { unified: "stop", raw: "stop" };
const TEXT_ID = "text-0";

export function createOfflineModel(
  role: OfflineModelRole,
  options: OfflineModelOptions = {},
): LanguageModelV4 {
  const modelId = `offline-${role}`;
  const tokenDelayMs = Math.max(0, options.tokenDelayMs ?? DEFAULT_TOKEN_DELAY_MS);
  return {
    specificationVersion: "v4",
    provider: OFFLINE_PROVIDER,
    modelId,
    supportedUrls: {},

    async doGenerate(call) {
      call.abortSignal?.throwIfAborted();
      const text = respond(call);
      return {
        content: [{ type: "text", text }],
        finishReason: STOP,
        usage: usage(call.prompt, text),
        warnings: warnings(call),
        response: { id: responseId(), modelId, timestamp: new Date() },
      };
    },

    async doStream(call) {
      call.abortSignal?.throwIfAborted();
      const text = respond(call);
      const parts: LanguageModelV4StreamPart[] = [
        { type: "stream-start", warnings: warnings(call) },
        { type: "response-metadata", id: responseId(), modelId, timestamp: new Date() },
        { type: "text-start", id: TEXT_ID },
        ...words(text).map(
          (delta): LanguageModelV4StreamPart => ({
            type: "text-delta",
            id: TEXT_ID,
            delta,
          }),
        ),
        { type: "text-end", id: TEXT_ID },
        { type: "finish", finishReason: STOP, usage: usage(call.prompt, text) },
      ];
      return { stream: replay(parts, tokenDelayMs, call.abortSignal) };
    },
  };
}

function respond(call: LanguageModelV4CallOptions): string {
  if (call.responseFormat?.type === "json") {
    // Without a turn block (a hand-written generateObject call) the last user message is the turn.
    const turn = findTurn(call.prompt);
    return JSON.stringify(extractOffline(turn?.user_message ?? lastUserText(call.prompt)));
  }
  return offlineChatReply({
    system: call.prompt
      .flatMap((message) => (message.role === "system" ? [message.content] : []))
      .join("\n"),
    lastUserMessage: lastUserText(call.prompt),
  });
}

function messageText(message: LanguageModelV4Prompt[number]): string {
  if (message.role === "system") return message.content;
  return message.content.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n");
}

function findTurn(prompt: LanguageModelV4Prompt) {
  for (const message of prompt) {
    const turn = parseTurnBlock(messageText(message));
    if (turn) return turn;
  }
  return null;
}

function lastUserText(prompt: LanguageModelV4Prompt): string {
  const last = prompt.findLast((message) => message.role === "user");
  return last ? messageText(last) : "";
}

/** " word" chunks, like a tokenizer's: joined back together they are exactly the text. */
function words(text: string): string[] {
  return text.match(/\s*\S+|\s+$/gu) ?? [];
}

/** A rough token count (≈ 4 characters a token), so jobs and benches record something sane. */
function usage(prompt: LanguageModelV4Prompt, output: string): LanguageModelV4Usage {
  const input = estimateTokens(prompt.map(messageText).join("\n"));
  const generated = estimateTokens(output);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: generated, text: generated, reasoning: 0 },
  };
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function warnings(call: LanguageModelV4CallOptions): SharedV4Warning[] {
  return call.tools?.length
    ? [{ type: "unsupported", feature: "tools", details: "the offline model never calls tools" }]
    : [];
}

function responseId(): string {
  return `offline-${globalThis.crypto.randomUUID()}`;
}

/**
 * Plays the parts one per pull, sleeping before every word but the first. An abort errors the
 * stream at once — with the signal's reason, as `fetch` does — which the AI SDK turns into an
 * orderly "abort" for `streamText`.
 */
function replay(
  parts: LanguageModelV4StreamPart[],
  delayMs: number,
  signal: AbortSignal | undefined,
): ReadableStream<LanguageModelV4StreamPart> {
  let index = 0;
  let wordsSent = 0;
  let onAbort: (() => void) | undefined;
  const detach = () => {
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  };
  return new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      if (!signal) return;
      onAbort = () => controller.error(abortReason(signal));
      signal.addEventListener("abort", onAbort, { once: true });
    },
    async pull(controller) {
      const part = parts[index];
      index += 1;
      if (!part) {
        detach();
        controller.close();
        return;
      }
      if (part.type === "text-delta" && wordsSent > 0 && delayMs > 0) {
        await sleep(delayMs, signal);
      }
      // Aborted while sleeping: the listener has already errored the stream.
      if (signal?.aborted) return;
      if (part.type === "text-delta") wordsSent += 1;
      controller.enqueue(part);
    },
    cancel: detach,
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

/** Resolves after `ms`, or as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
