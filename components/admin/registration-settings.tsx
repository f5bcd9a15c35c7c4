"use client";

import { Link2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { CopyButton } from "@/components/chat/copy-button";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { createInvite, type RegistrationMode, saveRegistrationMode } from "./api";
import { day } from "./user-table";

const MODES: readonly RegistrationMode[] = ["open", "invite", "closed"];

/** Who may sign up, and single-use invite links. */
export function RegistrationSettings({ initialMode }: { initialMode: RegistrationMode }) {
  const t = useTranslations("Admin.registration");
  const describeError = useErrorMessage();
  const [saved, setSaved] = useState(initialMode);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const mode = new FormData(event.currentTarget).get("registrationMode") as RegistrationMode;
    setPending(true);
    const result = await saveRegistrationMode(mode);
    setPending(false);
    if (!result.ok) return setStatus({ text: describeError(result), error: true });
    setSaved(result.data.registrationMode);
    setStatus({ text: t("saved", { mode: t(`modes.${result.data.registrationMode}`) }) });
  };

  return (
    <section aria-labelledby="admin-registration-heading" className="flex flex-col gap-4">
      <h2 id="admin-registration-heading" className="font-semibold text-lg">
        {t("heading")}
      </h2>
      <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-medium text-sm">{t("legend")}</legend>
          {MODES.map((mode) => (
            <div key={mode} className="flex items-start gap-2">
              <input
                type="radio"
                id={`registration-${mode}`}
                name="registrationMode"
                value={mode}
                defaultChecked={mode === saved}
                aria-describedby={`registration-${mode}-hint`}
                className="mt-1 size-4 accent-primary"
              />
              <div>
                <Label htmlFor={`registration-${mode}`}>{t(`modes.${mode}`)}</Label>
                <p id={`registration-${mode}-hint`} className="text-muted-foreground text-xs">
                  {t(`hints.${mode}`)}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <div className="flex items-center gap-3">
          <Button type="submit" aria-disabled={pending} aria-busy={pending}>
            {pending ? t("saving") : t("save")}
          </Button>
          <p
            role="status"
            className={status?.error ? "text-destructive text-sm" : "text-muted-foreground text-sm"}
          >
            {status?.text}
          </p>
        </div>
      </form>
      <InviteLinks />
    </section>
  );
}

function InviteLinks() {
  const t = useTranslations("Admin.registration");
  const describeError = useErrorMessage();
  const [invite, setInvite] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const linkRef = useRef<HTMLInputElement>(null);

  const create = async () => {
    if (pending) return;
    setPending(true);
    setError(null);
    const result = await createInvite();
    setPending(false);
    if (!result.ok) return setError(describeError(result));
    const { path, expiresAt } = result.data.invite;
    setInvite({ url: new URL(path, window.location.origin).toString(), expiresAt });
  };

  // Each new link takes focus, selected, ready to copy.
  useEffect(() => {
    if (!invite) return;
    linkRef.current?.focus();
    linkRef.current?.select();
  }, [invite]);

  return (
    <div className="flex flex-col gap-2 rounded-lg border p-4">
      <h3 className="font-medium">{t("invitesHeading")}</h3>
      <p className="text-muted-foreground text-sm">{t("invitesBody")}</p>
      <Button
        variant="outline"
        className="self-start"
        aria-disabled={pending}
        aria-busy={pending}
        onClick={() => void create()}
      >
        <Link2 aria-hidden />
        {pending ? t("creating") : t("createInvite")}
      </Button>
      {error ? (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
      {invite ? (
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="admin-invite-link">{t("newInvite")}</Label>
          <div className="flex items-center gap-1">
            <Input
              ref={linkRef}
              id="admin-invite-link"
              readOnly
              value={invite.url}
              aria-describedby="admin-invite-expiry"
              className="font-mono text-xs"
            />
            <CopyButton text={invite.url} label={t("copyInvite")} />
          </div>
          <p id="admin-invite-expiry" role="status" className="text-muted-foreground text-xs">
            {t("inviteExpiry", { day: day(invite.expiresAt) })}
          </p>
        </div>
      ) : null}
    </div>
  );
}
