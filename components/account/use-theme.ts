"use client";

import { useSyncExternalStore } from "react";
import { applyTheme, currentTheme, onThemeChange, type Theme } from "./theme";

/**
 * The theme of the page, kept in step across every control that changes it. `serverTheme` is
 * what the server rendered (from the cookie), so hydration matches; "system" when unknown.
 */
export function useTheme(serverTheme: Theme = "system"): [Theme, (theme: Theme) => void] {
  const theme = useSyncExternalStore(onThemeChange, currentTheme, () => serverTheme);
  return [theme, applyTheme];
}
