import { MobileSidebar } from "./mobile-sidebar";
import { NewChatLink } from "./new-chat-link";
import { UserMenu } from "./user-menu";

export function AppHeader({ email, isAdmin }: { email: string; isAdmin: boolean }) {
  return (
    <header className="flex h-12 shrink-0 items-center justify-between gap-2 border-b px-3 sm:h-14 sm:px-4">
      <div className="flex items-center gap-1">
        <MobileSidebar />
        <NewChatLink className="font-semibold tracking-tight">Ingat</NewChatLink>
      </div>
      <UserMenu email={email} isAdmin={isAdmin} />
    </header>
  );
}
