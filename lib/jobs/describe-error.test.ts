import { APICallError, JSONParseError, NoObjectGeneratedError, TypeValidationError } from "ai";
import { describe, expect, it } from "vitest";
import { describeError } from "./run-extraction";

describe("the reason kept for a failed extraction", () => {
  it("never quotes the model's output, which quotes the user", () => {
    const output = '{"preferences":[{"detail":"lives at Jalan Merdeka"}]';
    const reasons = [
      describeError(new JSONParseError({ text: output, cause: new Error("bad") })),
      describeError(
        new TypeValidationError({
          value: { preferences: [{ detail: "lives at Jalan Merdeka" }] },
          cause: "x",
        }),
      ),
    ];
    reasons.push(
      describeError(
        new NoObjectGeneratedError({
          text: output,
          cause: new JSONParseError({ text: output, cause: new Error("bad") }),
          response: { id: "r", timestamp: new Date(), modelId: "m" },
          usage: {
            inputTokens: 1,
            outputTokens: 1,
            totalTokens: 2,
            inputTokenDetails: {
              noCacheTokens: undefined,
              cacheReadTokens: undefined,
              cacheWriteTokens: undefined,
            },
            outputTokenDetails: { textTokens: undefined, reasoningTokens: undefined },
          },
          finishReason: "stop",
        }),
      ),
    );
    for (const reason of reasons) expect(reason).not.toContain("Merdeka");
    expect(reasons[2]).toBe("AI_NoObjectGeneratedError: the model's output was not valid JSON");
    expect(reasons[0]).toMatch(/not valid JSON/);
    expect(reasons[1]).toMatch(/did not match the schema/);
  });

  it("names the HTTP status of a failed call", () => {
    const error = new APICallError({
      message: "Internal Server Error",
      url: "http://127.0.0.1/v1/chat/completions",
      requestBodyValues: {},
      statusCode: 500,
    });
    expect(describeError(error)).toBe("AI_APICallError (HTTP 500): Internal Server Error");
  });
});
