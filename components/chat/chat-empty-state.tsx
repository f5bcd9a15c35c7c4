import Link from "next/link";
import { useTranslations } from "next-intl";

/** What an empty chat says: true to the memory switch and to a temporary chat. */
export function ChatEmptyState({
  memoryEnabled,
  temporary,
}: {
  memoryEnabled: boolean;
  temporary: boolean;
}) {
  const t = useTranslations("Chat");
  return (
    <div className="flex flex-col items-center gap-2 py-10 text-center sm:py-16">
      <h1 className="font-semibold text-2xl">{t("emptyTitle")}</h1>
      <p className="max-w-md text-muted-foreground">
        {temporary
          ? t("emptyTemporary")
          : memoryEnabled
            ? t("emptyMemoryOn")
            : t.rich("emptyMemoryOff", {
                link: (chunks) => (
                  <Link href="/settings/memory" className="underline underline-offset-2">
                    {chunks}
                  </Link>
                ),
              })}
      </p>
    </div>
  );
}
