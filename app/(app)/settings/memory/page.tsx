import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { MemoryManager } from "@/components/memory/memory-manager";
import { getSessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { findUserById } from "@/lib/db/queries/users";
import { DEFAULT_PAGE_SIZE } from "@/lib/memory/queries";
import { listMemoryItems, memorySummary } from "@/lib/memory/views";

export const metadata: Metadata = { title: "Memory" };

/** The memory page (SPEC §6): the first page of everything, read here; the rest is client-side. */
export default async function MemoryPage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const db = await getDb();
  const [memories, suggestions, summary, account] = await Promise.all([
    listMemoryItems(db, user.id, { status: "active", limit: DEFAULT_PAGE_SIZE }),
    listMemoryItems(db, user.id, { status: "suggested", limit: DEFAULT_PAGE_SIZE }),
    memorySummary(db, user.id),
    findUserById(db, user.id),
  ]);
  return (
    <MemoryManager
      initialMemories={memories}
      initialSuggestions={suggestions}
      initialSummary={summary}
      initialEnabled={account?.memoryEnabled ?? true}
    />
  );
}
