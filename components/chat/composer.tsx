"use client";

import { ArrowUp, Square } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

type ComposerProps = {
  busy: boolean;
  streaming: boolean;
  maxChars: number;
  onSend: (text: string) => void;
  onStop: () => void;
};

/** The message box: Enter sends, Shift+Enter starts a new line; Stop while a reply streams. */
export function Composer({ busy, streaming, maxChars, onSend, onStop }: ComposerProps) {
  const t = useTranslations("Chat");
  const [text, setText] = useState("");
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const tooLong = text.length > maxChars;
  const canSend = !busy && text.trim() !== "" && !tooLong;

  const send = () => {
    if (!canSend) return;
    onSend(text);
    setText("");
    inputRef.current?.focus();
  };

  return (
    <form
      className="mx-auto flex w-full max-w-3xl flex-col gap-1"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <Label htmlFor="composer" className="sr-only">
        {t("messageLabel")}
      </Label>
      <div className="flex items-end gap-2 rounded-xl border bg-card p-2 shadow-xs focus-within:outline-2 focus-within:outline-ring">
        <Textarea
          id="composer"
          ref={inputRef}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              send();
            }
          }}
          placeholder={t("placeholder")}
          rows={1}
          autoFocus
          aria-invalid={tooLong || undefined}
          aria-describedby="composer-hint"
          className="max-h-60 min-h-10 resize-none border-0 bg-transparent shadow-none focus-visible:outline-none"
        />
        {streaming ? (
          <Button
            type="button"
            size="icon"
            variant="secondary"
            onClick={onStop}
            aria-label={t("stop")}
          >
            <Square aria-hidden className="size-4" />
          </Button>
        ) : (
          <Button type="submit" size="icon" disabled={!canSend} aria-label={t("send")}>
            <ArrowUp aria-hidden className="size-4" />
          </Button>
        )}
      </div>
      <p id="composer-hint" className={tooLong ? "text-destructive text-xs" : "sr-only"}>
        {tooLong ? t("tooLong", { length: text.length, max: maxChars }) : t("composerHint")}
      </p>
    </form>
  );
}
