import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { refusedFeature } from "./refusals";

function apiError(status: number, message: string, param: string | null = null): APICallError {
  const data = { error: { message, type: "invalid_request_error", param, code: null } };
  return new APICallError({
    message,
    url: "http://127.0.0.1/v1/chat/completions",
    requestBodyValues: {},
    statusCode: status,
    responseBody: JSON.stringify(data),
    data,
  });
}

describe("refusedFeature", () => {
  it("reads the servers' own refusals of a response format", () => {
    // DeepSeek's API (json_object only), LM Studio (json_schema only), Azure-style gateways.
    expect(refusedFeature(apiError(400, "This response_format type is unavailable now"))).toBe(
      "response_format",
    );
    expect(
      refusedFeature(apiError(400, "'response_format.type' must be 'json_schema' or 'text'")),
    ).toBe("response_format");
    expect(
      refusedFeature(apiError(400, "Unrecognized request argument supplied: response_format")),
    ).toBe("response_format");
    expect(refusedFeature(apiError(422, "json_schema is not supported for this model"))).toBe(
      "response_format",
    );
  });

  it("reads refusals of tools and of parameters, by the error's param first", () => {
    expect(refusedFeature(apiError(400, "Unrecognized request argument supplied: tools"))).toBe(
      "tools",
    );
    expect(
      refusedFeature(
        apiError(
          400,
          '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
        ),
      ),
    ).toBe("tools");
    expect(
      refusedFeature(
        apiError(
          400,
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
          "max_tokens",
        ),
      ),
    ).toBe("max_tokens");
    expect(
      refusedFeature(
        apiError(400, "Unsupported value: does not support 0 with this model.", "temperature"),
      ),
    ).toBe("temperature");
  });

  it("treats everything else as an ordinary failure", () => {
    expect(refusedFeature(apiError(500, "response_format handler crashed"))).toBeNull();
    expect(refusedFeature(apiError(401, "Incorrect API key provided"))).toBeNull();
    expect(refusedFeature(apiError(429, "Rate limit reached for tools"))).toBeNull();
    expect(
      refusedFeature(apiError(400, "This model's maximum context length is 8192 tokens.")),
    ).toBeNull();
    expect(refusedFeature(new Error("response_format"))).toBeNull();
    expect(refusedFeature(undefined)).toBeNull();
  });
});
