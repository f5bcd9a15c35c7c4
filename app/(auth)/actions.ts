"use server";

import { headers } from "next/headers";
import { AuthError, CredentialsSignin } from "next-auth";
import { getTranslations } from "next-intl/server";
import { signIn } from "@/lib/auth";
import {
  ACCOUNT_DISABLED_CODE,
  registerAccount,
  registrationSchema,
  signInSchema,
} from "@/lib/auth/credentials";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { safeReturnPath } from "@/lib/auth/return-to";
import { SignInThrottled } from "@/lib/auth/sign-in-throttled";
import { limitSignUp, requestAddress } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type AuthFormState = {
  email: string;
  fieldErrors: { email?: string; password?: string };
  /** The email has an account already: the form offers a link to sign in instead. */
  emailTaken?: boolean;
  /** Wrong email or password: the form empties the password field for retyping. */
  wrongCredentials?: boolean;
  formError?: string;
  /** Too many attempts: the form says how long to wait. */
  retryAfterSeconds?: number;
};

function readForm(formData: FormData) {
  return {
    email: String(formData.get("email") ?? ""),
    password: String(formData.get("password") ?? ""),
    // Checked here, not trusted from the page: only a path of this site is followed.
    redirectTo: safeReturnPath(formData.get("redirectTo")),
    invite: String(formData.get("invite") ?? "") || null,
  };
}

type AuthTranslator = Awaited<ReturnType<typeof getTranslations<"Auth">>>;
type Issue = { path: PropertyKey[]; code: string; minimum?: unknown };

/** A schema issue in the visitor's language: an empty field, a short password, a bad email. */
function issueMessage(t: AuthTranslator, issue: Issue): string {
  const tooSmall = issue.code === "too_small";
  if (issue.path[0] === "email") {
    return tooSmall ? t("errors.emailRequired") : t("errors.emailInvalid");
  }
  if (tooSmall && issue.minimum === 1) return t("errors.passwordRequired");
  if (tooSmall) return t("errors.passwordTooShort", { min: PASSWORD_MIN_LENGTH });
  return t("errors.passwordTooLong", { max: PASSWORD_MAX_LENGTH });
}

/** "Too many attempts. Try again in 42 seconds." (minutes once it is more than two). */
function tooManyAttempts(t: AuthTranslator, retryAfterSeconds: number): string {
  return retryAfterSeconds < 120
    ? t("errors.tooManySeconds", { count: retryAfterSeconds })
    : t("errors.tooManyMinutes", { count: Math.ceil(retryAfterSeconds / 60) });
}

/** Registration closed, or the invite missing or spent, in the visitor's language. */
async function registrationRefusal(reason: string | undefined, fallback: string) {
  const t = await getTranslations("Auth");
  const key = `registration.${reason}` as Parameters<AuthTranslator>[0];
  return reason && t.has(key) ? t(key) : fallback;
}

async function fieldErrorsOf(issues: Issue[]) {
  const t = await getTranslations("Auth");
  const errors: AuthFormState["fieldErrors"] = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if ((field === "email" || field === "password") && !errors[field]) {
      errors[field] = issueMessage(t, issue);
    }
  }
  return errors;
}

export async function registerAction(
  _previous: AuthFormState,
  formData: FormData,
): Promise<AuthFormState> {
  const { redirectTo, invite, ...input } = readForm(formData);
  const parsed = registrationSchema.safeParse(input);
  if (!parsed.success) {
    return { email: input.email, fieldErrors: await fieldErrorsOf(parsed.error.issues) };
  }
  try {
    const db = await getDb();
    await limitSignUp(db, { address: requestAddress(await headers()) });
    await registerAccount(db, { ...parsed.data, invite });
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") {
      return {
        email: input.email,
        fieldErrors: {},
        formError: tooManyAttempts(await getTranslations("Auth"), error.retryAfterSeconds ?? 1),
        retryAfterSeconds: error.retryAfterSeconds,
      };
    }
    if (error instanceof AppError && error.field === "email") {
      return {
        email: input.email,
        fieldErrors: { email: (await getTranslations("Auth"))("emailTaken") },
        emailTaken: error.code === "conflict",
      };
    }
    // Registration closed, or the invite is missing or spent.
    if (error instanceof AppError && error.code === "forbidden") {
      return {
        email: input.email,
        fieldErrors: {},
        formError: await registrationRefusal(error.reason, error.message),
      };
    }
    throw error;
  }
  await signIn("credentials", { ...parsed.data, redirectTo });
  return { email: input.email, fieldErrors: {} };
}

export async function signInAction(
  _previous: AuthFormState,
  formData: FormData,
): Promise<AuthFormState> {
  const { redirectTo, invite: _invite, ...input } = readForm(formData);
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    return { email: input.email, fieldErrors: await fieldErrorsOf(parsed.error.issues) };
  }
  try {
    await signIn("credentials", { ...parsed.data, redirectTo });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors mean the credentials failed.
    if (error instanceof CredentialsSignin && error.code === ACCOUNT_DISABLED_CODE) {
      return {
        email: input.email,
        fieldErrors: {},
        formError: (await getTranslations("Auth"))("errors.accountDisabled"),
      };
    }
    if (error instanceof SignInThrottled) {
      return {
        email: input.email,
        fieldErrors: {},
        formError: tooManyAttempts(await getTranslations("Auth"), error.retryAfterSeconds),
        retryAfterSeconds: error.retryAfterSeconds,
      };
    }
    if (error instanceof AuthError) {
      return {
        email: input.email,
        fieldErrors: {},
        formError: (await getTranslations("Auth"))("errors.wrongCredentials"),
        wrongCredentials: true,
      };
    }
    throw error;
  }
  return { email: input.email, fieldErrors: {} };
}
