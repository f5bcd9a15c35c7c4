import type { UIMessage } from "ai";
import { cn } from "@/lib/utils";
import { Markdown } from "./markdown";

export function messageText(message: UIMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

export function MessageItem({ message, stopped }: { message: UIMessage; stopped?: boolean }) {
  const text = messageText(message);
  const fromUser = message.role === "user";
  return (
    <article
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
        )}
      >
        {fromUser ? text : <Markdown>{text}</Markdown>}
        {stopped ? <p className="mt-1 text-muted-foreground text-xs">Stopped</p> : null}
      </div>
    </article>
  );
}
