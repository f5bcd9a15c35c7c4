/**
 * Reading the JSON object in a model's answer when the server did not (or could not) enforce a
 * format: a reasoning block before it, a Markdown fence around it, a sentence before or after
 * it, trailing commas, single quotes or Python literals. The object is cut out between its first
 * `{` and last `}`, then `jsonrepair` fixes the syntax. This only makes the answer parseable —
 * what it says is still checked against the zod schema and the memory write gate.
 */
import { JSONParseError } from "ai";
import { jsonrepair } from "jsonrepair";

/** Answers longer than this are runaway output, not an extraction. */
export const MAX_ANSWER_CHARS = 200_000;

export function readJsonObject(answer: string): unknown {
  const text = afterReasoning(answer.slice(0, MAX_ANSWER_CHARS));
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start === -1 || end < start) {
    throw new JSONParseError({ text: "", cause: new Error("the answer holds no JSON object") });
  }
  const candidate = text.slice(start, end + 1);
  try {
    return JSON.parse(candidate) as unknown;
  } catch {
    // not strict JSON: try to repair it below
  }
  try {
    return JSON.parse(jsonrepair(candidate)) as unknown;
  } catch (cause) {
    // The text is the model's output, which quotes the user: it stays out of the error.
    throw new JSONParseError({ text: "", cause });
  }
}

/**
 * What follows the reasoning that opens an answer: a `<think>` block, or — from a server whose
 * chat template opens the block in the prompt — everything up to a lone `</think>`. The first
 * closing tag ends it, so an answer that quotes "</think>" from the user still parses.
 */
function afterReasoning(text: string): string {
  const start = text.trimStart();
  const close = start.indexOf("</think>");
  if (close !== -1) return start.slice(close + "</think>".length);
  // A block that never closed is reasoning cut short: there is no answer after it.
  return start.startsWith("<think>") ? "" : text;
}
