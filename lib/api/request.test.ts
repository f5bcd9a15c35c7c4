import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";

vi.mock("@/lib/auth", () => ({ getSessionUser: async () => null }));
const { parseInput } = await import("./request");

const schema = z.object({ message: z.object({ parts: z.array(z.object({ text: z.string() })) }) });

function refusal(input: unknown): AppError {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("parseInput", () => {
  it("refuses a lone surrogate with a 400 naming the field", () => {
    const error = refusal(JSON.parse('{"message":{"parts":[{"text":"hi \\ud800 there"}]}}'));
    expect(error.status).toBe(400);
    expect(error.field).toBe("message.parts.0.text");
    expect(error.message).toMatch(/^message\.parts\.0\.text: is not valid Unicode text/u);
  });

  it("refuses one in a key, and the low half alone", () => {
    expect(refusal(JSON.parse('{"a\\udc00b":1}')).field).toBe("ab");
    expect(refusal({ message: { parts: [{ text: "\udfff" }] } }).field).toBe(
      "message.parts.0.text",
    );
  });

  it("keeps refusing NUL characters", () => {
    expect(refusal({ message: { parts: [{ text: "a\u0000b" }] } }).message).toContain("NUL");
  });

  it("accepts real surrogate pairs (emoji)", () => {
    const input = { message: { parts: [{ text: "🧠 \ud83d\ude00" }] } };
    expect(parseInput(schema, input)).toEqual(input);
  });
});
