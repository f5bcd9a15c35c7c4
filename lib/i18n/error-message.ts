/**
 * An API or action error in the reader's language. Errors carry a stable `code` (bad_request,
 * rate_limited…), often a finer `reason` (current_password_wrong) and the server's English
 * message. English readers get that message as it is (it is the most precise); others get the
 * reason's sentence when the catalog has it, else the code's. No server imports: the browser
 * uses it too.
 */
import type { useTranslations } from "next-intl";
import { DEFAULT_LOCALE } from "./locales";

export type ErrorsTranslator = ReturnType<typeof useTranslations<"Errors">>;

export type ErrorDescription = {
  code?: string;
  reason?: string;
  params?: Record<string, number>;
  message?: string;
};

export function errorMessage(t: ErrorsTranslator, locale: string, error: ErrorDescription): string {
  if (locale === DEFAULT_LOCALE && error.message) return error.message;
  const reasonKey = `reasons.${error.reason}` as Parameters<ErrorsTranslator>[0];
  if (error.reason && t.has(reasonKey)) return t(reasonKey, error.params);
  const codeKey = `codes.${error.code}` as Parameters<ErrorsTranslator>[0];
  if (error.code && t.has(codeKey)) return t(codeKey);
  return t("codes.internal");
}
