import type { UIMessage } from "ai";
import { useTranslations } from "next-intl";

/**
 * A reasoning model's thinking, shown collapsed above its reply while the reply is on screen.
 * It is never saved with the reply, so it is gone after a reload.
 */
export function MessageReasoning({ message }: { message: UIMessage }) {
  const t = useTranslations("Chat");
  const reasoning = message.parts
    .map((part) => (part.type === "reasoning" ? part.text : ""))
    .join("\n")
    .trim();
  if (!reasoning) return null;
  return (
    <details
      data-testid="message-reasoning"
      className="mb-2 rounded-lg border border-border px-3 py-1.5 text-muted-foreground text-sm"
    >
      <summary className="cursor-pointer select-none rounded-sm focus-visible:outline-2 focus-visible:outline-ring">
        {t("reasoning")}
      </summary>
      <p className="mt-1 whitespace-pre-wrap">{reasoning}</p>
    </details>
  );
}
