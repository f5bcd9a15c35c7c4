"use client";

import { WifiOff, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { focusComposer } from "@/lib/client/focus";
import { OFFLINE_BANNER_COOKIE } from "./offline-banner-cookie";

/** Says replies come from the built-in offline model; one short line, dismissable. */
export function OfflineBanner() {
  const t = useTranslations("Shell");
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  const dismiss = () => {
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie the server reads
    document.cookie = `${OFFLINE_BANNER_COOKIE}=dismissed; path=/; max-age=31536000; samesite=lax`;
    setDismissed(true);
    focusComposer(); // the Dismiss button is gone
  };
  return (
    <div
      role="note"
      data-testid="offline-banner"
      className="flex items-center justify-center gap-2 border-b bg-warning/15 py-1 pr-1 pl-3 text-xs sm:text-sm"
    >
      <WifiOff aria-hidden className="size-4 shrink-0" />
      <p className="min-w-0 truncate sm:whitespace-normal">
        <span className="font-medium">{t("offlineTitle")}</span>
        <span className="hidden sm:inline">{t("offlineDetail")}</span>
        <span className="sm:hidden">{t("offlineShort")}</span>
      </p>
      <button
        type="button"
        aria-label={t("dismiss")}
        title={t("dismiss")}
        onClick={dismiss}
        className="inline-flex size-7 shrink-0 items-center justify-center rounded-md hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
      >
        <X aria-hidden className="size-4" />
      </button>
    </div>
  );
}
