"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { AuthFormState } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type AuthFormProps = {
  mode: "register" | "login";
  action: (state: AuthFormState, formData: FormData) => Promise<AuthFormState>;
};

const COPY = {
  register: {
    submit: "Sign up",
    pending: "Creating your account…",
    switchText: "Already have an account?",
    switchLink: "Sign in",
    switchHref: "/login",
    passwordHint: "At least 8 characters.",
    autoComplete: "new-password",
  },
  login: {
    submit: "Sign in",
    pending: "Signing in…",
    switchText: "New to Ingat?",
    switchLink: "Create an account",
    switchHref: "/register",
    passwordHint: undefined,
    autoComplete: "current-password",
  },
} as const;

export function AuthForm({ mode, action }: AuthFormProps) {
  const [state, formAction, pending] = useActionState(action, { email: "", fieldErrors: {} });
  const copy = COPY[mode];
  const { fieldErrors } = state;

  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      {state.formError ? (
        <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-destructive text-sm">
          {state.formError}
        </p>
      ) : null}
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="email">Email</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          key={state.email}
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={fieldErrors.email ? "email-error" : undefined}
        />
        <FieldError id="email-error">{fieldErrors.email}</FieldError>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="password">Password</Label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete={copy.autoComplete}
          required
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={
            [fieldErrors.password ? "password-error" : "", copy.passwordHint ? "password-hint" : ""]
              .filter(Boolean)
              .join(" ") || undefined
          }
        />
        {copy.passwordHint ? (
          <p id="password-hint" className="text-muted-foreground text-xs">
            {copy.passwordHint}
          </p>
        ) : null}
        <FieldError id="password-error">{fieldErrors.password}</FieldError>
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? copy.pending : copy.submit}
      </Button>
      <p className="text-center text-muted-foreground text-sm">
        {copy.switchText}{" "}
        <Link href={copy.switchHref} className="font-medium text-foreground underline">
          {copy.switchLink}
        </Link>
      </p>
    </form>
  );
}
