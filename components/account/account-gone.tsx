"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useEffect } from "react";

/**
 * Shown instead of the app when the session's account no longer exists (deleted on another
 * device): the session cookie is cleared and the browser goes to the sign-in page.
 */
export function AccountGone() {
  const t = useTranslations("Shell");
  useEffect(() => {
    void signOut({ redirectTo: "/login?deleted=1" });
  }, []);
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <p role="status" className="text-muted-foreground text-sm">
        {t("accountGone")}
      </p>
    </main>
  );
}

/** Shown instead of the app when an admin disabled the account: the session is ended. */
export function AccountDisabled() {
  const t = useTranslations("Shell");
  useEffect(() => {
    void signOut({ redirectTo: "/login?disabled=1" });
  }, []);
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <p role="status" className="text-muted-foreground text-sm">
        {t("accountDisabled")}
      </p>
    </main>
  );
}
