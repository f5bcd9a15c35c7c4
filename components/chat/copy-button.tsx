"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Copies `text` to the clipboard. The button stays where it is (so keyboard focus stays on it)
 * and says "Copied" for a moment.
 */
export function CopyButton({
  text,
  label,
  showLabel = false,
}: {
  text: string;
  label?: string;
  showLabel?: boolean;
}) {
  const t = useTranslations("Chat");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };

  const name =
    state === "copied" ? t("copied") : state === "failed" ? t("copyFailed") : (label ?? t("copy"));
  return (
    <Button
      type="button"
      variant="ghost"
      size={showLabel ? "sm" : "icon"}
      className={showLabel ? "h-7 gap-1 px-2 text-xs" : "size-7 text-muted-foreground"}
      aria-label={name}
      title={showLabel ? undefined : name}
      onClick={() => void copy()}
    >
      {state === "copied" ? <Check aria-hidden /> : <Copy aria-hidden />}
      {showLabel ? <span aria-hidden>{state === "copied" ? t("copied") : t("copy")}</span> : null}
    </Button>
  );
}
