/**
 * Tests of the mock OpenAI server: wire format (SSE and JSON), delays, scripting rules, the
 * request log, robustness — and one pass through the real AI SDK (`@ai-sdk/openai` chat model).
 */
import { createOpenAI } from "@ai-sdk/openai";
import { generateText, NoObjectGeneratedError, Output, streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { MockOpenAIClient } from "./client";
import { DEFAULT_EXTRACTION_CONTENT, defaultReply, splitIntoChunks } from "./openai";
import { RequestLog } from "./request-log";
import { RuleStore } from "./rules";
import { type MockOpenAIServer, startMockOpenAI } from "./server";

let server: MockOpenAIServer;
let mock: MockOpenAIClient;
let markerCount = 0;

/** A unique marker per test, so rules and log filters never see other tests' requests. */
function marker(): string {
  markerCount += 1;
  return `mk-${markerCount}-${Math.random().toString(36).slice(2, 8)}`;
}

const extractionFormat = {
  type: "json_schema",
  json_schema: { name: "memories", strict: true, schema: { type: "object" } },
};

function userMessages(text: string) {
  return [
    { role: "system", content: "You are a test." },
    { role: "user", content: [{ type: "text", text }] },
  ];
}

function post(body: unknown, path = "/v1/chat/completions", headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function chat(text: string, extra: Record<string, unknown> = {}) {
  return post({ model: "mock-chat", messages: userMessages(text), ...extra });
}

function streamChat(text: string) {
  return chat(text, { stream: true, stream_options: { include_usage: true } });
}

type Json = Record<string, unknown>;
interface StreamEvent {
  choices: { delta?: { role?: string; content?: string }; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  object: string;
  id: string;
  model: string;
}

/** The `data:` payloads of an SSE body. */
function sseData(text: string): string[] {
  return text
    .split("\n\n")
    .filter((event) => event.startsWith("data: "))
    .map((event) => event.slice("data: ".length));
}

function contentOf(events: StreamEvent[]): string {
  return events.map((event) => event.choices[0]?.delta?.content ?? "").join("");
}

/** Reads a body until it ends or breaks; reports which. */
async function readUntilEnd(response: Response): Promise<{ text: string; broke: boolean }> {
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error("no body");
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, broke: false };
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return { text, broke: true };
  }
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const value = await read();
    if (ok(value) || attempt > 50) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  server = await startMockOpenAI({ port: 0 });
  mock = new MockOpenAIClient(server.url);
});

afterAll(async () => {
  await server.close();
});

