"use client";

import { Combine } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { type DuplicatePair, keepBothMemories, mergeDuplicates } from "./api";
import { useMemoryLabels } from "./labels";
import type { MemoryItem } from "./types";

/**
 * Likely duplicates in Review: two memories that read alike. Merge keeps the stronger one (the
 * server decides: confirmed, stated explicitly, more confident, newer); Keep both stops asking.
 */
export function DuplicateList({
  pairs,
  onMerged,
  onKeptBoth,
}: {
  pairs: DuplicatePair[];
  onMerged: (pair: DuplicatePair, kept: MemoryItem, removedId: string) => void;
  onKeptBoth: (pair: DuplicatePair) => void;
}) {
  const t = useTranslations("Memory");
  if (pairs.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      <h3 id="duplicates-heading" tabIndex={-1} className="font-medium outline-none">
        {t("duplicates.title")}
      </h3>
      <ul className="flex flex-col gap-2" aria-labelledby="duplicates-heading">
        {pairs.map((pair) => (
          <Pair
            key={pair.memories.map((memory) => memory.id).join("-")}
            pair={pair}
            onMerged={onMerged}
            onKeptBoth={onKeptBoth}
          />
        ))}
      </ul>
    </div>
  );
}

function Pair({
  pair,
  onMerged,
  onKeptBoth,
}: {
  pair: DuplicatePair;
  onMerged: (pair: DuplicatePair, kept: MemoryItem, removedId: string) => void;
  onKeptBoth: (pair: DuplicatePair) => void;
}) {
  const t = useTranslations("Memory");
  const labels = useMemoryLabels();
  const describeError = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [first, second] = pair.memories;
  const ids: [string, string] = [first.id, second.id];
  const names = t("duplicates.pair", {
    first: labels.topic(first.topic),
    second: labels.topic(second.topic),
  });

  const act = async (merge: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    if (merge) {
      const result = await mergeDuplicates(ids);
      setBusy(false);
      if (result.ok) onMerged(pair, result.data.memory, result.data.removed_id);
      else setError(describeError(result));
    } else {
      const result = await keepBothMemories(ids);
      setBusy(false);
      if (result.ok) onKeptBoth(pair);
      else setError(describeError(result));
    }
  };

  return (
    <li
      data-testid="duplicate-pair"
      aria-busy={busy}
      className="flex flex-col gap-2 rounded-lg border border-dashed bg-muted/30 px-3 py-2.5 sm:px-4"
    >
      <ul className="flex flex-col gap-1 text-sm">
        {pair.memories.map((memory) => (
          <li key={memory.id} className="break-words">
            <span className="font-medium">{labels.topic(memory.topic)}</span>{" "}
            <span className="text-muted-foreground">({labels.category(memory.category)})</span>:{" "}
            {memory.detail}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          className="h-7"
          onClick={() => void act(true)}
          aria-disabled={busy}
          aria-label={t("duplicates.mergeNamed", { names })}
        >
          <Combine aria-hidden /> {t("duplicates.merge")}
        </Button>
        <Button
          size="sm"
          variant="outline"
          className="h-7"
          onClick={() => void act(false)}
          aria-disabled={busy}
          aria-label={t("duplicates.keepBothNamed", { names })}
        >
          {t("duplicates.keepBoth")}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
    </li>
  );
}
