import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("configuration", () => {
  it("runs with nothing configured: PGlite, default thresholds", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe("./.data/pglite");
    expect(env.MEMORY_MIN_CONFIDENCE).toBe(0.5);
    expect(env.MEMORY_AUTO_ACCEPT_CONFIDENCE).toBe(0.8);
  });

  it("has limits and quotas sized for real users by default", () => {
    expect(parseEnv({})).toMatchObject({
      TRUST_PROXY: 0,
      SIGN_IN_LIMIT_PER_EMAIL: 10,
      SIGN_IN_LIMIT_PER_ADDRESS: 50,
      SIGN_UP_LIMIT_PER_ADDRESS: 20,
      MEMORY_WRITE_RATE_LIMIT_PER_MINUTE: 120,
      MEMORY_MAX_PER_USER: 2000,
      MEMORY_HISTORY_MAX_PER_MEMORY: 50,
      CHAT_HISTORY_MAX_MESSAGES: 30,
      CHAT_HISTORY_TOKEN_BUDGET: 8000,
      CHAT_MAX_OUTPUT_TOKENS: 8192,
      EXTRACTION_MAX_OUTPUT_TOKENS: 4000,
    });
  });

  it("reads TRUST_PROXY as true, false or a number of proxies", () => {
    expect(parseEnv({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => parseEnv({ TRUST_PROXY: "yes please" })).toThrow(/TRUST_PROXY/);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", OPENAI_API_KEY: " " }).OPENAI_API_KEY).toBeUndefined();
  });

  it("names each malformed variable", () => {
    expect(() =>
      parseEnv({
        DATABASE_URL: "mysql://x",
        OPENAI_BASE_URL: "not a url",
        MEMORY_MIN_CONFIDENCE: "2",
      }),
    ).toThrow(/DATABASE_URL[\s\S]*OPENAI_BASE_URL[\s\S]*MEMORY_MIN_CONFIDENCE|DATABASE_URL/);
    try {
      parseEnv({ DATABASE_URL: "mysql://x", OPENAI_BASE_URL: "not a url" });
    } catch (error) {
      expect(String(error)).toContain("DATABASE_URL");
      expect(String(error)).toContain("OPENAI_BASE_URL");
    }
  });

  it("refuses a minimum confidence above the auto-accept one", () => {
    expect(() =>
      parseEnv({ MEMORY_MIN_CONFIDENCE: "0.9", MEMORY_AUTO_ACCEPT_CONFIDENCE: "0.8" }),
    ).toThrow(/MEMORY_MIN_CONFIDENCE/);
  });

  it("configures the extraction queue: lease, attempts and back-off", () => {
    expect(parseEnv({})).toMatchObject({
      EXTRACTION_LEASE_SECONDS: 60,
      EXTRACTION_MAX_ATTEMPTS: 5,
      EXTRACTION_BACKOFF_BASE_SECONDS: 2,
    });
    expect(
      parseEnv({
        EXTRACTION_LEASE_SECONDS: "3",
        EXTRACTION_TIMEOUT_MS: "1500",
        EXTRACTION_MAX_ATTEMPTS: "2",
        EXTRACTION_BACKOFF_BASE_SECONDS: "1",
      }),
    ).toMatchObject({ EXTRACTION_LEASE_SECONDS: 3, EXTRACTION_MAX_ATTEMPTS: 2 });
    expect(() => parseEnv({ EXTRACTION_MAX_ATTEMPTS: "0" })).toThrow(/EXTRACTION_MAX_ATTEMPTS/);
  });

  it("refuses a lease shorter than the extraction call's time limit", () => {
    expect(() => parseEnv({ EXTRACTION_LEASE_SECONDS: "3" })).toThrow(/EXTRACTION_LEASE_SECONDS/);
  });

  it("lets the operator pin how extraction asks for JSON", () => {
    expect(parseEnv({}).EXTRACTION_STRUCTURED_OUTPUT).toBe("auto");
    expect(parseEnv({ EXTRACTION_STRUCTURED_OUTPUT: "" }).EXTRACTION_STRUCTURED_OUTPUT).toBe(
      "auto",
    );
    expect(
      parseEnv({ EXTRACTION_STRUCTURED_OUTPUT: " json_object " }).EXTRACTION_STRUCTURED_OUTPUT,
    ).toBe("json_object");
    expect(() => parseEnv({ EXTRACTION_STRUCTURED_OUTPUT: "grammar" })).toThrow(
      /EXTRACTION_STRUCTURED_OUTPUT/,
    );
  });

  it("sends Server-Timing only when SERVER_TIMING=1", () => {
    expect(parseEnv({}).SERVER_TIMING).toBe(false);
    expect(parseEnv({ SERVER_TIMING: "0" }).SERVER_TIMING).toBe(false);
    expect(parseEnv({ SERVER_TIMING: "1" }).SERVER_TIMING).toBe(true);
    expect(() => parseEnv({ SERVER_TIMING: "yes" })).toThrow(/SERVER_TIMING/);
  });
});
