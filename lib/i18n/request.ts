/**
 * The language of a request, for next-intl (no locale in the URL): the signed-in user's choice,
 * else the language cookie of a signed-out visitor, else the browser's Accept-Language.
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { cache } from "react";
import { getSessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { findUserById } from "@/lib/db/queries/users";
import { isLocale, LANGUAGE_COOKIE, type Locale, negotiateLocale } from "./locales";

const chosenLanguage = cache(async (): Promise<string | null | undefined> => {
  const user = await getSessionUser();
  if (user) {
    const account = await findUserById(await getDb(), user.id);
    return account?.language;
  }
  return (await cookies()).get(LANGUAGE_COOKIE)?.value;
});

export const requestLocale = cache(async (): Promise<Locale> => {
  const chosen = await chosenLanguage();
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
});

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: (await import(`../../messages/${locale}.json`)).default };
});
