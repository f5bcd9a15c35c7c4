/** For client components: turns an API error (code, reason, message) into the reader's words. */
import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { type ErrorDescription, errorMessage } from "./error-message";

export function useErrorMessage(): (error: ErrorDescription) => string {
  const t = useTranslations("Errors");
  const locale = useLocale();
  return useCallback((error) => errorMessage(t, locale, error), [t, locale]);
}
