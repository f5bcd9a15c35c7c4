import { redirect } from "next/navigation";
import { AppHeader } from "@/components/shell/app-header";
import { ChatList } from "@/components/shell/chat-list";
import { OfflineBanner } from "@/components/shell/offline-banner";
import { isChatOffline } from "@/lib/ai/providers";
import { getSessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { listChats } from "@/lib/db/queries/chats";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const chats = await listChats(await getDb(), user.id);
  return (
    <div className="flex h-dvh flex-col">
      <AppHeader email={user.email} />
      {isChatOffline() ? <OfflineBanner /> : null}
      <div className="flex min-h-0 flex-1">
        <aside className="hidden w-64 shrink-0 flex-col border-r p-3 md:flex">
          <ChatList initialChats={chats.map(({ id, title }) => ({ id, title }))} />
        </aside>
        <main className="flex min-h-0 min-w-0 flex-1 flex-col">{children}</main>
      </div>
    </div>
  );
}
