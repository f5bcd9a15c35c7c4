"use client";

import { BadgeCheck, Check, Trash2 } from "lucide-react";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { confirmMemory, deleteMemory } from "./api";
import { ConfidenceMeter, DateText, sourceLabel } from "./format";
import { MemoryEditDialog } from "./memory-edit-dialog";
import { MemoryHistoryDialog } from "./memory-history-dialog";
import { MemoryQuote } from "./memory-quote";
import type { MemoryItem } from "./types";

export type MemoryItemActions = {
  onChanged: (memory: MemoryItem) => void;
  onDeleted: (memory: MemoryItem) => void;
};

/** One memory: what Ingat knows, how sure it is, where it came from, and what to do with it. */
export function MemoryItemCard({
  memory,
  onChanged,
  onDeleted,
}: { memory: MemoryItem } & MemoryItemActions) {
  const [busy, setBusy] = useState(false);
  const articleRef = useRef<HTMLElement>(null);
  const [error, setError] = useState<string | null>(null);
  const topicId = `memory-${memory.id}-topic`;

  /** Runs an action; it resolves to an error message, or nothing when it worked. */
  const run = async (action: () => Promise<string | undefined>) => {
    setBusy(true);
    setError(null);
    const failure = await action();
    setBusy(false);
    if (failure) setError(failure);
  };

  const confirm = () =>
    run(async () => {
      const result = await confirmMemory(memory.id);
      if (!result.ok) return result.message;
      onChanged(result.data.memory);
      // The Confirm button goes away; keep keyboard focus on this memory.
      articleRef.current?.focus();
      return undefined;
    });

  const remove = () =>
    run(async () => {
      const result = await deleteMemory(memory.id);
      if (!result.ok) return result.message;
      onDeleted(memory);
      return undefined;
    });

  return (
    <li>
      <article
        ref={articleRef}
        id={`memory-${memory.id}`}
        tabIndex={-1}
        aria-labelledby={topicId}
        data-testid="memory"
        className="flex flex-col gap-3 rounded-lg border bg-card p-4 outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
          <div className="flex min-w-0 flex-col gap-1">
            <h3 id={topicId} className="break-words font-medium">
              {memory.topic}
            </h3>
            <p className="break-words">{memory.detail}</p>
          </div>
          <ConfidenceMeter value={memory.confidence_score} />
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge variant="outline">
            <span className="sr-only">Category: </span>
            {memory.category}
          </Badge>
          <Badge variant="secondary">
            <span className="sr-only">Source: </span>
            {sourceLabel(memory)}
          </Badge>
          {memory.confirmed ? (
            <Badge variant="success">
              <BadgeCheck aria-hidden /> Confirmed
            </Badge>
          ) : null}
        </div>
        <MemoryQuote memory={memory} />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-muted-foreground text-xs">
            Learned <DateText iso={memory.created_at} />
            {sameDay(memory.updated_at, memory.created_at) ? null : (
              <>
                {" · "}Updated <DateText iso={memory.updated_at} />
              </>
            )}
            {memory.source === "user" || sameDay(memory.last_seen_at, memory.created_at) ? null : (
              <>
                {" · "}Last mentioned <DateText iso={memory.last_seen_at} />
              </>
            )}
          </p>
          <div className="-mr-2 flex flex-wrap gap-1">
            {memory.confirmed ? null : (
              <Button
                variant="ghost"
                size="sm"
                onClick={confirm}
                disabled={busy}
                aria-label={`Confirm ${memory.topic}`}
              >
                <Check aria-hidden /> Confirm
              </Button>
            )}
            <MemoryEditDialog memory={memory} onSaved={onChanged} />
            <MemoryHistoryDialog memory={memory} />
            <Button
              variant="ghost"
              size="sm"
              onClick={remove}
              disabled={busy}
              aria-label={`Delete ${memory.topic}`}
              className="text-destructive hover:text-destructive"
            >
              <Trash2 aria-hidden /> Delete
            </Button>
          </div>
        </div>
        {error ? (
          <p role="alert" className="text-destructive text-sm">
            {error}
          </p>
        ) : null}
      </article>
    </li>
  );
}

/** Same calendar day (UTC is close enough to decide whether a second date says anything). */
function sameDay(a: string, b: string): boolean {
  return a.slice(0, 10) === b.slice(0, 10);
}
