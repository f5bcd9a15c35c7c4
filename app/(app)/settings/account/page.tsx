import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DeleteAccount } from "@/components/account/delete-account";
import { LanguageChoice } from "@/components/account/language-choice";
import { PasswordForm } from "@/components/account/password-form";
import { parseTheme, THEME_COOKIE } from "@/components/account/theme";
import { ThemeChoice } from "@/components/account/theme-choice";
import { getSessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { findUserById } from "@/lib/db/queries/users";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { isLocale } from "@/lib/i18n/locales";
import { changePasswordAction, deleteAccountAction, setLanguageAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Metadata"))("account") };
}

export default async function AccountPage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const [account, cookieStore, t] = await Promise.all([
    findUserById(await getDb(), user.id),
    cookies(),
    getTranslations("Account"),
  ]);
  const theme = parseTheme(cookieStore.get(THEME_COOKIE)?.value);
  const language = isLocale(account?.language) ? account.language : "system";
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto flex max-w-2xl flex-col gap-6 px-4 pt-6 pb-24 sm:pt-8">
        <header className="flex flex-col gap-1">
          <h1 className="font-semibold text-2xl">{t("title")}</h1>
          <p className="text-muted-foreground text-sm">
            {t.rich("signedInAs", {
              email: user.email,
              strong: (chunks) => <span className="font-medium text-foreground">{chunks}</span>,
            })}
          </p>
        </header>
        <ClientMessages namespaces={["Account"]}>
          <LanguageChoice initialLanguage={language} action={setLanguageAction} />
          <ThemeChoice initialTheme={theme} />
          <PasswordForm email={user.email} action={changePasswordAction} />
          <DeleteAccount email={user.email} action={deleteAccountAction} />
        </ClientMessages>
      </div>
    </div>
  );
}
