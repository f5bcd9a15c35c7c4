/**
 * The body of POST /api/chat: the chat id and the one new user message (AI SDK UI message), and
 * what kind of send it is — a new message, a Regenerate of the last reply (the same user message
 * again), or an Edit of the last user message (`replaces` names the message it takes the place
 * of). `temporary` only counts when the message starts a new chat. `memory` is what the page
 * showed of the user's memory switch: with it off the server skips reading memories alongside
 * its checks; the stored switch still decides.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";

export const chatRequestSchema = z.object({
  id: z.uuid({ message: "must be a chat id (UUID)" }),
  message: z.object({
    id: z.uuid({ message: "must be a message id (UUID)" }),
    role: z.literal("user"),
    parts: z
      .array(z.object({ type: z.literal("text"), text: z.string() }))
      .min(1, "must contain the message text"),
  }),
  temporary: z.boolean().optional(),
  memory: z.boolean().optional(),
  regenerate: z.boolean().optional(),
  replaces: z.uuid({ message: "must be a message id (UUID)" }).optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** The message text, checked against the size limit (413) and for emptiness (400). */
export function messageText(request: ChatRequest, maxChars: number): string {
  const text = request.message.parts.map((part) => part.text).join("\n");
  if (text.length > maxChars) {
    throw new AppError(
      "payload_too_large",
      `Your message is ${text.length.toLocaleString("en")} characters; the limit is ${maxChars.toLocaleString("en")}. Shorten it or split it into parts.`,
      {
        field: "message",
        reason: "message_too_long",
        params: { length: text.length, max: maxChars },
      },
    );
  }
  if (text.trim() === "") {
    throw new AppError("bad_request", "The message is empty.", {
      field: "message",
      reason: "message_empty",
    });
  }
  return text;
}

/** Room for JSON encoding around the largest accepted message. */
export function maxChatBodyBytes(maxChars: number): number {
  return maxChars * 6 + 4096;
}
