"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { MEMORY_TYPES } from "@/lib/memory/vocabulary";
import { useMemoryLabels } from "./labels";
import { type MemoryItemActions, MemoryItemCard } from "./memory-item";
import type { MemoryItem, MemorySort } from "./types";

/**
 * The active memories, grouped as Facts, Interests, Goals and Dislikes in the server's order
 * (confirmed first, then most recently updated); sorted by use, one ranked list instead.
 * Groups fill in as pages load.
 */
export function MemoryList({
  memories,
  sort,
  highlightId,
  filtered,
  loading,
  error,
  hasMore,
  onLoadMore,
  ...actions
}: {
  memories: MemoryItem[];
  sort: MemorySort;
  highlightId: string | null;
  filtered: boolean;
  loading: "reload" | "more" | null;
  error: string | null;
  hasMore: boolean;
  onLoadMore: () => void;
} & MemoryItemActions) {
  const t = useTranslations("Memory");
  const labels = useMemoryLabels();
  const groups =
    sort === "newest"
      ? MEMORY_TYPES.map((type) => ({
          key: type,
          heading: labels.type(type, "many"),
          memories: memories.filter((memory) => memory.type === type),
        })).filter((group) => group.memories.length > 0)
      : [{ key: sort, heading: t(`sortOptions.${sort}`), memories }].filter(
          (group) => group.memories.length > 0,
        );

  return (
    <div className="flex flex-col gap-4" aria-busy={loading === "reload"}>
      <p role="status" className="text-muted-foreground text-sm">
        {loading === "reload" ? (
          <Spinner label={t("loading")} />
        ) : memories.length === 0 ? (
          filtered ? (
            t("noMatch")
          ) : (
            t("noneInUse")
          )
        ) : (
          t("shown", { count: memories.length, more: hasMore ? "yes" : "no" })
        )}
      </p>
      {groups.map((group) => (
        <section
          key={group.key}
          aria-labelledby={`group-${group.key}`}
          className="flex flex-col gap-2"
        >
          <h2 id={`group-${group.key}`} className="font-semibold text-lg">
            {group.heading}
          </h2>
          <ul className="flex flex-col gap-2">
            {group.memories.map((memory) => (
              <MemoryItemCard
                key={memory.id}
                memory={memory}
                highlighted={memory.id === highlightId}
                {...actions}
              />
            ))}
          </ul>
        </section>
      ))}
      {error ? (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
      {hasMore ? (
        <Button
          variant="outline"
          className="self-center"
          onClick={onLoadMore}
          disabled={loading !== null}
        >
          {loading === "more" ? <Spinner label={t("loadingMore")} /> : null}
          {t("loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
