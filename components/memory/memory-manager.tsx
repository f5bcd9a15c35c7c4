"use client";

import { Brain } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { type DuplicatePair, listDuplicates, memorySummary, restoreMemory } from "./api";
import { useMemoryLabels } from "./labels";
import { MemoryAddDialog } from "./memory-add-dialog";
import { type ImportDone, MemoryImportDialog } from "./memory-import-dialog";
import { MemoryList } from "./memory-list";
import { MemorySwitch } from "./memory-switch";
import { MemoryDataActions, MemoryFilterBar } from "./memory-toolbar";
import { ReviewList } from "./review-list";
import type { MemoryFilters, MemoryItem, MemoryPage, MemorySummary } from "./types";
import { type StatusNotice, UNDO_BUTTON_ID, UndoStatus } from "./undo-status";
import { memoryFiltersQuery, NO_FILTERS, parseMemoryFilters } from "./url-filters";
import { usePagedMemories } from "./use-paged-memories";

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
  initialDuplicates,
  initialEnabled,
  highlightId = null,
}: {
  initialMemories: MemoryPage;
  initialSuggestions: MemoryPage;
  initialSummary: MemorySummary;
  initialDuplicates: DuplicatePair[];
  initialEnabled: boolean;
  /** The memory a link pointed at ("Used N memories" in a chat): shown marked, and focused. */
  highlightId?: string | null;
}) {
  const t = useTranslations("Memory");
  const labels = useMemoryLabels();
  const describeError = useErrorMessage();
  const [enabled, setEnabled] = useState(initialEnabled);
  const [duplicates, setDuplicates] = useState(initialDuplicates);
  const [summary, setSummary] = useState(initialSummary);
  const { filters, search, setSearch, setFilters } = useFiltersInAddress();
  const { q } = filters;
  const list = usePagedMemories(initialMemories, {
    status: "active",
    q,
    type: filters.type,
    category: filters.category,
    sort: filters.sort,
  });
  const review = usePagedMemories(initialSuggestions, { status: "suggested" });
  const [notice, setNotice] = useState<StatusNotice | null>(null);
  const noticeCount = useRef(0);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);

  // Arriving from a link to one memory: it is scrolled to and focused once.
  useEffect(() => {
    if (!highlightId) return;
    const target = document.getElementById(`memory-${highlightId}`);
    target?.focus({ preventScroll: true });
    target?.scrollIntoView({ block: "center" });
  }, [highlightId]);

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
    void listDuplicates().then((result) => {
      if (result.ok) setDuplicates(result.data.duplicates);
    });
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
    if (known || matchesFilters(memory, filters)) list.upsert(memory);
  };

  const onAdded = (memory: MemoryItem) => {
    showIfMatching(memory);
    say(t("added", { topic: labels.topic(memory.topic) }));
    void refresh();
  };

  const onDeleted = (memory: MemoryItem, undoToken: string) => {
    const index = list.memories.findIndex((item) => item.id === memory.id);
    list.remove(memory.id);
    void refresh();
    const topic = labels.topic(memory.topic);
    say(t("deleted", { topic }), async () => {
      const result = await restoreMemory(undoToken);
      if (!result.ok) return describeError(result);
      list.insertAt(result.data.memory, Math.max(0, index));
      say(t("restored", { topic }));
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

  const afterDuplicate = (pair: DuplicatePair, text: string) => {
    setDuplicates((current) => current.filter((other) => other !== pair));
    say(text);
    setFocusTarget(REVIEW_HEADING_ID);
    void refresh();
  };

  const onMerged = (pair: DuplicatePair, kept: MemoryItem, removedId: string) => {
    list.remove(removedId);
    list.upsert(kept);
    const removed = pair.memories.find((memory) => memory.id === removedId);
    afterDuplicate(
      pair,
      t("mergedInto", {
        removed: labels.topic(removed?.topic ?? ""),
        kept: labels.topic(kept.topic),
      }),
    );
  };

  const onImported = (done: ImportDone) => {
    if (done.kind === "file") {
      const { added, updated, skipped } = done.report;
      say(t("importedFile", { added, updated, skipped }));
      void list.reload();
    } else {
      say(t("importedText", { count: done.suggested }));
    }
    // Focus goes back to Import as the dialog closes; the status line announces the outcome.
    void refresh();
  };

  const onDeletedAll = () => {
    list.clear();
    review.clear();
    setDuplicates([]);
    setFilters(NO_FILTERS, "replace");
    setSummary((current) => ({
      total: 0,
      suggested: 0,
      categories: [],
      fit_in_reply: 0,
      active: Object.fromEntries(
        Object.keys(current.active).map((type) => [type, 0]),
      ) as MemorySummary["active"],
    }));
    say(t("deletedAll"));
    setFocusTarget(PAGE_HEADING_ID);
  };

  const filtered = filters.q !== "" || filters.type !== "" || filters.category !== "";
  const empty = summary.total === 0 && list.memories.length === 0 && review.memories.length === 0;
  const activeCount = Object.values(summary.active).reduce((sum, count) => sum + count, 0);

  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto flex max-w-3xl flex-col gap-4 px-4 pt-6 pb-24 sm:pt-8">
        <header className="flex flex-wrap items-end justify-between gap-3">
          <div className="flex flex-col gap-1">
            <h1 id={PAGE_HEADING_ID} tabIndex={-1} className="font-semibold text-2xl outline-none">
              {t("title")}
            </h1>
            <p className="text-muted-foreground text-sm">
              {empty
                ? t("emptySummary")
                : t("summary", { count: activeCount, suggested: summary.suggested })}
            </p>
            {activeCount > 0 ? (
              <p className="text-muted-foreground text-sm" data-testid="prompt-budget">
                {summary.fit_in_reply >= activeCount
                  ? t("budgetAll", { count: activeCount })
                  : t("budgetSome", { fit: summary.fit_in_reply, count: activeCount })}
              </p>
            ) : null}
          </div>
          <div className="flex flex-wrap gap-2">
            <MemoryAddDialog onAdded={onAdded} />
            <MemoryImportDialog onImported={onImported} />
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
              duplicates={duplicates}
              onMerged={onMerged}
              onKeptBoth={(pair) =>
                afterDuplicate(
                  pair,
                  t("keptBoth", {
                    first: labels.topic(pair.memories[0].topic),
                    second: labels.topic(pair.memories[1].topic),
                  }),
                )
              }
              hasMore={review.nextCursor !== null}
              loadingMore={review.loading !== null}
              onLoadMore={() => void review.loadMore()}
              onAccepted={(suggestion, memory) => {
                showIfMatching(memory);
                afterReview(suggestion, t("accepted", { topic: labels.topic(memory.topic) }));
              }}
              onRejected={(suggestion) =>
                afterReview(suggestion, t("rejected", { topic: labels.topic(suggestion.topic) }))
              }
            />
            <MemoryFilterBar
              filters={{ ...filters, q: search }}
              categories={summary.categories}
              onChange={(next) => {
                if (next.q !== search) setSearch(next.q);
                else setFilters(next, "push");
              }}
            />
            <MemoryList
              memories={list.memories}
              sort={filters.sort}
              highlightId={highlightId}
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
  const t = useTranslations("Memory");
  return (
    <section
      aria-labelledby="memory-empty-heading"
      className="flex flex-col items-center gap-3 rounded-lg border border-dashed px-6 py-12 text-center"
    >
      <Brain aria-hidden className="size-8 text-muted-foreground" />
      <h2 id="memory-empty-heading" className="font-semibold text-lg">
        {t("emptyTitle")}
      </h2>
      <p className="max-w-md text-muted-foreground text-sm">{t("emptyBody")}</p>
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

/**
 * The filters live in the page's address. Type and category changes add a history entry (Back
 * undoes them); the search box updates the address in place after a pause in typing, so a search
 * is one entry, not one per letter. Back and Forward change the address, and the box follows.
 * The native history API is used: Next keeps useSearchParams in step without a server request.
 */
function useFiltersInAddress() {
  const params = useSearchParams();
  const filters = parseMemoryFilters(params);
  const [search, setSearch] = useState(filters.q);
  const lastWrittenQ = useRef(filters.q);
  const debouncedSearch = useDebounced(search.trim(), SEARCH_DELAY_MS);

  const write = useCallback((next: MemoryFilters, mode: "push" | "replace") => {
    lastWrittenQ.current = next.q.trim();
    const url = `${window.location.pathname}${memoryFiltersQuery(next)}`;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);

  // The address changed without the search box (Back, Forward): the box shows what it holds.
  useEffect(() => {
    if (filters.q === lastWrittenQ.current) return;
    lastWrittenQ.current = filters.q;
    setSearch(filters.q);
  }, [filters.q]);

  const { type, category, sort } = filters;
  useEffect(() => {
    if (debouncedSearch === lastWrittenQ.current) return;
    write({ q: debouncedSearch, type, category, sort }, "replace");
  }, [debouncedSearch, type, category, sort, write]);

  const setFilters = useCallback(
    (next: MemoryFilters, mode: "push" | "replace") => {
      setSearch(next.q);
      write(next, mode);
    },
    [write],
  );

  return { filters, search, setSearch, setFilters };
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
