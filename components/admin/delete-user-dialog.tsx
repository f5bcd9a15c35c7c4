"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useRef, useState } from "react";
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
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { type AdminUser, deleteUser } from "./api";

/**
 * Delete a user: the dialog names what goes and asks for the account's email (the server
 * compares it), like deleting your own account in Settings.
 */
export function DeleteUserDialog({
  user,
  trigger,
  onDeleted,
}: {
  user: AdminUser;
  trigger: ReactNode;
  onDeleted: () => void;
}) {
  const t = useTranslations("Admin.deleteUser");
  const describeError = useErrorMessage();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const deleted = useRef(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = `delete-user-email-${user.id}`;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    const result = await deleteUser(user.id, email);
    setPending(false);
    if (!result.ok) {
      setError(describeError(result));
      inputRef.current?.focus();
      return;
    }
    deleted.current = true;
    setOpen(false);
  };

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setError(null);
      }}
    >
      <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger>
      <AlertDialogContent
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          inputRef.current?.focus();
        }}
        onCloseAutoFocus={(event) => {
          // The trigger's row is gone: the table moves focus instead.
          if (!deleted.current) return;
          event.preventDefault();
          onDeleted();
        }}
      >
        <AlertDialogHeader>
          <AlertDialogTitle>{t("title", { email: user.email })}</AlertDialogTitle>
          <AlertDialogDescription>
            {t("body", { chats: user.chats, messages: user.messages, memories: user.memories })}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-4">
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={inputId}>{t("confirmLabel")}</Label>
            <Input
              ref={inputRef}
              id={inputId}
              name="email"
              type="email"
              autoComplete="off"
              spellCheck={false}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${inputId}-error` : undefined}
            />
            <FieldError id={`${inputId}-error`}>{error}</FieldError>
          </div>
          <AlertDialogFooter>
            <AlertDialogCancel>{t("cancel")}</AlertDialogCancel>
            <Button type="submit" variant="destructive" aria-disabled={pending} aria-busy={pending}>
              {pending ? t("deleting") : t("submit")}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
