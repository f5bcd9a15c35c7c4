"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { setMemoryEnabled } from "./api";

/** The Memory on/off switch. Off: Ingat neither learns from chats nor uses memories in replies. */
export function MemorySwitch({
  enabled,
  onChange,
}: {
  enabled: boolean;
  onChange: (enabled: boolean) => void;
}) {
  const t = useTranslations("Memory");
  const describeError = useErrorMessage();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = async (next: boolean) => {
    if (saving) return;
    setSaving(true);
    setError(null);
    onChange(next);
    const result = await setMemoryEnabled(next);
    setSaving(false);
    if (!result.ok) {
      onChange(!next);
      setError(t("switchFailed", { state: next ? "on" : "off", reason: describeError(result) }));
    }
  };

  return (
    <div className="flex flex-col gap-1 rounded-lg border px-3 py-2.5 sm:px-4">
      <div className="flex items-center gap-3">
        {/* Busy, not disabled, while saving: disabling the focused switch would drop the focus. */}
        <Switch
          id="memory-switch"
          checked={enabled}
          onCheckedChange={(checked) => void toggle(checked)}
          aria-busy={saving}
          aria-describedby="memory-switch-description"
        />
        <Label htmlFor="memory-switch" className="text-base">
          {t("switchLabel")}
        </Label>
        <span className="text-muted-foreground text-sm" aria-hidden>
          {enabled ? t("on") : t("off")}
        </span>
      </div>
      <p id="memory-switch-description" className="text-muted-foreground text-sm">
        {enabled ? t("onBody") : t("offBody")}
      </p>
      {error ? (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}
