import Link from "next/link";
import { useTranslations } from "next-intl";
import type { MemoryItem } from "./types";

/** The user's words a memory was learned from, linked to the message they were said in. */
export function MemoryQuote({
  memory,
}: {
  memory: Pick<MemoryItem, "source_text" | "chat_id" | "message_id">;
}) {
  const t = useTranslations("Memory");
  if (!memory.source_text) return null;
  return (
    <figure className="flex flex-wrap items-baseline gap-x-2 border-l-2 pl-2 text-muted-foreground text-xs">
      <blockquote className="line-clamp-2 break-words italic">“{memory.source_text}”</blockquote>
      <figcaption>
        {memory.chat_id ? (
          <Link
            href={`/chat/${memory.chat_id}${memory.message_id ? `#message-${memory.message_id}` : ""}`}
            className="underline underline-offset-2"
          >
            {t("saidInChat")}
          </Link>
        ) : (
          t("saidInDeletedChat")
        )}
      </figcaption>
    </figure>
  );
}