describe("chat completions", () => {
  it("streams the default reply as OpenAI SSE chunks, with usage and [DONE]", async () => {
    const text = `Tell me about ${marker()} please`;
    const response = await streamChat(text);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");

    const data = sseData(await response.text());
    expect(data.at(-1)).toBe("[DONE]");
    const events = data.slice(0, -1).map((line) => JSON.parse(line) as StreamEvent);
    const expected = defaultReply(userMessages(text));
    expect(contentOf(events)).toBe(expected);
    expect(expected).toContain(`Mock reply to: "${text}". `);
    expect(expected).toMatch(/\*\*\w+\*\*/);
    expect(expected).toMatch(/\n- \w+/);

    for (const event of events) {
      expect(event.object).toBe("chat.completion.chunk");
      expect(event.model).toBe("mock-chat");
      expect(event.id).toBe(events[0]?.id);
    }
    expect(events[0]?.choices[0]?.delta?.role).toBe("assistant");
    const contentEvents = events.filter((e) => e.choices[0]?.delta?.content !== undefined);
    expect(contentEvents.map((e) => e.choices[0]?.delta?.content)).toEqual(
      splitIntoChunks(expected),
    );

    const finish = events.at(-2);
    expect(finish?.choices[0]?.finish_reason).toBe("stop");
    const usageEvent = events.at(-1);
    expect(usageEvent?.choices).toEqual([]);
    expect(usageEvent?.usage?.completion_tokens).toBe(contentEvents.length);
    expect(usageEvent?.usage?.total_tokens).toBe(
      (usageEvent?.usage?.prompt_tokens ?? 0) + contentEvents.length,
    );
  });

  it("omits the usage chunk without stream_options.include_usage", async () => {
    const response = await chat(marker(), { stream: true });
    const data = sseData(await response.text());
    const events = data.slice(0, -1).map((line) => JSON.parse(line) as StreamEvent);
    expect(events.some((event) => event.usage !== undefined)).toBe(false);
    expect(events.at(-1)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("truncates the quoted user message to 60 characters", () => {
    const long = "x".repeat(100);
    expect(defaultReply(userMessages(long))).toContain(`"${"x".repeat(60)}". `);
  });

  it("answers a non-streaming chat request with one completion", async () => {
    const text = marker();
    const response = await chat(text);
    const body = (await response.json()) as Json & {
      choices: { message: { role: string; content: string }; finish_reason: string }[];
      usage: { total_tokens: number };
    };
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0]?.message).toMatchObject({
      role: "assistant",
      content: defaultReply(userMessages(text)),
    });
    expect(body.choices[0]?.finish_reason).toBe("stop");
    expect(body.usage.total_tokens).toBeGreaterThan(0);
  });

  it("answers an extraction request with the default JSON content and usage", async () => {
    const text = marker();
    const response = await chat(text, {
      model: "mock-extraction",
      response_format: extractionFormat,
    });
    const body = (await response.json()) as {
      choices: { message: { content: string } }[];
      usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    };
    expect(body.choices[0]?.message.content).toBe(DEFAULT_EXTRACTION_CONTENT);
    expect(JSON.parse(body.choices[0]?.message.content ?? "")).toEqual({
      preferences: [],
      forget: [],
    });
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    const [recorded] = await mock.requests({ contains: text });
    expect(recorded?.kind).toBe("extraction");
  });

  it("serves the model list", async () => {
    const response = await fetch(`${server.url}/v1/models`);
    const body = (await response.json()) as { object: string; data: { id: string }[] };
    expect(body.object).toBe("list");
    expect(body.data.map((model) => model.id)).toContain("mock-chat");
  });
});

describe("delays", () => {
  it("waits at least firstTokenDelayMs before the first content chunk", async () => {
    const slow = await startMockOpenAI({ port: 0, firstTokenDelayMs: 150, tokenDelayMs: 1 });
    try {
      const started = Date.now();
      const response = await fetch(`${slow.url}/v1/chat/completions`, {
        method: "POST",
        body: JSON.stringify({ model: "m", stream: true, messages: userMessages("hi") }),
      });
      const reader = response.body?.getReader();
      const first = await reader?.read();
      expect(new TextDecoder().decode(first?.value)).toContain('"content":"Mock "');
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      await reader?.cancel();
    } finally {
      await slow.close();
    }
  });

  it("changes the defaults at run time through /__mock/config", async () => {
    const other = await startMockOpenAI({ port: 0 });
    const client = new MockOpenAIClient(other.url);
    try {
      const config = await client.configure({ extractionDelayMs: 120 });
      expect(config).toEqual({
        firstTokenDelayMs: 0,
        tokenDelayMs: 0,
        extractionDelayMs: 120,
        profile: "openai",
        apiKey: null,
        listModels: true,
      });
      const started = Date.now();
      const response = await fetch(`${other.url}/v1/chat/completions`, {
        method: "POST",
        body: JSON.stringify({
          model: "m",
          messages: userMessages("x"),
          response_format: extractionFormat,
        }),
      });
      await response.json();
      expect(Date.now() - started).toBeGreaterThanOrEqual(120);
      const bad = await fetch(`${other.url}/__mock/config`, {
        method: "POST",
        body: JSON.stringify({ tokenDelayMs: -1 }),
      });
      expect(bad.status).toBe(400);
    } finally {
      await other.close();
    }
  });

  it("applies a rule's delayMs before the answer", async () => {
    const text = marker();
    await mock.addRule({ match: text, delayMs: 100, response: { type: "text", text: "late" } });
    const started = Date.now();
    const body = (await (await chat(text)).json()) as {
      choices: { message: { content: string } }[];
    };
    expect(body.choices[0]?.message.content).toBe("late");
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });
});

describe("rules", () => {
  it("streams a scripted text reply", async () => {
    const text = marker();
    await mock.addRule({
      match: text,
      kind: "chat",
      response: { type: "text", text: "Hi **you**." },
    });
    const data = sseData(await (await streamChat(`hello ${text}`)).text());
    const events = data.slice(0, -1).map((line) => JSON.parse(line) as StreamEvent);
    expect(contentOf(events)).toBe("Hi **you**.");
  });

  it("returns a scripted JSON body as the extraction content", async () => {
    const text = marker();
    const memories = { preferences: [{ topic: "tea" }], forget: [] };
    await mock.addRule({
      match: text,
      kind: "extraction",
      response: { type: "json", body: memories },
    });
    const response = await chat(text, { response_format: extractionFormat });
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(JSON.parse(body.choices[0]?.message.content ?? "")).toEqual(memories);
  });

  it("returns raw content exactly as given", async () => {
    const text = marker();
    await mock.addRule({ match: text, response: { type: "raw", content: '{"preferences": [' } });
    const response = await chat(text, { response_format: extractionFormat });
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]?.message.content).toBe('{"preferences": [');
  });

  it("answers an error status with an OpenAI-style body", async () => {
    const text = marker();
    await mock.addRule({ match: text, response: { type: "error", status: 503, message: "busy" } });
    const response = await streamChat(text);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { message: string; type: string } };
    expect(body.error).toMatchObject({ message: "busy", type: "server_error" });
    const [recorded] = await mock.requests({ contains: text });
    expect(recorded?.status).toBe(503);
  });

  it("consumes once rules and tries them before persistent ones", async () => {
    const text = marker();
    await mock.addRule({ match: text, response: { type: "text", text: "persistent" } });
    await mock.addRule({ match: text, once: true, response: { type: "text", text: "first" } });
    const replies: string[] = [];
    for (let i = 0; i < 3; i++) {
      const body = (await (await chat(text)).json()) as {
        choices: { message: { content: string } }[];
      };
      replies.push(body.choices[0]?.message.content ?? "");
    }
    expect(replies).toEqual(["first", "persistent", "persistent"]);
  });

  it("falls back to the default once a once rule is used", async () => {
    const text = marker();
    await mock.addRule({ match: text, once: true, response: { type: "error", status: 500 } });
    expect((await chat(text)).status).toBe(500);
    expect((await chat(text)).status).toBe(200);
  });

  it("restricts a rule to its kind", async () => {
    const text = marker();
    await mock.addRule({
      match: text,
      kind: "extraction",
      response: { type: "raw", content: "{}" },
    });
    const body = (await (await chat(text)).json()) as {
      choices: { message: { content: string } }[];
    };
    expect(body.choices[0]?.message.content).toBe(defaultReply(userMessages(text)));
  });

  it("breaks a stream after N chunks", async () => {
    const text = marker();
    await mock.addRule({
      match: text,
      response: { type: "break-stream", afterChunks: 2 },
      tokenDelayMs: 5,
    });
    const { text: received, broke } = await readUntilEnd(await streamChat(text));
    expect(broke).toBe(true);
    const data = sseData(received);
    expect(data).toHaveLength(2);
    expect(data).not.toContain("[DONE]");
    const [recorded] = await eventually(
      () => mock.requests({ contains: text }),
      ([entry]) => entry?.outcome === "broken",
    );
    expect(recorded).toMatchObject({ outcome: "broken", status: 200, completedAt: null });
  });

  it("destroys the socket of a non-streaming break-stream request", async () => {
    const text = marker();
    await mock.addRule({ match: text, response: { type: "break-stream", afterChunks: 0 } });
    await expect(chat(text)).rejects.toThrow();
  });

  it("sends a malformed stream", async () => {
    const text = marker();
    await mock.addRule({ match: text, response: { type: "malformed-stream" } });
    const response = await streamChat(text);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("data: {not json");
  });

  it("hangs until the client disconnects", async () => {
    const text = marker();
    await mock.addRule({ match: text, response: { type: "hang" } });
    const controller = new AbortController();
    const request = fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", stream: true, messages: userMessages(text) }),
      signal: controller.signal,
    }).catch(() => "aborted");
    const [recorded] = await eventually(
      () => mock.requests({ contains: text }),
      (entries) => entries.length === 1,
    );
    expect(recorded).toMatchObject({ outcome: "pending", status: 0 });
    controller.abort();
    expect(await request).toBe("aborted");
    const [closed] = await eventually(
      () => mock.requests({ contains: text }),
      ([entry]) => entry?.outcome === "client-closed",
    );
    expect(closed).toMatchObject({ outcome: "client-closed", completedAt: null });
  });

  it("stops streaming when the client disconnects mid-stream", async () => {
    const text = marker();
    await mock.addRule({
      match: text,
      tokenDelayMs: 30,
      response: { type: "text", text: "a b c d e f g h" },
    });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", stream: true, messages: userMessages(text) }),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();
    const [recorded] = await eventually(
      () => mock.requests({ contains: text }),
      ([entry]) => entry?.outcome !== "pending",
    );
    expect(recorded).toMatchObject({ outcome: "client-closed", status: 200, completedAt: null });
  });

  it("ends hanging requests when the server closes", async () => {
    const other = await startMockOpenAI({ port: 0 });
    const client = new MockOpenAIClient(other.url);
    await client.addRule({ match: "", response: { type: "hang" } });
    const request = fetch(`${other.url}/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", messages: userMessages("hang") }),
    }).then(
      () => "answered",
      () => "failed",
    );
    await eventually(
      () => client.requests(),
      (entries) => entries.length === 1,
    );
    await other.close();
    expect(await request).toBe("failed");
  });

  it("rejects invalid rules", async () => {
    const response = await fetch(`${server.url}/__mock/rules`, {
      method: "POST",
      body: JSON.stringify({ match: "x", response: { type: "nope" } }),
    });
    expect(response.status).toBe(400);
    await expect(
      mock.addRule({ match: "x", response: { type: "error", status: 200 } }),
    ).rejects.toThrow(/400/);
  });
});

describe("rule store", () => {
  it("matches first added first, once rules before persistent ones", () => {
    const store = new RuleStore();
    const a = store.add({ match: "abc", response: { type: "text", text: "a" } });
    const b = store.add({ match: "b", response: { type: "text", text: "b" } });
    const c = store.add({ match: "c", once: true, kind: "chat", response: { type: "hang" } });
    expect(store.take("extraction", "abc")?.id).toBe(a);
    expect(store.take("chat", "abc")?.id).toBe(c);
    expect(store.take("chat", "abc")?.id).toBe(a);
    expect(store.take("chat", "xb")?.id).toBe(b);
    expect(store.take("chat", "zzz")).toBeNull();
    store.reset("ab");
    expect(store.list().map((rule) => rule.id)).toEqual([b]);
  });
});

describe("request log", () => {
  it("records kind, model, stream, messages, body, authorization, status and timings", async () => {
    const text = marker();
    const body = { model: "mock-chat", stream: true, messages: userMessages(text), temperature: 0 };
    await (await post(body, "/v1/chat/completions", { authorization: "Bearer k1" })).text();
    await (
      await chat(text, { model: "mock-extraction", response_format: extractionFormat })
    ).json();

    const all = await mock.requests({ contains: text });
    expect(all).toHaveLength(2);
    const [chatRequest] = await mock.requests({ contains: text, kind: "chat" });
    expect(chatRequest).toMatchObject({
      kind: "chat",
      model: "mock-chat",
      stream: true,
      messages: body.messages,
      body,
      headers: { authorization: "Bearer k1" },
      status: 200,
      outcome: "completed",
      ruleId: null,
    });
    expect(chatRequest?.completedAt).toBeGreaterThanOrEqual(chatRequest?.receivedAt ?? Infinity);
    const extraction = await mock.requests({ contains: text, kind: "extraction" });
    expect(extraction.map((entry) => entry.model)).toEqual(["mock-extraction"]);
  });

  it("resets only the rules and requests containing a marker", async () => {
    const keep = marker();
    const drop = marker();
    await mock.addRule({ match: keep, response: { type: "text", text: "kept" } });
    await mock.addRule({ match: drop, response: { type: "text", text: "dropped" } });
    await (await chat(keep)).json();
    await (await chat(drop)).json();
    await mock.reset(drop);
    expect(await mock.requests({ contains: drop })).toEqual([]);
    expect(await mock.requests({ contains: keep })).toHaveLength(1);
    const answer = (await (await chat(drop)).json()) as {
      choices: { message: { content: string } }[];
    };
    expect(answer.choices[0]?.message.content).toBe(defaultReply(userMessages(drop)));
  });

  it("keeps only the most recent entries", () => {
    const log = new RequestLog(3);
    for (let i = 0; i < 5; i++) {
      log.add({
        kind: "chat",
        receivedAt: i,
        completedAt: null,
        model: "m",
        stream: false,
        messages: [{ role: "user", content: `m${i}` }],
        body: {},
        headers: {},
        status: 0,
        outcome: "pending",
        ruleId: null,
      });
    }
    expect(log.find().map((entry) => entry.id)).toEqual([3, 4, 5]);
  });
});

describe("robustness", () => {
  it("answers invalid JSON with a 400 OpenAI-style error", async () => {
    const response = await post("{not json");
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { type: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect((await post({ model: "m" })).status).toBe(400);
  });

  it("answers unknown routes with 404", async () => {
    expect((await fetch(`${server.url}/v1/images/generations`, { method: "POST" })).status).toBe(
      404,
    );
    expect((await fetch(`${server.url}/__mock/nope`)).status).toBe(404);
  });

  it("accepts bodies of several megabytes and rejects those above 5 MB", async () => {
    const text = marker();
    const big = `${text} ${"a".repeat(4 * 1024 * 1024)}`;
    expect((await chat(big)).status).toBe(200);
    const tooBig = await chat("b".repeat(5 * 1024 * 1024 + 10));
    expect(tooBig.status).toBe(413);
  });

  it("answers health checks", async () => {
    expect(await mock.health()).toBe(true);
  });
});

describe("through the AI SDK (@ai-sdk/openai chat model)", () => {
  function provider() {
    return createOpenAI({ baseURL: `${server.url}/v1`, apiKey: "test" });
  }

  it("streams text with streamText", async () => {
    const text = marker();
    const result = streamText({ model: provider().chat("mock-chat"), prompt: `Hello ${text}` });
    let streamed = "";
    for await (const delta of result.textStream) streamed += delta;
    expect(streamed).toBe(defaultReply([{ role: "user", content: `Hello ${text}` }]));
    expect(await result.finishReason).toBe("stop");
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
    const [recorded] = await mock.requests({ contains: text });
    expect(recorded?.headers.authorization).toBe("Bearer test");
    expect(recorded?.stream).toBe(true);
  });

  it("produces a structured object with generateText + Output.object", async () => {
    const text = marker();
    const schema = z.object({
      preferences: z.array(z.object({ topic: z.string(), confidence_score: z.number() })),
      forget: z.array(z.object({ topic: z.string() })),
    });
    const scripted = { preferences: [{ topic: "hiking", confidence_score: 0.9 }], forget: [] };
    await mock.addRule({
      match: text,
      kind: "extraction",
      response: { type: "json", body: scripted },
    });

    const result = await generateText({
      model: provider().chat("mock-extraction"),
      output: Output.object({ schema }),
      prompt: `Extract from: ${text}`,
    });
    expect(result.output).toEqual(scripted);
    const [recorded] = await mock.requests({ contains: text });
    expect(recorded?.kind).toBe("extraction");
    expect(recorded?.stream).toBe(false);

    const fallback = await generateText({
      model: provider().chat("mock-extraction"),
      output: Output.object({
        schema: z.object({ preferences: z.array(z.unknown()), forget: z.array(z.unknown()) }),
      }),
      prompt: `Default for ${marker()}`,
    });
    expect(fallback.output).toEqual({ preferences: [], forget: [] });
  });

  it("surfaces invalid JSON content as NoObjectGeneratedError", async () => {
    const text = marker();
    await mock.addRule({ match: text, response: { type: "raw", content: "{not json" } });
    await expect(
      generateText({
        model: provider().chat("mock-extraction"),
        output: Output.object({ schema: z.object({ a: z.string() }) }),
        prompt: text,
      }),
    ).rejects.toSatisfy((error) => NoObjectGeneratedError.isInstance(error));
  });

  it("reports a broken stream as an error", async () => {
    const text = marker();
    await mock.addRule({ match: text, response: { type: "break-stream", afterChunks: 1 } });
    const errors: unknown[] = [];
    const result = streamText({
      model: provider().chat("mock-chat"),
      prompt: text,
      maxRetries: 0,
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    let streamed = "";
    try {
      for await (const delta of result.textStream) streamed += delta;
    } catch (error) {
      errors.push(error); // the SDK rethrows a broken fetch body from textStream
    }
    expect(streamed).toBe("Mock ");
    expect(errors.length).toBeGreaterThan(0);
  });
});
