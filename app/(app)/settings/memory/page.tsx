import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MemoryManager } from "@/components/memory/memory-manager";
import { parseMemoryFilters } from "@/components/memory/url-filters";
import { getSessionUser } from "@/lib/auth";
import { getDb } from "@/lib/db/client";
import { findUserById } from "@/lib/db/queries/users";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { listDuplicateItems } from "@/lib/memory/duplicates";
import { isUuid } from "@/lib/memory/memory-row";
import { DEFAULT_PAGE_SIZE } from "@/lib/memory/queries";
import {
  listMemoryItems,
  type MemoryListJson,
  memorySummary,
  withMemory,
} from "@/lib/memory/views";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Metadata"))("memory") };
}

/**
 * The memory page: the first page of what the address's search and filters select, read here;
 * the rest is client-side.
 */
export default async function MemoryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const params = await searchParams;
  const filters = parseMemoryFilters(params);
  const highlightId =
    typeof params.memory === "string" && isUuid(params.memory) ? params.memory : null;
  const db = await getDb();
  const [memories, suggestions, summary, duplicates, account] = await Promise.all([
    listMemoryItems(db, user.id, {
      status: "active",
      limit: DEFAULT_PAGE_SIZE,
      q: filters.q || undefined,
      type: filters.type || undefined,
      category: filters.category || undefined,
      sort: filters.sort,
    }),
    listMemoryItems(db, user.id, { status: "suggested", limit: DEFAULT_PAGE_SIZE }),
    memorySummary(db, user.id),
    listDuplicateItems(db, user.id),
    findUserById(db, user.id),
  ]);
  return (
    <ClientMessages namespaces={["Memory", "MemoryLabels", "Errors"]}>
      <MemoryManager
        initialMemories={await withHighlighted(db, user.id, memories, highlightId)}
        highlightId={highlightId}
        initialSuggestions={suggestions}
        initialSummary={summary}
        initialDuplicates={duplicates}
        initialEnabled={account?.memoryEnabled ?? true}
      />
    </ClientMessages>
  );
}

/** A linked memory beyond the first page still shows, at the top. */
async function withHighlighted(
  db: Awaited<ReturnType<typeof getDb>>,
  userId: string,
  page: MemoryListJson,
  memoryId: string | null,
): Promise<MemoryListJson> {
  if (!memoryId || page.memories.some((memory) => memory.id === memoryId)) return page;
  return withMemory(db, userId, page, memoryId);
}
