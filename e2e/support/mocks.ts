import { MockOpenAIClient } from "../mock-openai/client";
import { chatMockUrl, extractionMockUrl } from "./ports";

/** The mock behind the chat endpoint (OPENAI_BASE_URL of the e2e server). */
export const chatMock = new MockOpenAIClient(chatMockUrl);
/** The mock behind the separate extraction endpoint (EXTRACTION_BASE_URL). */
export const extractionMock = new MockOpenAIClient(extractionMockUrl);

/** A marker unique to one test, to match mock rules and find its requests. */
export function marker(label: string): string {
  return `${label}-${Math.random().toString(36).slice(2, 10)}`;
}
