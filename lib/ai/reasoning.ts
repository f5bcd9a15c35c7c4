/**
 * Reasoning models, whichever way their server sends the reasoning, never put it in the answer
 * text — so it never reaches a stored reply or the extraction JSON:
 * - `<think>…</think>` inside the content (Groq's default "raw" format, llama.cpp with
 *   `--reasoning-format none`, Ollama before it parsed thinking): the AI SDK's
 *   extractReasoningMiddleware moves it into reasoning parts.
 * - A separate delta field, `reasoning_content` (DeepSeek, llama.cpp, older vLLM) or `reasoning`
 *   (Ollama, vLLM 0.11+, Groq "parsed", OpenRouter): `@ai-sdk/openai`'s chat model drops both
 *   fields; this middleware reads them from the raw chunks and emits reasoning parts, so the chat
 *   can show them collapsed instead of silently losing them.
 */
import type {
  LanguageModelV4Content,
  LanguageModelV4Middleware,
  LanguageModelV4StreamPart,
} from "@ai-sdk/provider";
import { extractReasoningMiddleware } from "ai";

export const thinkTagReasoning = extractReasoningMiddleware({ tagName: "think" });

/**
 * The blank lines a model puts between its reasoning and its answer: without the reasoning
 * they would open the reply (and the stored message) with empty lines.
 */
export const trimAfterReasoning: LanguageModelV4Middleware = {
  specificationVersion: "v4",
  wrapStream: async ({ doStream }) => {
    const result = await doStream();
    let sawReasoning = false;
    let answerStarted = false;
    const trim = new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
      transform(part, controller) {
        if (part.type.startsWith("reasoning-")) sawReasoning = true;
        if (part.type === "text-delta" && sawReasoning && !answerStarted) {
          const delta = part.delta.trimStart();
          if (delta === "") return;
          answerStarted = true;
          controller.enqueue({ ...part, delta });
          return;
        }
        controller.enqueue(part);
      },
    });
    return { ...result, stream: result.stream.pipeThrough(trim) };
  },
  wrapGenerate: async ({ doGenerate }) => {
    const result = await doGenerate();
    if (!result.content.some((part) => part.type === "reasoning")) return result;
    let trimmed = false;
    const content = result.content.map((part): LanguageModelV4Content => {
      if (part.type !== "text" || trimmed) return part;
      trimmed = true;
      return { ...part, text: part.text.trimStart() };
    });
    return { ...result, content };
  },
};

const REASONING_ID = "reasoning-fields";

export const reasoningFields: LanguageModelV4Middleware = {
  specificationVersion: "v4",
  wrapStream: async ({ params, model }) => {
    const callerWantsRaw = params.includeRawChunks === true;
    const result = await model.doStream({ ...params, includeRawChunks: true });
    return { ...result, stream: result.stream.pipeThrough(reasoningFromRaw(callerWantsRaw)) };
  },
  wrapGenerate: async ({ doGenerate }) => {
    const result = await doGenerate();
    const message = firstChoice(result.response?.body)?.message;
    const reasoning = reasoningText(message);
    if (!reasoning) return result;
    const part: LanguageModelV4Content = { type: "reasoning", text: reasoning };
    return { ...result, content: [part, ...result.content] };
  },
};

function reasoningFromRaw(
  passRaw: boolean,
): TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart> {
  let blocks = 0;
  let open: string | null = null;
  const close = (controller: TransformStreamDefaultController<LanguageModelV4StreamPart>) => {
    if (open === null) return;
    controller.enqueue({ type: "reasoning-end", id: open });
    open = null;
  };
  return new TransformStream({
    transform(part, controller) {
      if (part.type === "raw") {
        const delta = reasoningText(firstChoice(part.rawValue)?.delta);
        if (delta) {
          if (open === null) {
            blocks += 1;
            open = `${REASONING_ID}-${blocks}`;
            controller.enqueue({ type: "reasoning-start", id: open });
          }
          controller.enqueue({ type: "reasoning-delta", id: open, delta });
        }
        if (passRaw) controller.enqueue(part);
        return;
      }
      // Ollama sends empty content beside its reasoning: only a real answer ends the block.
      if (endsReasoning(part)) close(controller);
      controller.enqueue(part);
    },
    flush: close,
  });
}

function endsReasoning(part: LanguageModelV4StreamPart): boolean {
  if (part.type === "text-delta") return part.delta !== "";
  return ["tool-input-start", "tool-call", "finish", "error"].includes(part.type);
}

function firstChoice(body: unknown): { delta?: unknown; message?: unknown } | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const choices = (body as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return undefined;
  const first: unknown = choices[0];
  return typeof first === "object" && first !== null ? first : undefined;
}

function reasoningText(source: unknown): string {
  if (typeof source !== "object" || source === null) return "";
  const { reasoning_content, reasoning } = source as Record<string, unknown>;
  if (typeof reasoning_content === "string") return reasoning_content;
  return typeof reasoning === "string" ? reasoning : "";
}
