"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { LANGUAGE_PREFERENCES, type LanguagePreference } from "@/lib/i18n/locales";

type SaveLanguage = (language: LanguagePreference) => Promise<{ ok: boolean }>;

/**
 * The UI language: System (the browser's Accept-Language) or one of the languages, saved to the
 * account as soon as it is picked. The page is then rendered again, so everything around the
 * select switches language at once; the select keeps the focus.
 */
export function LanguageChoice({
  initialLanguage,
  action,
}: {
  initialLanguage: LanguagePreference;
  action: SaveLanguage;
}) {
  const t = useTranslations("Account");
  const router = useRouter();
  const id = useId();
  const [language, setLanguage] = useState(initialLanguage);
  const [status, setStatus] = useState<"saved" | "failed" | null>(null);
  const [pending, startTransition] = useTransition();

  const choose = (next: LanguagePreference) => {
    const previous = language;
    setLanguage(next);
    setStatus(null);
    startTransition(async () => {
      const result = await action(next).catch(() => ({ ok: false }));
      if (!result.ok) {
        setLanguage(previous);
        setStatus("failed");
        return;
      }
      setStatus("saved");
      router.refresh();
    });
  };

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="flex flex-col gap-3 rounded-lg border p-4"
    >
      <div>
        <h2 id={`${id}-heading`} className="font-semibold text-lg">
          {t("language")}
        </h2>
        <p id={`${id}-description`} className="text-muted-foreground text-sm">
          {t("languageBody")}
        </p>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-select`} className="sr-only">
          {t("language")}
        </Label>
        <Select
          id={`${id}-select`}
          value={language}
          aria-describedby={`${id}-description`}
          aria-busy={pending}
          wrapperClassName="sm:max-w-xs"
          onChange={(event) => choose(event.target.value as LanguagePreference)}
        >
          {LANGUAGE_PREFERENCES.map((option) => (
            <option key={option} value={option} lang={option === "system" ? undefined : option}>
              {t(`languages.${option}`)}
            </option>
          ))}
        </Select>
      </div>
      <p role="status" className={status === "failed" ? "text-destructive text-sm" : "text-sm"}>
        {status === "saved" && !pending ? t("languageSaved") : null}
        {status === "failed" ? t("languageFailed") : null}
      </p>
    </section>
  );
}
