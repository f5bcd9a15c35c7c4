"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useEffect, useRef } from "react";
import type { AuthFormState } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { authPageHref } from "@/lib/auth/return-to";

type AuthFormProps = {
  mode: "register" | "login";
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
  /** The page to go to afterwards (already checked to be a path of this site). */
  returnTo: string;
  /** The invite token of the sign-up link, sent with the form. */
  invite?: string;
};

const MODES = {
  register: { switchPage: "/login", autoComplete: "new-password", hasPasswordHint: true },
  login: { switchPage: "/register", autoComplete: "current-password", hasPasswordHint: false },
} as const;

const FORM_ERROR_ID = "auth-form-error";

/**
 * The sign-up and sign-in form. What was typed stays after an error (the form is submitted from
 * a transition, so React does not reset it), and focus goes to the first field in error. The one
 * exception is a wrong email or password: the password is emptied on purpose, since a wrong
 * password is retyped rather than proofread behind the dots (as GitHub or Google do).
 */
export function AuthForm({ mode, action, returnTo, invite }: AuthFormProps) {
  const [state, formAction, pending] = useActionState(action, { email: "", fieldErrors: {} });
  const t = useTranslations("Auth");
  const copy = MODES[mode];
  const { fieldErrors } = state;
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const formErrorRef = useRef<HTMLParagraphElement>(null);

  // Each answer is a new state object: move focus to where the error is.
  useEffect(() => {
    if (state.wrongCredentials && passwordRef.current) {
      passwordRef.current.value = "";
      passwordRef.current.focus();
    } else if (state.fieldErrors.email) {
      emailRef.current?.focus();
    } else if (state.fieldErrors.password) {
      passwordRef.current?.focus();
    } else if (state.formError) {
      formErrorRef.current?.focus();
    }
  }, [state]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };

  const passwordDescription = [
    fieldErrors.password ? "password-error" : "",
    state.wrongCredentials ? FORM_ERROR_ID : "",
    copy.hasPasswordHint ? "password-hint" : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <form action={formAction} onSubmit={submit} noValidate className="flex flex-col gap-4">
      <input type="hidden" name="redirectTo" value={returnTo} />
      {invite ? <input type="hidden" name="invite" value={invite} /> : null}
      {state.formError ? (
        <p
          ref={formErrorRef}
          id={FORM_ERROR_ID}
          role="alert"
          tabIndex={-1}
          className="rounded-md bg-destructive/10 px-3 py-2 text-destructive text-sm outline-none"
        >
          {state.formError}
        </p>
      ) : null}
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="email">{t("email")}</Label>
        <Input
          ref={emailRef}
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={fieldErrors.email ? "email-error" : undefined}
        />
        <FieldError id="email-error">
          {state.emailTaken ? (
            <>
              {t("emailTaken")}{" "}
              <Link
                href={authPageHref("/login", returnTo)}
                className="font-medium underline underline-offset-2"
              >
                {t("signInInstead")}
              </Link>
            </>
          ) : (
            fieldErrors.email
          )}
        </FieldError>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="password">{t("password")}</Label>
        <Input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete={copy.autoComplete}
          required
          aria-invalid={fieldErrors.password || state.wrongCredentials ? true : undefined}
          aria-describedby={passwordDescription || undefined}
        />
        {copy.hasPasswordHint ? (
          <p id="password-hint" className="text-muted-foreground text-xs">
            {t("register.passwordHint", { min: PASSWORD_MIN_LENGTH })}
          </p>
        ) : null}
        <FieldError id="password-error">{fieldErrors.password}</FieldError>
      </div>
      {/* Not disabled while pending: a disabled button would drop the focus to <body>. */}
      <Button type="submit" aria-disabled={pending} aria-busy={pending}>
        {pending ? t(`${mode}.pending`) : t(`${mode}.submit`)}
      </Button>
      <p className="text-center text-muted-foreground text-sm">
        {t(`${mode}.switchText`)}{" "}
        <Link
          href={authPageHref(copy.switchPage, returnTo)}
          className="font-medium text-foreground underline"
        >
          {t(`${mode}.switchLink`)}
        </Link>
      </p>
    </form>
  );
}
