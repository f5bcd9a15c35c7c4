"use client";

import { Ban, CircleCheck, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { type AdminUser, listUsers, setUserDisabled } from "./api";
import { DeleteUserDialog } from "./delete-user-dialog";

/** "2026-12-01": the same on the server and in every browser, whatever its locale. */
export const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");

/**
 * The accounts with their counts. Disable / Enable keeps focus on its button (its name changes);
 * after a deletion, focus goes to the table's heading, since the row is gone.
 */
export function UserTable({
  initialUsers,
  adminId,
}: {
  initialUsers: AdminUser[];
  adminId: string;
}) {
  const t = useTranslations("Admin.users");
  const describeError = useErrorMessage();
  const [users, setUsers] = useState(initialUsers);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const refresh = async () => {
    const result = await listUsers();
    if (result.ok) setUsers(result.data.users);
  };

  const toggle = async (user: AdminUser) => {
    if (busy) return;
    setBusy(user.id);
    setError(null);
    const result = await setUserDisabled(user.id, user.disabledAt === null);
    if (!result.ok) setError(describeError(result));
    await refresh();
    setBusy(null);
  };

  return (
    <section aria-labelledby="admin-users-heading" className="flex flex-col gap-3">
      <h2
        id="admin-users-heading"
        ref={headingRef}
        tabIndex={-1}
        className="font-semibold text-lg outline-none"
      >
        {t("heading")}{" "}
        <span className="font-normal text-muted-foreground text-sm">({users.length})</span>
      </h2>
      {error ? (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border">
        <table className="w-full text-sm">
          <thead className="bg-muted/50 text-left text-muted-foreground text-xs">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("email")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("created")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("lastActive")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("chats")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("messages")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("memories")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                {t("failedJobs")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} data-testid="admin-user-row" className="border-t">
                <th scope="row" className="max-w-64 px-3 py-2 text-left font-medium">
                  <span className="block truncate">{user.email}</span>
                  <span className="flex gap-1">
                    {user.role === "admin" ? (
                      <Badge variant="secondary">{t("adminBadge")}</Badge>
                    ) : null}
                    {user.disabledAt ? (
                      <Badge variant="destructive">{t("disabledBadge")}</Badge>
                    ) : null}
                  </span>
                </th>
                <td className="whitespace-nowrap px-3 py-2">{day(user.createdAt)}</td>
                <td className="whitespace-nowrap px-3 py-2">{day(user.lastActiveAt)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{user.chats}</td>
                <td className="px-3 py-2 text-right tabular-nums">{user.messages}</td>
                <td className="px-3 py-2 text-right tabular-nums">{user.memories}</td>
                <td className="px-3 py-2 text-right tabular-nums">{user.failedJobs}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right">
                  {user.id === adminId ? (
                    <span className="text-muted-foreground text-xs">{t("you")}</span>
                  ) : (
                    <span className="flex justify-end gap-1">
                      <Button
                        variant="outline"
                        size="sm"
                        aria-label={t(user.disabledAt ? "enableNamed" : "disableNamed", {
                          email: user.email,
                        })}
                        aria-disabled={busy === user.id}
                        aria-busy={busy === user.id}
                        onClick={() => void toggle(user)}
                      >
                        {user.disabledAt ? <CircleCheck aria-hidden /> : <Ban aria-hidden />}
                        {user.disabledAt ? t("enable") : t("disable")}
                      </Button>
                      <DeleteUserDialog
                        user={user}
                        onDeleted={() => {
                          setUsers((all) => all.filter((u) => u.id !== user.id));
                          headingRef.current?.focus();
                        }}
                        trigger={
                          <Button
                            variant="outline"
                            size="sm"
                            aria-label={t("deleteNamed", { email: user.email })}
                            className="text-destructive"
                          >
                            <Trash2 aria-hidden />
                            {t("delete")}
                          </Button>
                        }
                      />
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
