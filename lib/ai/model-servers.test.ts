/**
 * The chat and extraction models against every mock server profile, through the real
 * `@ai-sdk/openai` chat model and Ingat's middlewares: which structured-output mode each
 * profile ends up on (and that it is remembered), that the zod schema still decides, and that
 * reasoning never reaches the answer text.
 */
import type { LanguageModelV4Content } from "@ai-sdk/provider";
import { streamText } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MockOpenAIClient } from "@/e2e/mock-openai/client";
import { MOCK_REASONING_MARKER, type MockProfileName } from "@/e2e/mock-openai/profiles";
import { type MockOpenAIServer, startMockOpenAI } from "@/e2e/mock-openai/server";
import { extractionOutputSchema, type Preference } from "@/lib/memory/extraction-schema";
import { forgetCapabilities, learnedCapabilities } from "./endpoint-capabilities";
import { requestExtraction } from "./extraction";
import { buildExtractionPrompt } from "./extraction-prompt";
import { createRoleModel } from "./providers";
import { generateStructured } from "./structured-output";

let server: MockOpenAIServer;
let mock: MockOpenAIClient;

beforeAll(async () => {
  server = await startMockOpenAI({ port: 0 });
  mock = new MockOpenAIClient(server.url);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  await mock.reset();
  await mock.configure({ profile: "openai" });
  forgetCapabilities();
});

const endpoint = (modelId: string) => ({
  baseURL: `${server.url}/v1`,
  apiKey: "mock-key",
  modelId,
});

function chess(userText: string): Preference {
  return {
    type: "interest",
    category: "hobbies",
    topic: "chess",
    detail: "plays chess",
    confidence_score: 0.9,
    source_text: userText,
    explicit: false,
  };
}

/** A model that answers every call with `content`. */
function fixedModel(
  content: LanguageModelV4Content[],
  finish: "stop" | "length" | "tool-calls" = "stop",
) {
  return new MockLanguageModelV4({
    doGenerate: async () => ({
      content,
      finishReason: { unified: finish, raw: finish },
      usage: {
        inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: 1, text: 1, reasoning: undefined },
      },
      warnings: [],
    }),
  });
}

function structured(model: MockLanguageModelV4, mode?: "tool") {
  return generateStructured({
    model,
    endpointKey: null,
    mode,
    schema: extractionOutputSchema,
    name: "memory_extraction",
    description: "test",
    instructions: "Extract.",
    prompt: "turn",
    maxOutputTokens: 10,
    timeoutMs: 5_000,
  });
}

/** Scripts one answer for the turn and asks for its extraction, as the job runner does. */
async function extract(userText: string, body: unknown, mode: "auto" | "json_object" = "auto") {
  await mock.addRule({
    match: userText,
    kind: "extraction",
    once: true,
    response: { type: "json", body },
  });
  const prompt = buildExtractionPrompt({
    userMessage: userText,
    assistantMessage: "Nice.",
    earlierTurns: [],
    memoryKeys: [],
    today: "2026-12-01",
  });
  return requestExtraction(createRoleModel("extraction", endpoint("mock-extraction")), prompt, {
    timeoutMs: 5_000,
    mode,
  });
}

const EXPECTED_MODE: Record<MockProfileName, string> = {
  openai: "json_schema",
  "json-object-only": "json_object",
  "json-schema-only": "json_schema",
  "tools-only": "tool",
  "text-only": "text",
  "fenced-json": "json_schema",
  "preamble-json": "json_schema",
  "think-tags": "json_schema",
  "reasoning-content": "json_schema",
  "reasoning-field": "json_schema",
  "no-usage": "json_schema",
  "max-completion-tokens": "json_schema",
  "no-temperature": "json_schema",
};

/** Requests the first extraction needs: one per refused mode or parameter, plus the answer. */
const FIRST_CALL_REQUESTS: Partial<Record<MockProfileName, number>> = {
  "json-object-only": 2,
  "tools-only": 3,
  "text-only": 4,
  "max-completion-tokens": 2,
  "no-temperature": 2,
};

