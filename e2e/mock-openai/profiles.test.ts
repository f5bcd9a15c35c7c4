/**
 * The mock's server profiles on the wire: each refuses what its server refuses, in that
 * server's words, and shapes answers the way it does (fences, preambles, reasoning, no usage,
 * tool calls). Also the API key and the model list switches.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MockOpenAIClient } from "./client";
import { MOCK_REASONING_MARKER } from "./profiles";
import { type MockOpenAIServer, startMockOpenAI } from "./server";

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
  await mock.configure({ profile: "openai", apiKey: null, listModels: true });
});

const schemaFormat = {
  type: "json_schema",
  json_schema: { name: "x", strict: true, schema: { type: "object" } },
};
const extractionTool = {
  type: "function",
  function: { name: "memory_extraction", parameters: { type: "object" } },
};

function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }], ...body }),
  });
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: Record<string, unknown> }).error;
}

async function contentOf(response: Response): Promise<string> {
  const body = (await response.json()) as { choices: { message: { content: string } }[] };
  return body.choices[0]?.message.content ?? "";
}

function deltas(sse: string): Record<string, unknown>[] {
  return sse
    .split("\n\n")
    .filter((event) => event.startsWith("data: {"))
    .map((event) => JSON.parse(event.slice(6)) as { choices: { delta?: object }[] })
    .map((chunk) => (chunk.choices[0]?.delta ?? {}) as Record<string, unknown>);
}

describe("refusals", () => {
  it("json-object-only refuses json_schema as DeepSeek does, and takes json_object", async () => {
    await mock.configure({ profile: "json-object-only" });
    const refused = await post({ response_format: schemaFormat });
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toBe("This response_format type is unavailable now");
    expect((await post({ response_format: { type: "json_object" } })).status).toBe(200);
  });

  it("json-schema-only refuses json_object as LM Studio does", async () => {
    await mock.configure({ profile: "json-schema-only" });
    const refused = await post({ response_format: { type: "json_object" } });
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).message).toMatch(/must be 'json_schema' or 'text'/);
    expect((await post({ response_format: schemaFormat })).status).toBe(200);
  });

  it("text-only refuses response_format and tools; tools-only refuses only response_format", async () => {
    await mock.configure({ profile: "text-only" });
    expect((await post({ response_format: schemaFormat })).status).toBe(400);
    expect((await post({ tools: [extractionTool] })).status).toBe(400);
    expect((await post({})).status).toBe(200);
    await mock.configure({ profile: "tools-only" });
    expect((await post({ response_format: { type: "json_object" } })).status).toBe(400);
    expect((await post({ tools: [extractionTool] })).status).toBe(200);
  });

  it("max-completion-tokens and no-temperature refuse as OpenAI's reasoning models do", async () => {
    await mock.configure({ profile: "max-completion-tokens" });
    const refused = await post({ max_tokens: 10 });
    expect(refused.status).toBe(400);
    expect(await errorOf(refused)).toMatchObject({
      param: "max_tokens",
      code: "unsupported_parameter",
    });
    expect((await post({ max_completion_tokens: 10 })).status).toBe(200);

    await mock.configure({ profile: "no-temperature" });
    const cold = await post({ temperature: 0 });
    expect(cold.status).toBe(400);
    expect(await errorOf(cold)).toMatchObject({ param: "temperature", code: "unsupported_value" });
    expect((await post({ temperature: 1 })).status).toBe(200);
    expect((await post({})).status).toBe(200);
  });

  it("a refused request uses up no one-shot rule", async () => {
    await mock.configure({ profile: "json-object-only" });
    await mock.addRule({ match: "hi", once: true, response: { type: "json", body: { a: 1 } } });
    expect((await post({ response_format: schemaFormat })).status).toBe(400);
    const accepted = await post({ response_format: { type: "json_object" } });
    expect(await contentOf(accepted)).toBe('{"a":1}');
  });
});

describe("answers", () => {
  it("fences or prefaces extraction JSON, and leaves chat replies alone", async () => {
    await mock.configure({ profile: "fenced-json" });
    const fenced = await contentOf(await post({ response_format: { type: "json_object" } }));
    expect(fenced).toBe('```json\n{"preferences":[],"forget":[]}\n```');
    expect(await contentOf(await post({}))).toMatch(/^Mock reply to/);
    await mock.configure({ profile: "preamble-json" });
    const prefaced = await contentOf(await post({ response_format: { type: "json_object" } }));
    expect(prefaced).toMatch(
      /^Sure! Here is what I found[\s\S]*\{"preferences":\[\],"forget":\[\]\}/,
    );
  });

  it("think-tags puts <think> reasoning before every answer", async () => {
    await mock.configure({ profile: "think-tags" });
    const reply = await contentOf(await post({}));
    expect(reply).toMatch(
      new RegExp(`^<think>\\n.*${MOCK_REASONING_MARKER}.*\\n</think>\\n\\nMock`),
    );
  });

  it("streams reasoning_content (DeepSeek) or reasoning (Ollama) deltas before the content", async () => {
    await mock.configure({ profile: "reasoning-content" });
    const deepseek = deltas(await (await post({ stream: true })).text());
    expect(deepseek[0]).toMatchObject({ role: "assistant", content: null });
    const thought = deepseek.map((delta) => delta.reasoning_content ?? "").join("");
    expect(thought).toContain(MOCK_REASONING_MARKER);
    expect(deepseek.map((delta) => delta.content ?? "").join("")).toMatch(/^Mock reply to/);

    await mock.configure({ profile: "reasoning-field" });
    const ollama = deltas(await (await post({ stream: true })).text());
    expect(ollama[0]).toMatchObject({ content: "" });
    expect(ollama.map((delta) => delta.reasoning ?? "").join("")).toContain(MOCK_REASONING_MARKER);
    const json = (await (await post({})).json()) as { choices: { message: object }[] };
    expect(json.choices[0]?.message).toHaveProperty("reasoning");
  });

  it("a text rule's own reasoning is streamed too", async () => {
    await mock.addRule({
      match: "hi",
      response: { type: "text", text: "Answer.", reasoning: "Hmm." },
    });
    const streamed = deltas(await (await post({ stream: true })).text());
    expect(streamed.map((delta) => delta.reasoning_content ?? "").join("")).toBe("Hmm.");
    expect(streamed.map((delta) => delta.content ?? "").join("")).toBe("Answer.");
  });

  it("no-usage reports no usage, streamed or not", async () => {
    await mock.configure({ profile: "no-usage" });
    const streamed = await (
      await post({ stream: true, stream_options: { include_usage: true } })
    ).text();
    expect(streamed).not.toContain('"usage"');
    expect(await (await post({})).json()).not.toHaveProperty("usage");
  });

  it("answers a request offering tools with a call of the first tool", async () => {
    await mock.addRule({ match: "hi", response: { type: "json", body: { b: 2 } } });
    const body = (await (await post({ tools: [extractionTool] })).json()) as {
      choices: { message: { tool_calls: { function: object }[] }; finish_reason: string }[];
    };
    expect(body.choices[0]?.finish_reason).toBe("tool_calls");
    expect(body.choices[0]?.message.tool_calls[0]?.function).toEqual({
      name: "memory_extraction",
      arguments: '{"b":2}',
    });
  });

  it("counts a JSON Schema in the system message as an extraction request", async () => {
    const response = await post({
      messages: [
        { role: "system", content: 'Answer with JSON matching {"type":"object","properties":{}}' },
        { role: "user", content: "hi" },
      ],
    });
    expect(await contentOf(response)).toBe('{"preferences":[],"forget":[]}');
    const [recorded] = await mock.requests();
    expect(recorded?.kind).toBe("extraction");
  });
});

describe("switches", () => {
  it("requires the configured key on completions and the model list", async () => {
    await mock.configure({ apiKey: "right-key" });
    expect((await post({})).status).toBe(401);
    expect((await post({}, { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await post({}, { authorization: "Bearer right-key" })).status).toBe(200);
    const models = await fetch(`${server.url}/v1/models`);
    expect(models.status).toBe(401);
    expect(JSON.stringify(await models.json())).not.toContain("right-key");
  });

  it("can go without a model list", async () => {
    await mock.configure({ listModels: false });
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(404);
  });

  it("refuses an unknown profile", async () => {
    const response = await fetch(`${server.url}/__mock/config`, {
      method: "POST",
      body: JSON.stringify({ profile: "nonsense" }),
    });
    expect(response.status).toBe(400);
  });
});
