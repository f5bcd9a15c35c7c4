import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";
import { registerAction } from "../actions";

export const metadata: Metadata = { title: "Create your account" };

export default function RegisterPage() {
  return (
    <>
      <h1 className="mb-6 font-semibold text-xl">Create your account</h1>
      <AuthForm mode="register" action={registerAction} />
    </>
  );
}
