"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth";
import { registerAccount, registrationSchema, signInSchema } from "@/lib/auth/credentials";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type AuthFormState = {
  email: string;
  fieldErrors: { email?: string; password?: string };
  formError?: string;
};

const WRONG_CREDENTIALS = "Wrong email or password.";

function readForm(formData: FormData) {
  return {
    email: String(formData.get("email") ?? ""),
    password: String(formData.get("password") ?? ""),
  };
}

function fieldErrorsOf(issues: { path: PropertyKey[]; message: string }[]) {
  const errors: AuthFormState["fieldErrors"] = {};
  for (const issue of issues) {
    const field = issue.path[0];
    if ((field === "email" || field === "password") && !errors[field]) {
      errors[field] = issue.message;
    }
  }
  return errors;
}

export async function registerAction(
  _previous: AuthFormState,
  formData: FormData,
): Promise<AuthFormState> {
  const input = readForm(formData);
  const parsed = registrationSchema.safeParse(input);
  if (!parsed.success) {
    return { email: input.email, fieldErrors: fieldErrorsOf(parsed.error.issues) };
  }
  try {
    await registerAccount(await getDb(), parsed.data);
  } catch (error) {
    if (error instanceof AppError && error.field === "email") {
      return { email: input.email, fieldErrors: { email: error.message } };
    }
    throw error;
  }
  await signIn("credentials", { ...parsed.data, redirectTo: "/" });
  return { email: input.email, fieldErrors: {} };
}

export async function signInAction(
  _previous: AuthFormState,
  formData: FormData,
): Promise<AuthFormState> {
  const input = readForm(formData);
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    return { email: input.email, fieldErrors: fieldErrorsOf(parsed.error.issues) };
  }
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors mean the credentials failed.
    if (error instanceof AuthError) {
      return { email: input.email, fieldErrors: {}, formError: WRONG_CREDENTIALS };
    }
    throw error;
  }
  return { email: input.email, fieldErrors: {} };
}
