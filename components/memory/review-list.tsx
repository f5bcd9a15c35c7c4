"use client";

import { Check, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { acceptSuggestion, type DuplicatePair, rejectSuggestion } from "./api";
import { DuplicateList } from "./duplicate-list";
import { ConfidenceMeter, DateText } from "./format";
import { useMemoryLabels } from "./labels";
import { MemoryQuote } from "./memory-quote";
import type { MemoryItem } from "./types";

/**
 * "Review": what Ingat isn't sure enough about to use yet — a guess below the auto-accept
 * confidence, something in a sensitive category, or a change to a memory the user confirmed.
 */
export function ReviewList({
  suggestions,
  duplicates,
  hasMore,
  loadingMore,
  onLoadMore,
  onAccepted,
  onRejected,
  onMerged,
  onKeptBoth,
}: {
  suggestions: MemoryItem[];
  duplicates: DuplicatePair[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onAccepted: (suggestion: MemoryItem, memory: MemoryItem) => void;
  onRejected: (suggestion: MemoryItem) => void;
  onMerged: (pair: DuplicatePair, kept: MemoryItem, removedId: string) => void;
  onKeptBoth: (pair: DuplicatePair) => void;
}) {
  const t = useTranslations("Memory");
  if (suggestions.length === 0 && duplicates.length === 0) return null;
  return (
    <section aria-labelledby="review-heading" className="flex flex-col gap-2">
      <div>
        <h2 id="review-heading" tabIndex={-1} className="font-semibold text-lg outline-none">
          {t("reviewTitle")}
        </h2>
        {suggestions.length > 0 ? (
          <p className="text-muted-foreground text-sm">{t("reviewBody")}</p>
        ) : null}
      </div>
      <DuplicateList pairs={duplicates} onMerged={onMerged} onKeptBoth={onKeptBoth} />
      <ul className="flex flex-col gap-2">
        {suggestions.map((suggestion) => (
          <Suggestion
            key={suggestion.id}
            suggestion={suggestion}
            onAccepted={onAccepted}
            onRejected={onRejected}
          />
        ))}
      </ul>
      {hasMore ? (
        <Button
          variant="outline"
          className="self-start"
          onClick={onLoadMore}
          disabled={loadingMore}
        >
          {t("loadMoreSuggestions")}
        </Button>
      ) : null}
    </section>
  );
}

function Suggestion({
  suggestion,
  onAccepted,
  onRejected,
}: {
  suggestion: MemoryItem;
  onAccepted: (suggestion: MemoryItem, memory: MemoryItem) => void;
  onRejected: (suggestion: MemoryItem) => void;
}) {
  const t = useTranslations("Memory");
  const labels = useMemoryLabels();
  const describeError = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const topicId = `suggestion-${suggestion.id}-topic`;
  const topic = labels.topic(suggestion.topic);

  const settle = async (accept: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = accept
      ? await acceptSuggestion(suggestion.id)
      : await rejectSuggestion(suggestion.id);
    setBusy(false);
    if (!result.ok) setError(describeError(result));
    else if (result.data && "memory" in result.data) onAccepted(suggestion, result.data.memory);
    else onRejected(suggestion);
  };

  return (
    <li>
      <article
        aria-labelledby={topicId}
        data-testid="suggestion"
        aria-busy={busy}
        className="flex flex-col gap-1.5 rounded-lg border border-dashed bg-muted/30 px-3 py-2.5 sm:px-4"
      >
        <div className="flex items-start justify-between gap-3">
          <div className="flex min-w-0 flex-col">
            <h3 id={topicId} className="break-words font-medium leading-6">
              {topic}
            </h3>
            {suggestion.replaces ? (
              <p className="break-words text-sm">
                {t("thinksChanged")}{" "}
                <del className="text-muted-foreground">{suggestion.replaces.detail}</del>{" "}
                <span aria-hidden>→</span>
                <span className="sr-only">{t("changedTo")}</span>{" "}
                <ins className="no-underline">{suggestion.detail}</ins>
              </p>
            ) : (
              <p className="break-words text-sm">{suggestion.detail}</p>
            )}
          </div>
          <ConfidenceMeter value={suggestion.confidence_score} className="mt-1.5 w-24 sm:w-28" />
        </div>
        <MemoryQuote memory={suggestion} />
        <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
          <div className="flex flex-wrap items-center gap-1.5 text-muted-foreground text-xs">
            <Badge variant="outline">
              <span className="sr-only">{t("typePrefix")}</span>
              {labels.type(suggestion.type)}
            </Badge>
            <Badge variant="outline">
              <span className="sr-only">{t("categoryPrefix")}</span>
              {labels.category(suggestion.category)}
            </Badge>
            <Badge variant="warning">{t("needsReview")}</Badge>
            {suggestion.imported ? <Badge variant="outline">{t("imported")}</Badge> : null}
            <span>
              {t("suggestedOn")} <DateText iso={suggestion.created_at} />
            </span>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              className="h-7"
              onClick={() => void settle(true)}
              aria-disabled={busy}
              aria-label={t("acceptNamed", { topic })}
            >
              <Check aria-hidden /> {t("accept")}
            </Button>
            <Button
              size="sm"
              variant="outline"
              className="h-7"
              onClick={() => void settle(false)}
              aria-disabled={busy}
              aria-label={t("rejectNamed", { topic })}
            >
              <X aria-hidden /> {t("reject")}
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
