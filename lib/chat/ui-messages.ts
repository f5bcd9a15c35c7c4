/** Stored messages in the shape `useChat` renders. */
import type { UIMessage } from "ai";
import type { Message } from "@/lib/db/schema";
import type { UsedMemoryView } from "@/lib/memory/used-memories";

/** What a reply's metadata carries, streamed (at its start) or read back with the chat. */
export type ReplyMetadata = { userMessageId?: string; usedMemories?: UsedMemoryView[] };

export function toUIMessages(
  messages: Message[],
  usedMemories: Map<string, UsedMemoryView[]> = new Map(),
): UIMessage<ReplyMetadata>[] {
  return messages.map((message) => {
    const used = usedMemories.get(message.id);
    return {
      id: message.id,
      role: message.role,
      parts: Array.isArray(message.parts) ? (message.parts as UIMessage["parts"]) : [],
      ...(used ? { metadata: { usedMemories: used } } : {}),
    };
  });
}
