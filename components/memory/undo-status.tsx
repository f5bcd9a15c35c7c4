"use client";

import { Undo2, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/** The page moves focus here after a delete, so Undo is one keypress away. */
export const UNDO_BUTTON_ID = "memory-undo";

export type StatusNotice = {
  /** Tells one notice from the next, so a new one starts fresh. */
  id: number;
  text: string;
  /** For a delete: puts the memory back; resolves to an error message or null. */
  undo?: () => Promise<string | null>;
};

/**
 * The status line at the bottom of the memory page: "Deleted “job”." with Undo, or the outcome
 * of the last action. It stays until dismissed or replaced — no timer to race against.
 */
export function UndoStatus({
  notice,
  onDismiss,
}: {
  notice: StatusNotice | null;
  onDismiss: () => void;
}) {
  return (
    // The live region is always in the page, so what appears in it is announced.
    <div
      role="status"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4"
    >
      {notice ? <Notice key={notice.id} notice={notice} onDismiss={onDismiss} /> : null}
    </div>
  );
}

function Notice({ notice, onDismiss }: { notice: StatusNotice; onDismiss: () => void }) {
  const t = useTranslations("Memory");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textRef = useRef<HTMLSpanElement>(null);
  const { undo } = notice;

  // A notice that replaces one whose button had focus ("Deleted…" → "Restored…") takes the
  // focus itself when nothing else did: it never falls to the page's <body>. The page may move
  // it on (to the restored memory) right after.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) textRef.current?.focus();
  }, []);

  return (
    <div className="pointer-events-auto flex max-w-lg flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border bg-popover px-4 py-2 text-popover-foreground text-sm shadow-lg">
      <span ref={textRef} tabIndex={-1} className="outline-none">
        {notice.text}
      </span>
      {undo ? (
        <Button
          id={UNDO_BUTTON_ID}
          size="sm"
          variant="outline"
          // Not `disabled`: a disabled button loses keyboard focus to <body>.
          aria-disabled={busy}
          onClick={async () => {
            if (busy) return;
            setBusy(true);
            setError(null);
            const failure = await undo();
            setBusy(false);
            setError(failure);
          }}
        >
          <Undo2 aria-hidden /> {t("undo")}
        </Button>
      ) : null}
      <Button
        size="icon"
        variant="ghost"
        className="size-8"
        onClick={onDismiss}
        aria-label={t("dismiss")}
      >
        <X aria-hidden />
      </Button>
      {error ? <span className="basis-full text-destructive">{error}</span> : null}
    </div>
  );
}
