import { WifiOff } from "lucide-react";

export function OfflineBanner() {
  return (
    <p
      role="note"
      data-testid="offline-banner"
      className="flex items-center justify-center gap-2 border-b bg-warning/15 px-4 py-1.5 text-center text-sm"
    >
      <WifiOff aria-hidden className="size-4" />
      Offline model: no API key is configured, so replies come from Ingat's built-in offline model.
      Set OPENAI_API_KEY or OPENAI_BASE_URL to use a real model.
    </p>
  );
}
