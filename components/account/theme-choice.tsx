"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";
import { THEMES, type Theme } from "./theme";
import { useTheme } from "./use-theme";

const ICONS = { system: Monitor, light: Sun, dark: Moon } as const;

/** System, Light or Dark, applied as soon as it is picked (arrow keys move between them). */
export function ThemeChoice({ initialTheme }: { initialTheme: Theme }) {
  const t = useTranslations("Account");
  const [theme, setTheme] = useTheme(initialTheme);
  return (
    <section aria-labelledby="theme-heading" className="flex flex-col gap-3 rounded-lg border p-4">
      <div>
        <h2 id="theme-heading" className="font-semibold text-lg">
          {t("appearance")}
        </h2>
        <p className="text-muted-foreground text-sm">{t("appearanceBody")}</p>
      </div>
      <fieldset className="grid grid-cols-3 gap-2">
        <legend className="sr-only">{t("theme")}</legend>
        {THEMES.map((option) => {
          const Icon = ICONS[option];
          return (
            <label
              key={option}
              className={cn(
                "flex cursor-pointer items-center gap-1.5 rounded-md border px-2 py-2 text-sm sm:gap-2 sm:px-3",
                theme === option ? "border-primary bg-accent font-medium" : "hover:bg-accent",
              )}
            >
              <input
                type="radio"
                name="theme"
                value={option}
                checked={theme === option}
                onChange={() => setTheme(option)}
                className="size-4 shrink-0 accent-primary"
              />
              <Icon aria-hidden className="hidden size-4 shrink-0 text-muted-foreground sm:block" />
              {t(`themes.${option}`)}
            </label>
          );
        })}
      </fieldset>
    </section>
  );
}
