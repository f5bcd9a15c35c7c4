/** The memory page's data, exactly as the JSON API sends it (lib/memory/views.ts builds it). */

export type { MemoryHistoryJson as MemoryHistoryEntry } from "@/lib/memory/history";
export type {
  MemoryListItemJson as MemoryItem,
  MemoryListJson as MemoryPage,
  MemorySummaryJson as MemorySummary,
} from "@/lib/memory/views";

export type { MemoryType } from "@/lib/memory/vocabulary";

import type { MemoryType } from "@/lib/memory/vocabulary";

/** How the list is ordered: by type and newest first, or ranked by use. */
export type MemorySort = "newest" | "last_used" | "most_used";

/** The list's filters as the toolbar holds them; "" means "any". */
export type MemoryFilters = {
  q: string;
  type: MemoryType | "";
  category: string;
  sort: MemorySort;
};
