"use client";

import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { MEMORY_TYPES } from "@/lib/memory/vocabulary";
import { TYPE_LABELS } from "./format";
import { type MemoryItemActions, MemoryItemCard } from "./memory-item";
import type { MemoryItem } from "./types";

/**
 * The active memories, grouped as Facts, Interests, Goals and Dislikes in the server's order
 * (confirmed first, then most recently updated). Groups fill in as pages load.
 */
export function MemoryList({
  memories,
  filtered,
  loading,
  error,
  hasMore,
  onLoadMore,
  ...actions
}: {
  memories: MemoryItem[];
  filtered: boolean;
  loading: "reload" | "more" | null;
  error: string | null;
  hasMore: boolean;
  onLoadMore: () => void;
} & MemoryItemActions) {
  const groups = MEMORY_TYPES.map((type) => ({
    type,
    memories: memories.filter((memory) => memory.type === type),
  })).filter((group) => group.memories.length > 0);

  return (
    <div className="flex flex-col gap-6" aria-busy={loading === "reload"}>
      <p role="status" className="text-muted-foreground text-sm">
        {loading === "reload" ? (
          <Spinner label="Loading memories" />
        ) : memories.length === 0 ? (
          filtered ? (
            "No memories match these filters."
          ) : (
            "No memories in use yet. Suggestions above wait for your review."
          )
        ) : (
          `${memories.length} ${memories.length === 1 ? "memory" : "memories"} shown${hasMore ? ", more below" : ""}.`
        )}
      </p>
      {groups.map((group) => (
        <section
          key={group.type}
          aria-labelledby={`group-${group.type}`}
          className="flex flex-col gap-3"
        >
          <h2 id={`group-${group.type}`} className="font-semibold text-lg">
            {TYPE_LABELS[group.type].many}
          </h2>
          <ul className="flex flex-col gap-3">
            {group.memories.map((memory) => (
              <MemoryItemCard key={memory.id} memory={memory} {...actions} />
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
          {loading === "more" ? <Spinner label="Loading more memories" /> : null}
          Load more
        </Button>
      ) : null}
    </div>
  );
}
