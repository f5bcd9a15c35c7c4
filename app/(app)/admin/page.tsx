import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ModelDoctor } from "@/components/admin/model-doctor";
import { RegistrationSettings } from "@/components/admin/registration-settings";
import { UserTable } from "@/components/admin/user-table";
import { getAdminUser } from "@/lib/admin/access";
import { getRegistrationMode } from "@/lib/admin/registration";
import { listUsers } from "@/lib/admin/users";
import { getDb } from "@/lib/db/client";
import { ClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Metadata"))("admin") };
}

export default async function AdminPage() {
  const admin = await getAdminUser();
  if (!admin) notFound();
  const db = await getDb();
  const [users, registrationMode] = await Promise.all([
    listUsers(db, { adminId: admin.id }),
    getRegistrationMode(db),
  ]);
  const t = await getTranslations("Admin");
  return (
    <ClientMessages namespaces={["Admin", "Chat", "Errors"]}>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto flex max-w-5xl flex-col gap-8 px-4 pt-6 pb-24 sm:pt-8">
          <header className="flex flex-col gap-1">
            <h1 className="font-semibold text-2xl">{t("title")}</h1>
            <p className="text-muted-foreground text-sm">{t("body")}</p>
          </header>
          <UserTable
            adminId={admin.id}
            initialUsers={users.map((user) => ({
              ...user,
              createdAt: user.createdAt.toISOString(),
              disabledAt: user.disabledAt?.toISOString() ?? null,
              lastActiveAt: user.lastActiveAt?.toISOString() ?? null,
            }))}
          />
          <RegistrationSettings initialMode={registrationMode} />
          <ModelDoctor />
        </div>
      </div>
    </ClientMessages>
  );
}
