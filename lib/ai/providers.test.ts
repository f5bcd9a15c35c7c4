import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { endpointFor } from "./providers";

describe("model endpoints", () => {
  it("uses the offline model for both roles when nothing is configured", () => {
    const env = parseEnv({});
    expect(endpointFor("chat", env)).toBeNull();
    expect(endpointFor("extraction", env)).toBeNull();
  });

  it("lets extraction fall back to the chat endpoint", () => {
    const env = parseEnv({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", CHAT_MODEL: "llama3.2" });
    expect(endpointFor("extraction", env)).toEqual({
      apiKey: undefined,
      baseURL: "http://127.0.0.1:11434/v1",
      modelId: "llama3.2",
    });
  });

  it("keeps a separately configured extraction endpoint apart from chat", () => {
    const env = parseEnv({
      OPENAI_API_KEY: "chat-key",
      EXTRACTION_BASE_URL: "http://127.0.0.1:4011/v1",
      EXTRACTION_API_KEY: "extraction-key",
      EXTRACTION_MODEL: "small-json",
    });
    expect(endpointFor("chat", env)).toMatchObject({ apiKey: "chat-key", baseURL: undefined });
    expect(endpointFor("extraction", env)).toEqual({
      apiKey: "extraction-key",
      baseURL: "http://127.0.0.1:4011/v1",
      modelId: "small-json",
    });
  });
});
