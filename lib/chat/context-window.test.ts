import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/db/schema";
import { chatModelMessages, estimateTextTokens } from "./context-window";

const MAX_MESSAGE_CHARS = 8_000;

function message(index: number, text: string): Message {
  return {
    id: `m${index}`,
    role: index % 2 === 0 ? "user" : "assistant",
    parts: [{ type: "text", text }],
  } as unknown as Message;
}

const contentOf = (messages: ReturnType<typeof chatModelMessages>) =>
  messages.map((m) => (typeof m.content === "string" ? m.content : ""));

describe("the chat history sent to the model", () => {
  it("stays within the token budget with 30 messages of 8,000 characters", () => {
    const earlier = Array.from({ length: 30 }, (_, i) =>
      message(i, `${i}:`.padEnd(MAX_MESSAGE_CHARS, "x")),
    );
    const text = "y".repeat(MAX_MESSAGE_CHARS);
    const tokenBudget = 8_000;
    const sent = chatModelMessages(earlier, text, { maxMessages: 30, tokenBudget });

    const historyTokens = contentOf(sent.slice(0, -1)).reduce(
      (sum, content) => sum + estimateTextTokens(content),
      0,
    );
    expect(historyTokens).toBeLessThanOrEqual(tokenBudget);
    // 8,000 characters are about 2,000 tokens: the newest four fit, oldest first, then the turn.
    expect(contentOf(sent).map((content) => content.slice(0, 3))).toEqual([
      "26:",
      "27:",
      "28:",
      "29:",
      "yyy",
    ]);
    expect(sent.at(-1)).toEqual({ role: "user", content: text });
  });

  it("sends at most the number of messages allowed, newest kept, roles kept", () => {
    const earlier = Array.from({ length: 40 }, (_, i) => message(i, `message ${i}`));
    const sent = chatModelMessages(earlier, "now", { maxMessages: 30, tokenBudget: 100_000 });
    expect(sent).toHaveLength(31);
    expect(sent[0]).toEqual({ role: "user", content: "message 10" });
    expect(sent[1]).toEqual({ role: "assistant", content: "message 11" });
  });

  it("leaves out messages older than one that does not fit, and always sends the turn", () => {
    const earlier = [message(0, "short"), message(1, "z".repeat(4_000)), message(2, "recent")];
    const sent = chatModelMessages(earlier, "y".repeat(MAX_MESSAGE_CHARS), {
      maxMessages: 30,
      tokenBudget: 100,
    });
    expect(contentOf(sent)).toEqual(["recent", "y".repeat(MAX_MESSAGE_CHARS)]);
  });
});
