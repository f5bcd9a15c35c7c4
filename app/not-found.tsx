import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-8 text-center">
      <h1 className="font-semibold text-2xl">Not found</h1>
      <p className="text-muted-foreground">This page doesn't exist, or it isn't yours.</p>
      <Link href="/" className={buttonVariants({ variant: "outline" })}>
        Back to your chats
      </Link>
    </main>
  );
}
