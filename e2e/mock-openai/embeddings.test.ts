import { createOpenAI } from "@ai-sdk/openai";
import { embed, embedMany } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cosineSimilarity } from "@/lib/memory/rank-fusion";
import { MOCK_EMBEDDING_DIMENSIONS, mockEmbedding } from "./embeddings";
import { type MockOpenAIServer, startMockOpenAI } from "./server";

let server: MockOpenAIServer;
beforeAll(async () => {
  server = await startMockOpenAI();
});
afterAll(() => server.close());

describe("mock /v1/embeddings", () => {
  it("answers the AI SDK's embed and embedMany with the same vectors every time", async () => {
    const model = createOpenAI({ baseURL: `${server.url}/v1`, apiKey: "x" }).embedding("mock");
    const one = await embed({ model, value: "loves photography" });
    const many = await embedMany({ model, values: ["loves photography", "hates horror movies"] });
    expect(one.embedding).toHaveLength(MOCK_EMBEDDING_DIMENSIONS);
    expect(many.embeddings[0]).toEqual(one.embedding);
    expect(one.embedding).toEqual(mockEmbedding("loves photography"));
  });

  it("puts texts sharing words or word pieces closer than unrelated ones", () => {
    const memory = mockEmbedding("interest: photography — is learning photography");
    const related = cosineSimilarity(memory, mockEmbedding("tips for fotografi at the beach?"));
    const unrelated = cosineSimilarity(memory, mockEmbedding("quarterly dashboard finance"));
    expect(related).toBeGreaterThan(unrelated + 0.1);
  });

  it("refuses a body without input", async () => {
    const response = await fetch(`${server.url}/v1/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "mock" }),
    });
    expect(response.status).toBe(400);
  });
});
