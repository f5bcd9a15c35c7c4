"use client";

import { Brain } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { memorySummary, restoreMemory } from "./api";
import { MemoryAddDialog } from "./memory-add-dialog";
import { MemoryList } from "./memory-list";
import { MemorySwitch } from "./memory-switch";
import { MemoryDataActions, MemoryFilterBar } from "./memory-toolbar";
import { ReviewList } from "./review-list";
import type { MemoryFilters, MemoryItem, MemoryPage, MemorySummary } from "./types";
import { type StatusNotice, UNDO_BUTTON_ID, UndoStatus } from "./undo-status";
import { usePagedMemories } from "./use-paged-memories";

const NO_FILTERS: MemoryFilters = { q: "", type: "", category: "" };
const SEARCH_DELAY_MS = 250;
const PAGE_HEADING_ID = "memory-heading";
const REVIEW_HEADING_ID = "review-heading";

/**
 * The memory page's state: the filtered list of active memories, the Review list of
 * suggestions, the summary, the Memory switch and the status line. Every change goes through
 * the JSON API and is applied to the local lists; the summary and Review are re-read after it,
 * since one change can settle others (an edit drops the suggestions for its topic).
 */
export function MemoryManager({
  initialMemories,
  initialSuggestions,
  initialSummary,
  initialEnabled,
}: {
  initialMemories: MemoryPage;
  initialSuggestions: MemoryPage;
  initialSummary: MemorySummary;
  initialEnabled: boolean;
}) {
  const [enabled, setEnabled] = useState(initialEnabled);
  const [summary, setSummary] = useState(initialSummary);
  const [filters, setFilters] = useState(NO_FILTERS);
  const q = useDebounced(filters.q.trim(), SEARCH_DELAY_MS);
  const list = usePagedMemories(initialMemories, {
    status: "active",
    q,
    type: filters.type,
    category: filters.category,
  });
  const review = usePagedMemories(initialSuggestions, { status: "suggested" });
  const [notice, setNotice] = useState<StatusNotice | null>(null);
  const noticeCount = useRef(0);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);

  // Focus moves after the render that shows (or removes) its target.
  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const say = useCallback((text: string, undo?: StatusNotice["undo"]) => {
    noticeCount.current += 1;
    setNotice({ id: noticeCount.current, text, undo });
  }, []);

  const { reload: reloadReview } = review;
  const refresh = useCallback(async () => {
    void reloadReview();
    const result = await memorySummary();
    if (result.ok) setSummary(result.data);
  }, [reloadReview]);

  const onChanged = (memory: MemoryItem) => {
    list.upsert(memory);
    void refresh();
  };

  /** A memory new to the list joins it only if it passes the filters shown. */
  const showIfMatching = (memory: MemoryItem) => {
    const known = list.memories.some((item) => item.id === memory.id);
    if (known || matchesFilters(memory, { ...filters, q })) list.upsert(memory);
  };

  const onAdded = (memory: MemoryItem) => {
    showIfMatching(memory);
    say(`Added “${memory.topic}”.`);
    void refresh();
  };

  const onDeleted = (memory: MemoryItem) => {
    const index = list.memories.findIndex((item) => item.id === memory.id);
    list.remove(memory.id);
    void refresh();
    say(`Deleted “${memory.topic}”.`, async () => {
      const result = await restoreMemory(memory);
      if (!result.ok) return result.message;
      list.insertAt(result.data.memory, Math.max(0, index));
      say(`Restored “${memory.topic}”.`);
      setFocusTarget(`memory-${result.data.memory.id}`);
      void refresh();
      return null;
    });
    setFocusTarget(UNDO_BUTTON_ID);
  };

  const afterReview = (suggestion: MemoryItem, text: string) => {
    review.remove(suggestion.id);
    say(text);
    setFocusTarget(review.memories.length > 1 ? REVIEW_HEADING_ID : PAGE_HEADING_ID);
    void refresh();
  };

  const onDeletedAll = () => {
    list.clear();
    review.clear();
    setFilters(NO_FILTERS);
    setSummary((current) => ({
      total: 0,
      suggested: 0,
      categories: [],
      active: Object.fromEntries(
        Object.keys(current.active).map((type) => [type, 0]),
      ) as MemorySummary["active"],
    }));
    say("Deleted all memories.");
    setFocusTarget(PAGE_HEADING_ID);
  };

  const filtered = filters.q.trim() !== "" || filters.type !== "" || filters.category !== "";
  const empty = summary.total === 0 && list.memories.length === 0 && review.memories.length === 0;
  const activeCount = Object.values(summary.active).reduce((sum, count) => sum + count, 0);

  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto flex max-w-3xl flex-col gap-6 px-4 pt-8 pb-24">
        <header className="flex flex-wrap items-end justify-between gap-4">
          <div className="flex flex-col gap-1">
            <h1 id={PAGE_HEADING_ID} tabIndex={-1} className="font-semibold text-2xl outline-none">
              Memory
            </h1>
            <p className="text-muted-foreground text-sm">
              {empty
                ? "What Ingat remembers about you will appear here."
                : `Ingat remembers ${activeCount} ${activeCount === 1 ? "thing" : "things"} about you${
                    summary.suggested > 0 ? `; ${summary.suggested} to review` : ""
                  }.`}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <MemoryAddDialog onAdded={onAdded} />
            <MemoryDataActions hasMemories={!empty} onDeletedAll={onDeletedAll} />
          </div>
        </header>

        <MemorySwitch enabled={enabled} onChange={setEnabled} />

        {empty ? (
          <EmptyState />
        ) : (
          <>
            <ReviewList
              suggestions={review.memories}
              hasMore={review.nextCursor !== null}
              loadingMore={review.loading !== null}
              onLoadMore={() => void review.loadMore()}
              onAccepted={(suggestion, memory) => {
                showIfMatching(memory);
                afterReview(suggestion, `Accepted “${memory.topic}”.`);
              }}
              onRejected={(suggestion) =>
                afterReview(suggestion, `Rejected “${suggestion.topic}”.`)
              }
            />
            <MemoryFilterBar
              filters={filters}
              categories={summary.categories}
              onChange={setFilters}
            />
            <MemoryList
              memories={list.memories}
              filtered={filtered}
              loading={list.loading}
              error={list.error}
              hasMore={list.nextCursor !== null}
              onLoadMore={() => void list.loadMore()}
              onChanged={onChanged}
              onDeleted={onDeleted}
            />
          </>
        )}
      </div>
      <UndoStatus
        notice={notice}
        onDismiss={() => {
          setNotice(null);
          setFocusTarget(PAGE_HEADING_ID);
        }}
      />
    </div>
  );
}

function EmptyState() {
  return (
    <section
      aria-labelledby="memory-empty-heading"
      className="flex flex-col items-center gap-3 rounded-lg border border-dashed px-6 py-12 text-center"
    >
      <Brain aria-hidden className="size-8 text-muted-foreground" />
      <h2 id="memory-empty-heading" className="font-semibold text-lg">
        Nothing remembered yet
      </h2>
      <p className="max-w-md text-muted-foreground text-sm">
        As you chat, Ingat notes what it learns about you — facts, interests, goals and dislikes —
        and lists them here with the words they came from. You can edit, confirm or delete any of
        them, review what it isn’t sure about, or add something yourself.
      </p>
    </section>
  );
}

/** The server's filters, roughly: search here is by substring only. */
function matchesFilters(memory: MemoryItem, filters: MemoryFilters): boolean {
  const q = filters.q.toLowerCase();
  return (
    (filters.type === "" || memory.type === filters.type) &&
    (filters.category === "" || memory.category === filters.category.toLowerCase()) &&
    (q === "" || `${memory.topic} ${memory.detail} ${memory.category}`.toLowerCase().includes(q))
  );
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
