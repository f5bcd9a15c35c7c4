/** Stored messages in the shape `useChat` renders. */
import type { UIMessage } from "ai";
import type { Message } from "@/lib/db/schema";

export function toUIMessages(messages: Message[]): UIMessage[] {
  return messages.map((message) => ({
    id: message.id,
    role: message.role,
    parts: Array.isArray(message.parts) ? (message.parts as UIMessage["parts"]) : [],
  }));
}
