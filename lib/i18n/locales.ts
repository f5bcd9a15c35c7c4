/**
 * The languages the UI speaks and how one is picked for a visitor who has not chosen: the
 * browser's Accept-Language list, first supported language wins. No server imports, so client
 * components (the language select) can use it too.
 */
export const LOCALES = ["en", "id"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** What the account page offers: follow the browser, or one of the languages. */
export const LANGUAGE_PREFERENCES = ["system", ...LOCALES] as const;
export type LanguagePreference = (typeof LANGUAGE_PREFERENCES)[number];

/** Remembers the choice for signed-out pages (the login page after signing out, say). */
export const LANGUAGE_COOKIE = "ingat-language";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first supported language of an Accept-Language header, by quality then order:
 * "id-ID,id;q=0.9,en;q=0.8" → "id". Regions fall back to their language ("en-GB" → "en").
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .slice(0, 32)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split("-")[0], quality, index };
    })
    .filter((entry) => Number.isFinite(entry.quality) && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return (
    (ranked.find((entry) => isLocale(entry.language))?.language as Locale | undefined) ??
    DEFAULT_LOCALE
  );
}