describe.each(Object.keys(EXPECTED_MODE) as MockProfileName[])("profile %s", (profile) => {
  it("extracts the scripted items, learns the mode once, and validates with the schema", async () => {
    await mock.configure({ profile });
    const first = `I play chess on Sundays ${profile}`;
    const answer = { preferences: [chess(first)], forget: [] };
    const result = await extract(first, answer);
    expect(result.output).toEqual(answer);
    expect(result.mode).toBe(EXPECTED_MODE[profile]);
    const firstRequests = await mock.requests({ contains: first });
    expect(firstRequests).toHaveLength(FIRST_CALL_REQUESTS[profile] ?? 1);

    // The next job goes straight to what works: one request.
    const second = `I also play chess online ${profile}`;
    const again = await extract(second, { preferences: [chess(second)], forget: [] });
    expect(again.mode).toBe(EXPECTED_MODE[profile]);
    expect(again.refused).toEqual([]);
    const [request] = await mock.requests({ contains: second });
    expect(await mock.requests({ contains: second })).toHaveLength(1);
    if (profile === "max-completion-tokens") {
      expect(request?.body).toMatchObject({ max_completion_tokens: 4000 });
      expect(request?.body).not.toHaveProperty("max_tokens");
    }
    if (profile === "no-temperature") expect(request?.body).not.toHaveProperty("temperature");
    if (profile === "no-usage") expect(again.usage.outputTokens).toBeUndefined();
    else expect(again.usage.outputTokens).toBeGreaterThan(0);

    // A fallback never loosens the schema: a wrong item is refused whatever the mode.
    const third = `I play chess badly ${profile}`;
    const bad = { preferences: [{ ...chess(third), type: "obsession" }], forget: [] };
    await expect(extract(third, bad)).rejects.toMatchObject({
      name: "AI_NoObjectGeneratedError",
      cause: expect.objectContaining({ name: "AI_TypeValidationError" }),
    });
  });

  it("streams a chat reply with no reasoning and nothing refused in its text", async () => {
    await mock.configure({ profile });
    const chat = createRoleModel("chat", endpoint("mock-chat"));
    const result = streamText({
      model: chat.model,
      prompt: `Hello from ${profile}`,
      maxOutputTokens: 500,
      temperature: 0.5,
    });
    let reasoning = "";
    for await (const part of result.fullStream) {
      if (part.type === "reasoning-delta") reasoning += part.text;
      if (part.type === "error") throw part.error;
    }
    const text = await result.text;
    expect(text).toMatch(/^Mock reply to: "Hello from/);
    expect(text).not.toContain(MOCK_REASONING_MARKER);
    expect(text).not.toContain("think>");
    const reasons = ["think-tags", "reasoning-content", "reasoning-field"].includes(profile);
    expect(reasoning.includes(MOCK_REASONING_MARKER)).toBe(reasons);
  });
});

describe("structured output", () => {
  it("keeps to a mode set by the operator, even when the endpoint refuses it", async () => {
    await mock.configure({ profile: "text-only" });
    await expect(
      extract("I play chess (forced)", { preferences: [], forget: [] }, "json_object"),
    ).rejects.toMatchObject({ statusCode: 400 });
    expect(await mock.requests({ contains: "I play chess (forced)" })).toHaveLength(1);
  });

  it("remembers per endpoint and model", async () => {
    await mock.configure({ profile: "json-object-only" });
    await extract("I play chess here", { preferences: [], forget: [] });
    expect(learnedCapabilities()).toEqual({
      [`${server.url}/v1 mock-extraction`]: { structuredOutput: "json_object" },
    });
  });

  it("refuses an answer cut off at the token limit instead of repairing it", async () => {
    const model = fixedModel(
      [{ type: "text", text: '{"preferences":[],"forget":[{"category":"work"' }],
      "length",
    );
    await expect(structured(model)).rejects.toThrow(/cut off at the token limit/);
  });

  it("in tool mode reads a text answer (servers that ignore tool_choice) and repairs arguments", async () => {
    const text = fixedModel([
      { type: "text", text: '```json\n{"preferences":[],"forget":[]}\n```' },
    ]);
    expect((await structured(text, "tool")).output).toEqual({ preferences: [], forget: [] });
    const call = fixedModel(
      [
        {
          type: "tool-call",
          toolCallId: "call-1",
          toolName: "memory_extraction",
          input: '{"preferences": [], "forget": [],}',
        },
      ],
      "tool-calls",
    );
    expect((await structured(call, "tool")).output).toEqual({ preferences: [], forget: [] });
    const wrong = fixedModel(
      [
        {
          type: "tool-call",
          toolCallId: "call-2",
          toolName: "memory_extraction",
          input: '{"preferences": "everything"}',
        },
      ],
      "tool-calls",
    );
    await expect(structured(wrong, "tool")).rejects.toMatchObject({
      cause: expect.objectContaining({ name: "AI_TypeValidationError" }),
    });
  });
});
