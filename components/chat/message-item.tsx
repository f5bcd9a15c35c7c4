"use client";

import type { UIMessage } from "ai";
import { Pencil, RefreshCw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";
import { CopyButton } from "./copy-button";
import { Markdown } from "./markdown";
import { MessageReasoning } from "./message-reasoning";

export function messageText(message: UIMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

type MessageItemProps = {
  message: UIMessage;
  stopped?: boolean;
  /** The message a link pointed at (`#message-<id>`: a memory's quote, a search result). */
  linked?: boolean;
  /** Offered on the last reply / the last user message, when no reply is streaming. */
  onRegenerate?: () => void;
  onEdit?: (text: string) => void;
  /** While a reply streams its message shows no actions yet. */
  streaming?: boolean;
};

export function MessageItem({
  message,
  stopped,
  linked,
  onRegenerate,
  onEdit,
  streaming,
}: MessageItemProps) {
  const t = useTranslations("Chat");
  const text = messageText(message);
  const fromUser = message.role === "user";
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

  return (
    <article
      id={`message-${message.id}`}
      data-testid="message"
      data-role={message.role}
      data-linked={linked ? "true" : undefined}
      aria-label={fromUser ? t("youSaid") : t("ingatReplied")}
      className={cn("group flex flex-col scroll-mt-4", fromUser ? "items-end" : "items-start")}
    >
      {editing && onEdit ? (
        <EditForm
          initial={text}
          onCancel={() => {
            setEditing(false);
            requestAnimationFrame(() => editButton.current?.focus());
          }}
          onSend={(edited) => {
            setEditing(false);
            onEdit(edited);
          }}
        />
      ) : (
        <div
          className={cn(
            "max-w-[85%] rounded-2xl px-4 py-2.5 transition-shadow",
            fromUser
              ? "whitespace-pre-wrap bg-secondary text-secondary-foreground"
              : "max-w-full bg-transparent sm:max-w-[85%]",
            linked && "bg-accent ring-2 ring-ring ring-offset-2 ring-offset-background",
          )}
        >
          {fromUser ? null : <MessageReasoning message={message} />}
          {fromUser ? text : <Markdown>{text}</Markdown>}
          {stopped ? <p className="mt-1 text-muted-foreground text-xs">{t("stopped")}</p> : null}
        </div>
      )}
      {!editing && !streaming && text !== "" ? (
        <div className={cn("mt-0.5 flex items-center gap-0.5", fromUser ? "pr-1" : "pl-2")}>
          <CopyButton text={text} />
          {onRegenerate ? (
            <Button
              type="button"
              variant="ghost"
              size="icon"
              className="size-7 text-muted-foreground"
              aria-label={t("regenerate")}
              title={t("regenerate")}
              onClick={onRegenerate}
            >
              <RefreshCw aria-hidden />
            </Button>
          ) : null}
          {onEdit ? (
            <Button
              ref={editButton}
              type="button"
              variant="ghost"
              size="icon"
              className="size-7 text-muted-foreground"
              aria-label={t("edit")}
              title={t("edit")}
              onClick={() => setEditing(true)}
            >
              <Pencil aria-hidden />
            </Button>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function EditForm({
  initial,
  onCancel,
  onSend,
}: {
  initial: string;
  onCancel: () => void;
  onSend: (text: string) => void;
}) {
  const t = useTranslations("Chat");
  const [text, setText] = useState(initial);
  const canSend = text.trim() !== "";
  return (
    <form
      className="flex w-full max-w-[85%] flex-col gap-2 rounded-2xl border bg-card p-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSend) onSend(text);
      }}
    >
      <Label htmlFor="edit-message" className="sr-only">
        {t("editMessage")}
      </Label>
      <Textarea
        id="edit-message"
        value={text}
        autoFocus
        onFocus={(event) => {
          const end = event.currentTarget.value.length;
          event.currentTarget.setSelectionRange(end, end);
        }}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            onCancel();
          } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            if (canSend) onSend(text);
          }
        }}
        className="max-h-60 min-h-16 resize-none"
      />
      <div className="flex justify-end gap-2">
        <Button type="button" size="sm" variant="outline" onClick={onCancel}>
          {t("cancel")}
        </Button>
        <Button type="submit" size="sm" disabled={!canSend} aria-label={t("sendEdited")}>
          {t("send")}
        </Button>
      </div>
    </form>
  );
}
