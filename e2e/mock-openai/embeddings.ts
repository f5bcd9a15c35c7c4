/**
 * POST /v1/embeddings: deterministic vectors, so tests and the eval can exercise semantic
 * retrieval without a model. Each text is a hashed bag of its words and of their character
 * trigrams (fastText-like subwords), L2-normalised: texts sharing words or word pieces
 * ("fotografi" / "photography") are close, others nearly orthogonal. No meaning is involved:
 * "dinner" is not near "vegetarian".
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { authorized, INVALID_KEY } from "./completions";
import { parseJson, readBody, sendJson } from "./http";
import { errorBody } from "./openai";
import type { MockState } from "./state";

export const MOCK_EMBEDDING_DIMENSIONS = 256;

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

export function mockEmbedding(text: string, dimensions = MOCK_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const add = (feature: string, weight: number) => {
    const value = hash(feature);
    vector[value % dimensions] = (vector[value % dimensions] ?? 0) + (value & 1 ? weight : -weight);
  };
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    add(`w:${word}`, 1);
    const padded = `<${word}>`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`, 0.5);
  }
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  return norm === 0 ? vector : vector.map((x) => x / norm);
}

export async function handleEmbeddings(
  state: MockState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const read = await readBody(req);
  if (!read.ok) return;
  if (!authorized(state, req.headers.authorization)) {
    return sendJson(res, 401, errorBody(401, INVALID_KEY, { code: "invalid_api_key" }));
  }
  const body = parseJson(read.text) as { input?: unknown; model?: unknown } | null;
  const input = typeof body?.input === "string" ? [body.input] : body?.input;
  if (!Array.isArray(input) || !input.every((item) => typeof item === "string")) {
    return sendJson(res, 400, errorBody(400, "'input' must be a string or an array of strings."));
  }
  const tokens = input.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
  sendJson(res, 200, {
    object: "list",
    data: input.map((text, index) => ({
      object: "embedding",
      index,
      embedding: mockEmbedding(text),
    })),
    model: typeof body?.model === "string" ? body.model : "mock-embedding",
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
