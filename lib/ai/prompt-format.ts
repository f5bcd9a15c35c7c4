/**
 * The text formats Ingat's prompts share with the offline model: the memory block in the chat
 * system prompt and the turn block in the extraction prompt. Content is JSON-encoded one item per
 * line, so text a user wrote can never forge a delimiter line and break out of its block.
 */

export const MEMORY_BLOCK_START = "<<<INGAT_USER_MEMORIES";
export const MEMORY_BLOCK_END = "INGAT_USER_MEMORIES>>>";
export const TURN_BLOCK_START = "<<<INGAT_TURN";
export const TURN_BLOCK_END = "INGAT_TURN>>>";

export type PromptMemory = {
  type: string;
  category: string;
  topic: string;
  detail: string;
};

export type PromptTurn = {
  user_message: string;
  assistant_message: string;
};

export function formatMemoryBlock(memories: PromptMemory[]): string {
  const lines = memories.map(({ type, category, topic, detail }) =>
    JSON.stringify({ type, category, topic, detail }),
  );
  return [MEMORY_BLOCK_START, ...lines, MEMORY_BLOCK_END].join("\n");
}

export function parseMemoryBlock(text: string): PromptMemory[] {
  return linesBetween(text, MEMORY_BLOCK_START, MEMORY_BLOCK_END).flatMap((line) => {
    const value = safeJson(line);
    return isPromptMemory(value) ? [value] : [];
  });
}

export function formatTurnBlock(turn: PromptTurn): string {
  return [TURN_BLOCK_START, JSON.stringify(turn), TURN_BLOCK_END].join("\n");
}

export function parseTurnBlock(text: string): PromptTurn | null {
  const [line] = linesBetween(text, TURN_BLOCK_START, TURN_BLOCK_END);
  const value = line === undefined ? null : safeJson(line);
  if (
    value &&
    typeof value === "object" &&
    typeof (value as PromptTurn).user_message === "string" &&
    typeof (value as PromptTurn).assistant_message === "string"
  ) {
    return value as PromptTurn;
  }
  return null;
}

function linesBetween(text: string, start: string, end: string): string[] {
  const lines = text.split("\n");
  const from = lines.indexOf(start);
  if (from === -1) return [];
  const to = lines.indexOf(end, from + 1);
  return lines.slice(from + 1, to === -1 ? undefined : to);
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

function isPromptMemory(value: unknown): value is PromptMemory {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return ["type", "category", "topic", "detail"].every((key) => typeof v[key] === "string");
}
