import { MessageCircleDashed } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** The Temporary chat switch, offered on a new chat before its first message. */
export function TemporaryChatToggle({
  on,
  onChange,
}: {
  on: boolean;
  onChange: (on: boolean) => void;
}) {
  const t = useTranslations("Chat");
  return (
    <Button
      type="button"
      variant={on ? "secondary" : "ghost"}
      size="sm"
      aria-pressed={on}
      onClick={() => onChange(!on)}
    >
      <MessageCircleDashed aria-hidden />
      {t("temporaryToggle")}
    </Button>
  );
}

/** Shown for as long as a temporary chat is open. */
export function TemporaryChatLabel() {
  const t = useTranslations("Chat");
  return (
    <p className="flex items-center justify-center gap-1.5 rounded-md border border-dashed px-3 py-1.5 text-center text-muted-foreground text-xs">
      <MessageCircleDashed aria-hidden className="size-3.5 shrink-0" />
      {t("temporaryLabel")}
    </p>
  );
}
