"use client";

import { Check, X } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { acceptSuggestion, rejectSuggestion } from "./api";
import { ConfidenceMeter, DateText, TYPE_LABELS } from "./format";
import { MemoryQuote } from "./memory-quote";
import type { MemoryItem } from "./types";

/**
 * "Review": what Ingat isn't sure enough about to use yet — a guess below the auto-accept
 * confidence, something in a sensitive category, or a change to a memory the user confirmed.
 */
export function ReviewList({
  suggestions,
  hasMore,
  loadingMore,
  onLoadMore,
  onAccepted,
  onRejected,
}: {
  suggestions: MemoryItem[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onAccepted: (suggestion: MemoryItem, memory: MemoryItem) => void;
  onRejected: (suggestion: MemoryItem) => void;
}) {
  if (suggestions.length === 0) return null;
  return (
    <section aria-labelledby="review-heading" className="flex flex-col gap-3">
      <div>
        <h2 id="review-heading" tabIndex={-1} className="font-semibold text-lg outline-none">
          Review
        </h2>
        <p className="text-muted-foreground text-sm">
          Ingat isn’t sure about these yet, so it doesn’t use them. Accept what’s right; reject the
          rest.
        </p>
      </div>
      <ul className="flex flex-col gap-3">
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
          Load more suggestions
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const topicId = `suggestion-${suggestion.id}-topic`;

  const settle = async (accept: boolean) => {
    setBusy(true);
    setError(null);
    const result = accept
      ? await acceptSuggestion(suggestion.id)
      : await rejectSuggestion(suggestion.id);
    setBusy(false);
    if (!result.ok) setError(result.message);
    else if (result.data && "memory" in result.data) onAccepted(suggestion, result.data.memory);
    else onRejected(suggestion);
  };

  return (
    <li>
      <article
        aria-labelledby={topicId}
        data-testid="suggestion"
        className="flex flex-col gap-3 rounded-lg border border-dashed bg-muted/30 p-4"
      >
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
          <div className="flex min-w-0 flex-col gap-1">
            <h3 id={topicId} className="break-words font-medium">
              {suggestion.topic}
            </h3>
            {suggestion.replaces ? (
              <p className="break-words">
                Ingat thinks this changed:{" "}
                <del className="text-muted-foreground">{suggestion.replaces.detail}</del>{" "}
                <span aria-hidden>→</span>
                <span className="sr-only">to</span>{" "}
                <ins className="no-underline">{suggestion.detail}</ins>
              </p>
            ) : (
              <p className="break-words">{suggestion.detail}</p>
            )}
          </div>
          <ConfidenceMeter value={suggestion.confidence_score} />
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge variant="outline">
            <span className="sr-only">Type: </span>
            {TYPE_LABELS[suggestion.type].one}
          </Badge>
          <Badge variant="outline">
            <span className="sr-only">Category: </span>
            {suggestion.category}
          </Badge>
          <Badge variant="warning">Needs review</Badge>
        </div>
        <MemoryQuote memory={suggestion} />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-muted-foreground text-xs">
            Suggested <DateText iso={suggestion.created_at} />
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              onClick={() => void settle(true)}
              disabled={busy}
              aria-label={`Accept ${suggestion.topic}`}
            >
              <Check aria-hidden /> Accept
            </Button>
            <Button
              size="sm"
              variant="outline"
              onClick={() => void settle(false)}
              disabled={busy}
              aria-label={`Reject ${suggestion.topic}`}
            >
              <X aria-hidden /> Reject
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
