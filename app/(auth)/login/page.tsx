import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthForm } from "@/components/auth/auth-form";
import { RETURN_TO_PARAM, safeReturnPath } from "@/lib/auth/return-to";
import { signInAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Metadata"))("signIn") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const t = await getTranslations("Auth");
  return (
    <>
      <h1 className="mb-6 font-semibold text-xl">{t("signInTitle")}</h1>
      {params.deleted === "1" ? (
        <p role="status" className="mb-4 rounded-md bg-muted px-3 py-2 text-sm">
          {t("accountDeleted")}
        </p>
      ) : null}
      {params.disabled === "1" ? (
        <p role="status" className="mb-4 rounded-md bg-muted px-3 py-2 text-sm">
          {t("errors.accountDisabled")}
        </p>
      ) : null}
      <AuthForm
        mode="login"
        action={signInAction}
        returnTo={safeReturnPath(params[RETURN_TO_PARAM])}
      />
    </>
  );
}
