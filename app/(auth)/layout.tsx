import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/lib/i18n/client-messages";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("Auth");
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="font-semibold text-2xl tracking-tight">Ingat</p>
          <p className="text-muted-foreground text-sm">{t("tagline")}</p>
        </div>
        <ClientMessages namespaces={["Auth"]}>{children}</ClientMessages>
      </div>
    </main>
  );
}
