/**
 * The colour theme: "system" follows the device (prefers-color-scheme), "light" and "dark"
 * override it. The choice is per browser, in a cookie the root layout reads, so the server sends
 * the page already in the right theme (`<html data-theme>`): no light flash before scripts run,
 * and no script in the page to prevent one. Without the cookie the theme is the system's.
 */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "ingat-theme";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;
const CHANGE_EVENT = "ingat-theme-change";

/** The theme a cookie value stands for; anything unknown is "system". */
export function parseTheme(value: string | undefined | null): Theme {
  return value === "light" || value === "dark" ? value : "system";
}

/** The `data-theme` attribute of <html> for a theme: none for "system". */
export function themeAttribute(theme: Theme): "light" | "dark" | undefined {
  return theme === "system" ? undefined : theme;
}

/** In the browser: applies a theme at once and remembers it for the next page load. */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  const attribute = themeAttribute(theme);
  if (attribute) root.dataset.theme = attribute;
  else delete root.dataset.theme;
  // biome-ignore lint/suspicious/noDocumentCookie: a plain cookie is all this needs; the Cookie Store API is not in every browser Ingat supports.
  document.cookie = attribute
    ? `${THEME_COOKIE}=${attribute}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`
    : `${THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** For useSyncExternalStore: the theme shown now, and a way to hear of changes. */
export function currentTheme(): Theme {
  return parseTheme(document.documentElement.dataset.theme);
}

export function onThemeChange(listener: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, listener);
  return () => window.removeEventListener(CHANGE_EVENT, listener);
}
