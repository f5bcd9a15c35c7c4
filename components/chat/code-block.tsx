"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import "./code-theme.css";
import { CopyButton } from "./copy-button";
import type { Highlighted } from "./highlight";

/** A fenced code block of a reply: its language, a Copy code button, and highlighted code. */
export function CodeBlock({ code, language }: { code: string; language: string }) {
  const t = useTranslations("Chat");
  const [highlighted, setHighlighted] = useState<Highlighted | null>(null);

  useEffect(() => {
    if (!language) return;
    let cancelled = false;
    void import("./highlight").then(({ highlight }) => {
      if (!cancelled) setHighlighted(highlight(code, language));
    });
    return () => {
      cancelled = true;
    };
  }, [code, language]);

  return (
    <div data-testid="code-block" className="code-block my-3 overflow-hidden rounded-lg border">
      <div className="flex items-center justify-between border-b bg-muted/60 py-0.5 pr-1 pl-3 text-muted-foreground text-xs">
        <span>{highlighted?.language ?? (language || t("code"))}</span>
        <CopyButton text={code} label={t("copyCode")} showLabel />
      </div>
      <pre>
        <code className="hljs font-mono">{highlighted?.code ?? code}</code>
      </pre>
    </div>
  );
}
