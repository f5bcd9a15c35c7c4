/**
 * The extraction model's instructions and input (SPEC §5): this turn's user message and answer,
 * a few earlier turns as context, the user's existing memory keys (so topics are reused), and
 * today's date.
 */
import { SUGGESTED_CATEGORIES } from "@/lib/memory/vocabulary";
import { formatTurnBlock } from "./prompt-format";

export const EXTRACTION_INSTRUCTIONS = `You read one turn of a conversation between a user and an assistant and extract what it reveals about the USER: facts (job, city, family, languages), interests (hobbies, topics), goals (learning X, building Y) and dislikes (topics to avoid, foods).

Rules:
- Only what the user said about themselves, in the user message. Never store what only the assistant said, and never invent.
- source_text must be copied exactly from the user message (the user's own words that prove it).
- category: lower-case, preferably one of: ${SUGGESTED_CATEGORIES.join(", ")}.
- topic: a short lower-case noun phrase; reuse an existing topic from the list below when it is about the same thing. Use these fixed topics where they fit: job, employer, city (where they live), hometown, allergy, diet, name, career; otherwise the thing itself (e.g. "sushi", "rust").
- detail: a short phrase stating what is true about the user.
- confidence_score: 0..1 — how clearly the user stated it about themselves (jokes, hypotheticals and questions score low).
- explicit: true only when the user asks you to remember it ("remember that…", "ingat bahwa…"); such items get confidence_score 1.
- forget: when the user asks to forget something ("forget that…", "lupakan…"), name its category and topic and quote their words.
- Never extract secrets: passwords, API keys, card, account or ID numbers.
- Understand any language (e.g. Indonesian); write detail in the user's language.
- When nothing is worth remembering, return empty lists.`;

export type ExtractionPromptInput = {
  userMessage: string;
  assistantMessage: string;
  earlierTurns: { role: "user" | "assistant"; text: string }[];
  memoryKeys: { category: string; topic: string }[];
  today: string;
};

const EARLIER_TURN_CHARS = 500;

export function buildExtractionPrompt(input: ExtractionPromptInput): string {
  const earlier = input.earlierTurns
    .map((turn) => `${turn.role}: ${JSON.stringify(turn.text.slice(0, EARLIER_TURN_CHARS))}`)
    .join("\n");
  const keys = input.memoryKeys.map((key) => `${key.category}/${key.topic}`).join(", ");
  return [
    `Today's date: ${input.today}`,
    `Existing memory topics (category/topic): ${keys || "none yet"}`,
    `Earlier turns, for context only (extract nothing from them):\n${earlier || "none"}`,
    "The turn to extract from, as JSON:",
    formatTurnBlock({ user_message: input.userMessage, assistant_message: input.assistantMessage }),
  ].join("\n\n");
}
