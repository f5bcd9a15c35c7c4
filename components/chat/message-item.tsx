import type { UIMessage } from "ai";
import { cn } from "@/lib/utils";
import { Markdown } from "./markdown";

export function messageText(message: UIMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

/** `linked`: the message a link pointed at (`#message-<id>`, e.g. a memory's quote). */
export function MessageItem({
  message,
  stopped,
  linked,
}: {
  message: UIMessage;
  stopped?: boolean;
  linked?: boolean;
}) {
  const text = messageText(message);
  const fromUser = message.role === "user";
  return (
    <article
      id={`message-${message.id}`}
      data-testid="message"
      data-role={message.role}
      aria-label={fromUser ? "You said" : "Ingat replied"}
      className={cn("flex", fromUser ? "justify-end" : "justify-start")}
    >
      <div
        className={cn(
          "max-w-[85%] rounded-2xl px-4 py-2.5",
          fromUser
            ? "whitespace-pre-wrap bg-secondary text-secondary-foreground"
            : "bg-transparent",
          linked && "ring-2 ring-ring",
        )}
      >
        {fromUser ? text : <Markdown>{text}</Markdown>}
        {stopped ? <p className="mt-1 text-muted-foreground text-xs">Stopped</p> : null}
      </div>
    </article>
  );
}
