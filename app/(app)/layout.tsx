import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AccountDisabled, AccountGone } from "@/components/account/account-gone";
import { AppHeader } from "@/components/shell/app-header";
import { ChatList } from "@/components/shell/chat-list";
import { ChatsProvider } from "@/components/shell/chats-context";
import { OfflineBanner } from "@/components/shell/offline-banner";
import { OFFLINE_BANNER_COOKIE } from "@/components/shell/offline-banner-cookie";
import { isChatOffline } from "@/lib/ai/providers";
import { getSessionAccount, getSessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listChats } from "@/lib/db/queries/chats";
import { ClientMessages } from "@/lib/i18n/client-messages";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const db = await getDb();
  const [account, chats, cookieStore] = await Promise.all([
    getSessionAccount(),
    listChats(db, user.id),
    cookies(),
  ]);
  // A session outlives its account when the account was deleted elsewhere (JWT sessions), or
  // an admin disabled it.
  if (account?.status !== "active") {
    return (
      <ClientMessages namespaces={["Shell"]}>
        {account?.status === "disabled" ? <AccountDisabled /> : <AccountGone />}
      </ClientMessages>
    );
  }
  const t = await getTranslations("Shell");
  const bannerDismissed = cookieStore.get(OFFLINE_BANNER_COOKIE)?.value === "dismissed";
  return (
    <ClientMessages namespaces={["Shell", "Errors"]}>
      <ChatsProvider initialChats={chats.map(({ id, title }) => ({ id, title }))}>
        <div className="flex h-dvh flex-col">
          <a
            href="#main-content"
            className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:border focus:bg-background focus:px-3 focus:py-2 focus:font-medium focus:text-sm focus:shadow-md"
          >
            {t("skipToContent")}
          </a>
          <AppHeader email={user.email} isAdmin={account.role === "admin"} />
          {isChatOffline() && !bannerDismissed ? <OfflineBanner /> : null}
          <div className="flex min-h-0 flex-1">
            <aside className="hidden w-64 shrink-0 flex-col border-r p-3 md:flex">
              <ChatList />
            </aside>
            <main
              id="main-content"
              tabIndex={-1}
              className="flex min-h-0 min-w-0 flex-1 flex-col outline-none"
            >
              {children}
            </main>
          </div>
        </div>
      </ChatsProvider>
    </ClientMessages>
  );
}
