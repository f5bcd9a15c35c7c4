"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useEffect, useRef } from "react";
import type { PasswordFormState } from "@/app/(app)/settings/account/actions";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";

/**
 * Change password: the current one, then the new one. After an error focus goes to the field in
 * error and what was typed stays — except a wrong current password, which is emptied for
 * retyping; after a change both fields are emptied and the status line says so. The session stays signed in (here and on other devices).
 */
export function PasswordForm({
  email,
  action,
}: {
  email: string;
  action: (state: PasswordFormState, formData: FormData) => Promise<PasswordFormState>;
}) {
  const t = useTranslations("Account");
  const [state, formAction, pending] = useActionState(action, { fieldErrors: {} });
  const formRef = useRef<HTMLFormElement>(null);
  const currentRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLInputElement>(null);
  const { fieldErrors } = state;

  useEffect(() => {
    if (state.changedAt) formRef.current?.reset();
    else if (state.fieldErrors.currentPassword && currentRef.current) {
      // Emptied, as on the sign-in page: a wrong password is retyped, not proofread.
      currentRef.current.value = "";
      currentRef.current.focus();
    } else if (state.fieldErrors.newPassword) nextRef.current?.focus();
  }, [state]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };

  return (
    <section
      aria-labelledby="password-heading"
      className="flex flex-col gap-3 rounded-lg border p-4"
    >
      <h2 id="password-heading" className="font-semibold text-lg">
        {t("password")}
      </h2>
      <form
        ref={formRef}
        action={formAction}
        onSubmit={submit}
        noValidate
        className="flex flex-col gap-3"
      >
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="current-password">{t("currentPassword")}</Label>
          <Input
            ref={currentRef}
            id="current-password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={fieldErrors.currentPassword ? true : undefined}
            aria-describedby={fieldErrors.currentPassword ? "current-password-error" : undefined}
          />
          <FieldError id="current-password-error">{fieldErrors.currentPassword}</FieldError>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="new-password">{t("newPassword")}</Label>
          <Input
            ref={nextRef}
            id="new-password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={fieldErrors.newPassword ? true : undefined}
            aria-describedby={
              fieldErrors.newPassword ? "new-password-error new-password-hint" : "new-password-hint"
            }
          />
          <p id="new-password-hint" className="text-muted-foreground text-xs">
            {t("passwordHint", { min: PASSWORD_MIN_LENGTH })}
          </p>
          <FieldError id="new-password-error">{fieldErrors.newPassword}</FieldError>
        </div>
        {state.formError ? (
          <p role="alert" className="text-destructive text-sm">
            {state.formError}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          {/* Busy, not disabled, while saving: a disabled button would drop the focus. */}
          <Button type="submit" aria-disabled={pending} aria-busy={pending}>
            {pending ? t("changing") : t("change")}
          </Button>
          <p role="status" className="text-sm">
            {state.changedAt && !pending ? t("changed") : null}
          </p>
        </div>
      </form>
    </section>
  );
}
