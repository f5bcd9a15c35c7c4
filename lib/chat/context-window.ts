/**
 * What of a chat's history the model is sent: the newest messages, at most a number of them and
 * a token budget in all, so a long chat of long messages cannot grow the prompt without bound
 * (the message being answered is always sent, whatever its length). Tokens are estimated from
 * characters, about four to a token in English text.
 */
import "server-only";
import type { ModelMessage } from "ai";
import { textOf } from "@/lib/db/queries/messages";
import type { Message } from "@/lib/db/schema";

export type HistoryBudget = { maxMessages: number; tokenBudget: number };

export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The model messages for a turn: the history that fits (oldest first), then the user's text. */
export function chatModelMessages(
  earlier: Message[],
  text: string,
  { maxMessages, tokenBudget }: HistoryBudget,
): ModelMessage[] {
  const kept: ModelMessage[] = [];
  let tokens = 0;
  for (let index = earlier.length - 1; index >= 0 && kept.length < maxMessages; index--) {
    const message = earlier[index];
    const content = message ? textOf(message) : "";
    if (!message || !content) continue;
    tokens += estimateTextTokens(content);
    // Older messages than one that does not fit are left out too: the history stays contiguous.
    if (tokens > tokenBudget) break;
    kept.push(message.role === "user" ? { role: "user", content } : { role: "assistant", content });
  }
  return [...kept.reverse(), { role: "user", content: text }];
}
