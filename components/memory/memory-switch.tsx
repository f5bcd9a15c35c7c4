"use client";

import { useState } from "react";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { setMemoryEnabled } from "./api";

/** The Memory on/off switch. Off: Ingat neither learns from chats nor uses memories in replies. */
export function MemorySwitch({
  enabled,
  onChange,
}: {
  enabled: boolean;
  onChange: (enabled: boolean) => void;
}) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = async (next: boolean) => {
    setSaving(true);
    setError(null);
    onChange(next);
    const result = await setMemoryEnabled(next);
    setSaving(false);
    if (!result.ok) {
      onChange(!next);
      setError(`Could not turn memory ${next ? "on" : "off"}: ${result.message}`);
    }
  };

  return (
    <div className="flex flex-col gap-2 rounded-lg border p-4">
      <div className="flex items-center gap-3">
        <Switch
          id="memory-switch"
          checked={enabled}
          onCheckedChange={(checked) => void toggle(checked)}
          disabled={saving}
          aria-describedby="memory-switch-description"
        />
        <Label htmlFor="memory-switch" className="text-base">
          Memory
        </Label>
        <span className="text-muted-foreground text-sm" aria-hidden>
          {enabled ? "On" : "Off"}
        </span>
      </div>
      <p id="memory-switch-description" className="text-muted-foreground text-sm">
        {enabled
          ? "On: after each reply, Ingat notes what it learned about you, and uses your memories to personalise its answers."
          : "Off: Ingat doesn’t learn anything from your chats and doesn’t use these memories in its replies. What’s stored stays here until you delete it."}
      </p>
      {error ? (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}
