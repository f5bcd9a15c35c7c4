"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { getActiveUser, signOut } from "@/lib/auth";
import { changePassword, deleteAccount } from "@/lib/auth/account";
import { getDb } from "@/lib/db/client";
import { setLanguage } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { errorMessage } from "@/lib/i18n/error-message";
import { LANGUAGE_COOKIE, LANGUAGE_PREFERENCES } from "@/lib/i18n/locales";

export type PasswordFormState = {
  fieldErrors: { currentPassword?: string; newPassword?: string };
  formError?: string;
  /** Set (to a new value each time) when the password was changed. */
  changedAt?: number;
};

export type DeleteAccountState = { error?: string };

/** A refusal the form can show, in the user's language: at its field, or above the form. */
async function refusalOf(error: unknown): Promise<{ field?: string; message: string }> {
  if (error instanceof AppError && error.code !== "internal") {
    const [t, locale] = await Promise.all([getTranslations("Errors"), getLocale()]);
    return { field: error.field, message: errorMessage(t, locale, error) };
  }
  throw error;
}

export async function changePasswordAction(
  _previous: PasswordFormState,
  formData: FormData,
): Promise<PasswordFormState> {
  const user = await getActiveUser();
  if (!user) redirect("/login");
  try {
    await changePassword(await getDb(), {
      userId: user.id,
      currentPassword: formData.get("currentPassword"),
      newPassword: formData.get("newPassword"),
    });
    return { fieldErrors: {}, changedAt: Date.now() };
  } catch (error) {
    const { field, message } = await refusalOf(error);
    if (field === "currentPassword" || field === "newPassword") {
      return { fieldErrors: { [field]: message } };
    }
    return { fieldErrors: {}, formError: message };
  }
}

export async function deleteAccountAction(
  _previous: DeleteAccountState,
  formData: FormData,
): Promise<DeleteAccountState> {
  const user = await getActiveUser();
  if (!user) redirect("/login");
  try {
    await deleteAccount(await getDb(), { userId: user.id, email: formData.get("email") });
  } catch (error) {
    return { error: (await refusalOf(error)).message };
  }
  await signOut({ redirectTo: "/login?deleted=1" });
  return {};
}

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Saves the UI language on the account, and in a cookie of this browser so the sign-in page
 * speaks it too after signing out. "system" clears both: the browser's language decides.
 */
export async function setLanguageAction(language: unknown): Promise<{ ok: boolean }> {
  const user = await getActiveUser();
  if (!user) redirect("/login");
  const parsed = z.enum(LANGUAGE_PREFERENCES).safeParse(language);
  if (!parsed.success) return { ok: false };
  const chosen = parsed.data === "system" ? null : parsed.data;
  await setLanguage(await getDb(), { userId: user.id, language: chosen });
  const cookieStore = await cookies();
  if (chosen) {
    cookieStore.set(LANGUAGE_COOKIE, chosen, {
      path: "/",
      maxAge: ONE_YEAR_SECONDS,
      sameSite: "lax",
      httpOnly: true,
    });
  } else {
    cookieStore.delete(LANGUAGE_COOKIE);
  }
  return { ok: true };
}
