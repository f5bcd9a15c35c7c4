"use client";

import { Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import {
  type FormEvent,
  startTransition,
  useActionState,
  useEffect,
  useRef,
  useState,
} from "react";
import type { DeleteAccountState } from "@/app/(app)/settings/account/actions";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type DeleteAction = (state: DeleteAccountState, formData: FormData) => Promise<DeleteAccountState>;

/**
 * Delete account: a confirmation that names what goes, and the account's email typed to confirm
 * (the server compares it). On success the server signs the user out and sends them to /login.
 */
export function DeleteAccount({ email, action }: { email: string; action: DeleteAction }) {
  const t = useTranslations("Account");
  const [open, setOpen] = useState(false);
  // A fresh form (and error) each time the dialog opens.
  const [attempt, setAttempt] = useState(0);
  return (
    <section
      aria-labelledby="delete-account-heading"
      className="flex flex-col gap-3 rounded-lg border border-destructive/40 p-4"
    >
      <div>
        <h2 id="delete-account-heading" className="font-semibold text-lg">
          {t("deleteAccount")}
        </h2>
        <p className="text-muted-foreground text-sm">{t("deleteBody")}</p>
      </div>
      <AlertDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) setAttempt((count) => count + 1);
        }}
      >
        <AlertDialogTrigger asChild>
          <Button variant="destructive" className="self-start">
            <Trash2 aria-hidden /> {t("deleteAccount")}
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            document.getElementById("delete-account-email")?.focus();
          }}
        >
          <AlertDialogHeader>
            <AlertDialogTitle>{t("deleteTitle")}</AlertDialogTitle>
            <AlertDialogDescription>{t("deleteConfirmBody", { email })}</AlertDialogDescription>
          </AlertDialogHeader>
          <DeleteForm key={attempt} action={action} />
        </AlertDialogContent>
      </AlertDialog>
    </section>
  );
}

function DeleteForm({ action }: { action: DeleteAction }) {
  const t = useTranslations("Account");
  const [state, formAction, pending] = useActionState(action, {});
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state.error) inputRef.current?.focus();
  }, [state]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };

  return (
    <form action={formAction} onSubmit={submit} noValidate className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="delete-account-email">{t("typeEmail")}</Label>
        <Input
          ref={inputRef}
          id="delete-account-email"
          name="email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          required
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "delete-account-email-error" : undefined}
        />
        <FieldError id="delete-account-email-error">{state.error}</FieldError>
      </div>
      <AlertDialogFooter>
        <AlertDialogCancel>{t("cancel")}</AlertDialogCancel>
        <Button type="submit" variant="destructive" aria-disabled={pending} aria-busy={pending}>
          {pending ? t("deleting") : t("deleteAccount")}
        </Button>
      </AlertDialogFooter>
    </form>
  );
}
