import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { generateObject, generateText, Output, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { formatMemoryBlock, formatTurnBlock } from "@/lib/ai/prompt-format";
import { extractionOutputSchema } from "@/lib/memory/extraction-schema";
import { createOfflineModel } from "./offline-model";

const system = [
  "You are Ingat, a helpful assistant.",
  formatMemoryBlock([
    { type: "fact", category: "work", topic: "job", detail: "works as a nurse" },
    { type: "interest", category: "food", topic: "sushi", detail: "loves sushi" },
  ]),
].join("\n\n");

const extractionPrompt = (userMessage: string) =>
  [
    "Today's date: 2025-01-01",
    'Earlier turns, for context only (extract nothing from them):\nuser: "I live in Paris"',
    "The turn to extract from, as JSON:",
    formatTurnBlock({ user_message: userMessage, assistant_message: "I live in Jakarta." }),
  ].join("\n\n");

describe("offline model", () => {
  it("is a v3 language model of the ingat-offline provider", () => {
    const chat = createOfflineModel("chat");
    expect(chat.specificationVersion).toBe("v4");
    expect(chat.provider).toBe("ingat-offline");
    expect(chat.modelId).toBe("offline-chat");
    expect(createOfflineModel("extraction").modelId).toBe("offline-extraction");
  });

  it("streams a reply word by word through streamText", async () => {
    const result = streamText({
      model: createOfflineModel("chat", { tokenDelayMs: 1 }),
      system,
      prompt: "What do you remember about me?",
    });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);

    expect(deltas.length).toBeGreaterThan(10);
    const text = await result.text;
    expect(deltas.join("")).toBe(text);
    expect(text).toContain("works as a nurse");
    expect(text).toContain("loves sushi");
    expect(await result.finishReason).toBe("stop");
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
  });

  it("emits the V4 stream parts in order", async () => {
    const { stream } = await createOfflineModel("chat", { tokenDelayMs: 0 }).doStream({
      prompt: [{ role: "user", content: [{ type: "text", text: "Hello offline model" }] }],
    });
    const parts: LanguageModelV4StreamPart[] = [];
    const reader = stream.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      parts.push(read.value);
    }
    const types = parts.map((part) => part.type);
    expect(types.slice(0, 3)).toEqual(["stream-start", "response-metadata", "text-start"]);
    expect(types.slice(-2)).toEqual(["text-end", "finish"]);
    expect(types.filter((type) => type === "text-delta").length).toBe(parts.length - 5);
    expect(parts.at(-1)).toMatchObject({
      type: "finish",
      finishReason: { unified: "stop" },
      usage: {
        inputTokens: { total: expect.any(Number) },
        outputTokens: { total: expect.any(Number) },
      },
    });
  });

  it("errors a raw stream with an AbortError on abort", async () => {
    const controller = new AbortController();
    const { stream } = await createOfflineModel("chat", { tokenDelayMs: 60_000 }).doStream({
      prompt: [{ role: "user", content: [{ type: "text", text: "one two three four" }] }],
      abortSignal: controller.signal,
    });
    const reader = stream.getReader();
    for (let i = 0; i < 4; i += 1) await reader.read(); // up to the first word
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
  });

  it("pauses between words by default", async () => {
    const started = performance.now();
    const result = streamText({ model: createOfflineModel("chat"), prompt: "one two three" });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    // Not a timing assertion on speed: only that the default delay is real (≥ 15 ms × gaps).
    expect(performance.now() - started).toBeGreaterThanOrEqual((deltas.length - 1) * 10);
  });

  it("stops promptly when the caller aborts", async () => {
    const controller = new AbortController();
    // A minute between words: unless the abort cuts the pending pause short, the test times out.
    const result = streamText({
      model: createOfflineModel("chat", { tokenDelayMs: 60_000 }),
      prompt: "Please tell me a long story about the sea and the stars and the wind",
      abortSignal: controller.signal,
    });
    const deltas: string[] = [];
    for await (const delta of result.textStream) {
      deltas.push(delta);
      controller.abort();
    }
    expect(deltas).toHaveLength(1);
  });

  it("refuses to start when already aborted", async () => {
    const model = createOfflineModel("chat");
    const controller = new AbortController();
    controller.abort();
    await expect(
      generateText({ model, prompt: "hi", abortSignal: controller.signal, maxRetries: 0 }),
    ).rejects.toThrow();
  });

  it("answers generateText without streaming", async () => {
    const { text } = await generateText({
      model: createOfflineModel("chat"),
      prompt: "I like sushi",
    });
    expect(text).toContain('You said: "I like sushi"');
    expect(text).toContain("offline model");
  });

  it("extracts through generateText with Output.object", async () => {
    const result = await generateText({
      model: createOfflineModel("extraction"),
      instructions: "Extract what the user reveals about themselves.",
      prompt: extractionPrompt(
        "I'm a marine biologist in Bandung, I want to learn Rust, and please never suggest seafood",
      ),
      output: Output.object({ schema: extractionOutputSchema }),
    });
    const keys = result.output.preferences.map((p) => `${p.type}/${p.category}/${p.topic}`);
    expect(keys).toEqual([
      "fact/work/job",
      "fact/location/city",
      "goal/education/rust",
      "dislike/food/seafood",
    ]);
    expect(result.output.forget).toEqual([]);
    // Only the turn block counts: the assistant's Jakarta and the earlier Paris are ignored.
    expect(JSON.stringify(result.output)).not.toMatch(/Jakarta|Paris/);
  });

  it("returns forget requests through the same path", async () => {
    const result = await generateText({
      model: createOfflineModel("extraction"),
      prompt: extractionPrompt("Lupakan bahwa saya tinggal di Bandung"),
      output: Output.object({ schema: extractionOutputSchema }),
    });
    expect(result.output).toEqual({
      preferences: [],
      forget: [
        {
          category: "location",
          topic: "city",
          source_text: "Lupakan bahwa saya tinggal di Bandung",
        },
      ],
    });
  });

  it("serves the deprecated generateObject too, from the last user message", async () => {
    const { object } = await generateObject({
      model: createOfflineModel("extraction"),
      schema: extractionOutputSchema,
      prompt: "I love sushi",
    });
    expect(object.preferences).toMatchObject([{ type: "interest", topic: "sushi" }]);
  });

  it("is deterministic", async () => {
    const run = () =>
      generateText({ model: createOfflineModel("chat"), system, prompt: "Hello there" });
    expect((await run()).text).toBe((await run()).text);
  });
});
