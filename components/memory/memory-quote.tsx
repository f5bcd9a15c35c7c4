import Link from "next/link";
import type { MemoryItem } from "./types";

/** The user's words a memory was learned from, linked to the message they were said in. */
export function MemoryQuote({
  memory,
}: {
  memory: Pick<MemoryItem, "source_text" | "chat_id" | "message_id">;
}) {
  if (!memory.source_text) return null;
  return (
    <figure className="border-l-2 pl-3 text-sm">
      <blockquote className="text-muted-foreground italic">“{memory.source_text}”</blockquote>
      <figcaption className="text-muted-foreground text-xs">
        {memory.chat_id ? (
          <Link
            href={`/chat/${memory.chat_id}${memory.message_id ? `#message-${memory.message_id}` : ""}`}
            className="underline underline-offset-2"
          >
            You said this in a chat
          </Link>
        ) : (
          "You said this in a chat that was since deleted"
        )}
      </figcaption>
    </figure>
  );
}
