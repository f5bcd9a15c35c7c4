import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthForm } from "@/components/auth/auth-form";
import { buttonVariants } from "@/components/ui/button";
import { registrationStatus } from "@/lib/admin/registration";
import { RETURN_TO_PARAM, safeReturnPath } from "@/lib/auth/return-to";
import { getDb } from "@/lib/db/client";
import { registerAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Metadata"))("register") };
}

const REFUSALS = {
  closed: "registration.registration_closed",
  invite_required: "registration.invite_required",
  invite_invalid: "registration.invite_invalid",
} as const;

export default async function RegisterPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const invite = typeof params.invite === "string" ? params.invite : undefined;
  const status = await registrationStatus(await getDb(), invite);
  const t = await getTranslations("Auth");
  if (status === "closed" || status === "invite_required" || status === "invite_invalid") {
    return (
      <>
        <h1 className="mb-6 font-semibold text-xl">
          {t(status === "closed" ? "registration.closedTitle" : "registration.inviteTitle")}
        </h1>
        <p role="status" className="mb-6 text-muted-foreground text-sm">
          {t(REFUSALS[status])}
        </p>
        <Link href="/login" className={buttonVariants({ variant: "outline", className: "w-full" })}>
          {t("signInTitle")}
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-6 font-semibold text-xl">{t("registerTitle")}</h1>
      {status === "invite_valid" ? (
        <p className="mb-4 text-muted-foreground text-sm">{t("registration.invited")}</p>
      ) : null}
      <AuthForm
        mode="register"
        action={registerAction}
        returnTo={safeReturnPath(params[RETURN_TO_PARAM])}
        invite={status === "invite_valid" ? invite : undefined}
      />
    </>
  );
}
