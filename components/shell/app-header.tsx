import Link from "next/link";
import { UserMenu } from "./user-menu";

export function AppHeader({ email }: { email: string }) {
  return (
    <header className="flex h-14 shrink-0 items-center justify-between border-b px-4">
      <Link href="/" className="font-semibold tracking-tight">
        Ingat
      </Link>
      <UserMenu email={email} />
    </header>
  );
}
