"use client";

import { BadgeCheck, Check, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { cn } from "@/lib/utils";
import { confirmMemory, deleteMemory } from "./api";
import {
  ConfidenceMeter,
  createdVerb,
  DateText,
  isSettled,
  RelativeDate,
  sourceOf,
} from "./format";
import { useMemoryLabels } from "./labels";
import { MemoryEditDialog } from "./memory-edit-dialog";
import { MemoryHistoryDialog } from "./memory-history-dialog";
import { MemoryQuote } from "./memory-quote";
import type { MemoryItem } from "./types";

export type MemoryItemActions = {
  onChanged: (memory: MemoryItem) => void;
  /** `undoToken` brings the memory back (restoreMemory) within the undo window. */
  onDeleted: (memory: MemoryItem, undoToken: string) => void;
};

/**
 * One memory, kept compact so a screen holds several: topic and detail, the confidence meter,
 * the quote it came from, then one line of labels and dates beside the actions.
 */
export function MemoryItemCard({
  memory,
  highlighted = false,
  onChanged,
  onDeleted,
}: { memory: MemoryItem; highlighted?: boolean } & MemoryItemActions) {
  const t = useTranslations("Memory");
  const labels = useMemoryLabels();
  const describeError = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const articleRef = useRef<HTMLElement>(null);
  const [error, setError] = useState<string | null>(null);
  const topicId = `memory-${memory.id}-topic`;
  const topic = labels.topic(memory.topic);
  const settled = isSettled(memory);

  /**
   * Runs an action; it resolves to an error message, or nothing when it worked. The buttons are
   * marked busy rather than disabled meanwhile: disabling the focused one would drop the focus.
   */
  const run = async (action: () => Promise<string | undefined>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const failure = await action();
    setBusy(false);
    if (failure) setError(failure);
  };

  const confirm = () =>
    run(async () => {
      const result = await confirmMemory(memory.id);
      if (!result.ok) return describeError(result);
      onChanged(result.data.memory);
      // The Confirm button goes away; keep keyboard focus on this memory.
      articleRef.current?.focus();
      return undefined;
    });

  const remove = () =>
    run(async () => {
      const result = await deleteMemory(memory.id);
      if (!result.ok) return describeError(result);
      onDeleted(memory, result.data.undo_token);
      return undefined;
    });

  return (
    <li>
      <article
        ref={articleRef}
        id={`memory-${memory.id}`}
        tabIndex={-1}
        aria-labelledby={topicId}
        aria-busy={busy}
        data-testid="memory"
        data-highlighted={highlighted ? "true" : undefined}
        aria-current={highlighted ? "true" : undefined}
        className={cn(
          "flex scroll-mt-4 flex-col gap-1.5 rounded-lg border bg-card px-3 py-2.5 outline-none focus-visible:ring-2 focus-visible:ring-ring sm:px-4",
          highlighted && "bg-accent ring-2 ring-ring ring-offset-2 ring-offset-background",
        )}
      >
        <div className="flex items-start justify-between gap-3">
          <div className="flex min-w-0 flex-col">
            <h3 id={topicId} className="break-words font-medium leading-6">
              {topic}
            </h3>
            <p className="break-words text-sm">{memory.detail}</p>
            {memory.previous ? (
              <p
                data-testid="memory-previous"
                className="truncate text-muted-foreground text-xs"
                title={memory.previous.detail}
              >
                {t.rich("previously", {
                  detail: memory.previous.detail,
                  date: () => <DateText iso={memory.previous?.until ?? ""} />,
                })}
              </p>
            ) : null}
          </div>
          <div className="mt-1.5 flex w-28 shrink-0 flex-col items-end gap-1 text-right text-muted-foreground text-xs">
            <ConfidenceMeter value={memory.confidence_score} className="w-full" />
            {memory.use_count > 0 ? (
              <span data-testid="memory-use" className="leading-4">
                {t("timesUsed", { count: memory.use_count })}
                {memory.last_used_at ? (
                  <>
                    <span className="sr-only">, </span>
                    <br />
                    {t("lastUsed")} <RelativeDate iso={memory.last_used_at} />
                  </>
                ) : null}
              </span>
            ) : null}
          </div>
        </div>
        <MemoryQuote memory={memory} />
        <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
          <div className="flex flex-wrap items-center gap-1.5 text-muted-foreground text-xs">
            <Badge variant="outline">
              <span className="sr-only">{t("categoryPrefix")}</span>
              {labels.category(memory.category)}
            </Badge>
            <Badge variant="secondary">
              <span className="sr-only">{t("sourcePrefix")}</span>
              {t(`source.${sourceOf(memory)}`)}
            </Badge>
            {settled ? (
              <Badge variant="success">
                <BadgeCheck aria-hidden /> {t("confirmed")}
              </Badge>
            ) : null}
            <span>
              {t(`createdVerb.${createdVerb(memory)}`)} <DateText iso={memory.created_at} />
              {sameDay(memory.updated_at, memory.created_at) ? null : (
                <>
                  {" · "}
                  {t("updatedOn")} <DateText iso={memory.updated_at} />
                </>
              )}
              {memory.source === "user" ||
              sameDay(memory.last_seen_at, memory.created_at) ? null : (
                <>
                  {" · "}
                  {t("lastMentioned")} <DateText iso={memory.last_seen_at} />
                </>
              )}
            </span>
          </div>
          <div className="-mr-2 flex flex-wrap gap-0.5">
            {settled ? null : (
              <Button
                variant="ghost"
                size="sm"
                className="h-7 px-2"
                onClick={confirm}
                aria-disabled={busy}
                aria-label={t("confirmNamed", { topic })}
              >
                <Check aria-hidden /> {t("confirm")}
              </Button>
            )}
            <MemoryEditDialog memory={memory} onSaved={onChanged} />
            <MemoryHistoryDialog memory={memory} />
            <Button
              variant="ghost"
              size="sm"
              onClick={remove}
              aria-disabled={busy}
              aria-label={t("deleteNamed", { topic })}
              className="h-7 px-2 text-destructive hover:text-destructive"
            >
              <Trash2 aria-hidden /> {t("delete")}
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
