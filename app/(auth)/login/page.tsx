import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";
import { signInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default function LoginPage() {
  return (
    <>
      <h1 className="mb-6 font-semibold text-xl">Sign in</h1>
      <AuthForm mode="login" action={signInAction} />
    </>
  );
}
