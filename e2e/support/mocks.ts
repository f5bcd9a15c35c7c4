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

export type ScriptedPreference = {
  type: "fact" | "interest" | "goal" | "dislike";
  category: string;
  topic: string;
  detail: string;
  confidence_score: number;
  source_text: string;
  explicit: boolean;
};

/**
 * Scripts the extraction of the next turn whose text contains `match`. One-shot: the extraction
 * prompt quotes earlier turns as context, so a persistent rule for an earlier message would also
 * answer the later turns of the same chat.
 */
export async function scriptExtraction(
  match: string,
  preferences: ScriptedPreference[],
  forget: object[] = [],
): Promise<void> {
  await extractionMock.addRule({
    match,
    kind: "extraction",
    once: true,
    response: { type: "json", body: { preferences, forget } },
  });
}
