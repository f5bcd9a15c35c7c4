/**
 * The doctor against the mock server (and the offline model): what it finds, what it tells the
 * operator to change, and the exit code of `npm run doctor`.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MockOpenAIClient } from "@/e2e/mock-openai/client";
import { type MockOpenAIServer, startMockOpenAI } from "@/e2e/mock-openai/server";
import { parseEnv } from "@/lib/env";
import { runDoctor } from "./doctor";
import { formatDoctorReport } from "./doctor-report";

let chatServer: MockOpenAIServer;
let extractionServer: MockOpenAIServer;
let chatMock: MockOpenAIClient;
let extractionMock: MockOpenAIClient;

beforeAll(async () => {
  chatServer = await startMockOpenAI({ port: 0 });
  extractionServer = await startMockOpenAI({ port: 0 });
  chatMock = new MockOpenAIClient(chatServer.url);
  extractionMock = new MockOpenAIClient(extractionServer.url);
});
afterAll(async () => {
  await chatServer?.close();
  await extractionServer?.close();
});
beforeEach(async () => {
  for (const mock of [chatMock, extractionMock]) {
    await mock.reset();
    await mock.configure({ profile: "openai", apiKey: null, listModels: true });
  }
});

function mockEnv(overrides: Record<string, string> = {}) {
  return {
    OPENAI_BASE_URL: `${chatServer.url}/v1`,
    OPENAI_API_KEY: "chat-key-123",
    CHAT_MODEL: "mock-chat",
    EXTRACTION_BASE_URL: `${extractionServer.url}/v1`,
    EXTRACTION_API_KEY: "extraction-key-456",
    EXTRACTION_MODEL: "mock-extraction",
    ...overrides,
  };
}

const doctor = (overrides: Record<string, string> = {}) =>
  runDoctor({ env: parseEnv(mockEnv(overrides)), timeoutMs: 5_000 });

describe("runDoctor", () => {
  it("passes a working pair of endpoints and names the structured-output mode that works", async () => {
    await chatMock.configure({ profile: "think-tags" });
    await extractionMock.configure({ profile: "json-object-only" });
    const report = await doctor();
    expect(report.ok).toBe(true);
    const [chat, extraction] = report.endpoints;
    expect(chat?.checks.streaming).toEqual({
      status: "ok",
      detail: "reasoning kept out of the reply",
    });
    expect(chat?.firstTokenMs).toEqual(expect.any(Number));
    expect(chat?.totalMs).toEqual(expect.any(Number));
    expect(extraction?.structuredOutputMode).toBe("json_object");
    expect(extraction?.checks.structuredOutput.detail).toBe("json_object; refused json_schema");
    expect(extraction?.extractionMs).toEqual(expect.any(Number));

    const table = formatDoctorReport(report);
    expect(table).toMatch(/structured output\s+--\s+not used for chat replies\s+ok\s+json_object/);
    expect(table).toMatch(/first token\s+\d+ ms\s+\d+ ms/);
    expect(table).toContain("Result: every check passed.");
    expect(table).not.toContain("What to change");
  });

  it("says which key to change when the server refuses it, and never prints a key", async () => {
    await extractionMock.configure({ apiKey: "the-right-key" });
    const report = await doctor();
    expect(report.ok).toBe(false);
    const extraction = report.endpoints[1];
    expect(extraction?.checks.key).toEqual({ status: "fail", detail: "refused (HTTP 401)" });
    expect(extraction?.checks.streaming.status).toBe("skip");
    expect(extraction?.fixes.join(" ")).toContain("EXTRACTION_API_KEY");
    const everything = `${formatDoctorReport(report)}${JSON.stringify(report)}`;
    for (const key of ["chat-key-123", "extraction-key-456", "the-right-key"]) {
      expect(everything).not.toContain(key);
    }

    // Credentials written into a base URL are not shown either (and fetch refuses such URLs).
    const inUrl = await doctor({
      OPENAI_BASE_URL: `${chatServer.url.replace("http://", "http://admin:url-secret@")}/v1`,
    });
    expect(inUrl.endpoints[0]?.baseURL).toBe(`${chatServer.url}/v1`);
    expect(inUrl.endpoints[0]?.checks.reachable.status).toBe("fail");
    expect(`${formatDoctorReport(inUrl)}${JSON.stringify(inUrl)}`).not.toContain("url-secret");
  });

  it("says where nothing answers", async () => {
    const closed = await startMockOpenAI({ port: 0 });
    await closed.close();
    const report = await doctor({ OPENAI_BASE_URL: `${closed.url}/v1` });
    expect(report.ok).toBe(false);
    const chat = report.endpoints[0];
    expect(chat?.checks.reachable).toEqual({ status: "fail", detail: "no answer: ECONNREFUSED" });
    expect(chat?.fixes[0]).toMatch(
      /Nothing answers at .*Start the model server, or correct OPENAI_BASE_URL/,
    );
    expect(formatDoctorReport(report)).toMatch(/What to change:\n- chat: Nothing answers/);
  });

  it("warns about a model missing from the list that answers anyway, and copes without a list", async () => {
    const report = await doctor({ CHAT_MODEL: "llama3.2" });
    expect(report.ok).toBe(true);
    expect(report.endpoints[0]?.checks.model).toEqual({
      status: "warn",
      detail: "not listed; offered: mock-chat, mock-extraction — but it answered",
    });
    expect(report.endpoints[0]?.fixes.join(" ")).toMatch(/\(warning\).*CHAT_MODEL/);

    await chatMock.configure({ listModels: false });
    const unlisted = await doctor();
    expect(unlisted.endpoints[0]?.checks.model.status).toBe("skip");
    expect(unlisted.endpoints[0]?.checks.streaming.status).toBe("ok");
  });

  it("fails extraction when no mode gives valid JSON, or when a forced mode is refused", async () => {
    await extractionMock.addRule({
      match: "",
      kind: "extraction",
      response: { type: "raw", content: "I would rather not answer in JSON." },
    });
    const garbled = await doctor();
    expect(garbled.ok).toBe(false);
    expect(garbled.endpoints[1]?.checks.structuredOutput).toEqual({
      status: "fail",
      detail: "the answer was not valid extraction JSON",
    });
    expect(garbled.endpoints[1]?.fixes.join(" ")).toMatch(/EXTRACTION_MODEL/);

    await extractionMock.reset();
    await extractionMock.configure({ profile: "text-only" });
    const forced = await doctor({ EXTRACTION_STRUCTURED_OUTPUT: "json_object" });
    expect(forced.endpoints[1]?.checks.structuredOutput.status).toBe("fail");
    expect(forced.endpoints[1]?.checks.structuredOutput.detail).toMatch(/HTTP 400/);
    const learned = await doctor();
    expect(learned.endpoints[1]?.checks.structuredOutput.detail).toBe(
      "text; refused json_schema, json_object, tool",
    );
  });

  it("checks the offline model when nothing is configured", async () => {
    const report = await runDoctor({ env: parseEnv({}), timeoutMs: 5_000 });
    expect(report.ok).toBe(true);
    expect(report.endpoints.map((endpoint) => [endpoint.modelId, endpoint.offline])).toEqual([
      ["offline-chat", true],
      ["offline-extraction", true],
    ]);
    expect(report.endpoints[1]?.checks.structuredOutput.detail).toBe("json_schema; offline model");
    expect(formatDoctorReport(report)).toContain("offline model (no key, no base URL)");
  });
});

describe("npm run doctor", () => {
  function runScript(env: Record<string, string>) {
    return new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "--conditions=react-server", "scripts/doctor.ts", "--timeout", "5"],
        {
          env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.on("exit", (code) => resolve({ code, stdout }));
    });
  }

  it("exits 0 when every check passed and 1 when one failed", async () => {
    const passing = await runScript(mockEnv());
    expect(passing.stdout).toContain("Result: every check passed.");
    expect(passing.code).toBe(0);
    await extractionMock.configure({ apiKey: "the-right-key" });
    const failing = await runScript(mockEnv());
    expect(failing.stdout).toContain("EXTRACTION_API_KEY");
    expect(failing.code).toBe(1);
  }, 30_000);
});
