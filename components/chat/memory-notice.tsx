"use client";

import { Brain, RotateCcw, TriangleAlert, Undo2 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useMemoryLabels } from "@/components/memory/labels";
import { Button } from "@/components/ui/button";
import { chatEventsSubscriber } from "./chat-events-source";
import {
  isSettled,
  type TurnMemoryChange,
  type TurnOutcome,
  watchTurnOutcome,
} from "./turn-outcome";

type MemoryNoticeProps = {
  chatId: string;
  assistantMessageId: string;
  /** The outcome known when the chat was opened; none for a turn just answered. */
  initial: TurnOutcome | undefined;
  /** Learn the outcome now (a turn just answered, or one still being read when opened). */
  watch: boolean;
  /** A live outcome was just shown (not one that was there when the chat opened). */
  onShown?: (element: HTMLElement) => void;
  /** The memories this turn forgot, as they become known (none once it is undone). */
  onForgotten?: (assistantMessageId: string, forgotten: TurnOutcome["forgotten"]) => void;
};

/**
 * Under a turn: what its memory extraction changed ("Memory updated", with Undo), or that it
 * failed ("Couldn't update memory", with Retry). A polite live region, so a screen reader
 * announces an outcome as it arrives; outcomes already there when the chat opened are not
 * announced again.
 */
export function MemoryNotice({
  chatId,
  assistantMessageId,
  initial,
  watch,
  onShown,
  onForgotten,
}: MemoryNoticeProps) {
  const t = useTranslations("Notice");
  const labels = useMemoryLabels();
  const [outcome, setOutcome] = useState<TurnOutcome | undefined>(initial);
  const [watching, setWatching] = useState(watch || (initial !== undefined && !isSettled(initial)));
  const [retrying, setRetrying] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const live = useRef(false);

  // The reply finishes after this notice mounted (empty) under it: start learning then.
  useEffect(() => {
    if (watch) setWatching(true);
  }, [watch]);

  useEffect(() => {
    if (!watching) return;
    return watchTurnOutcome(
      assistantMessageId,
      (next) => {
        live.current = true;
        setOutcome(next);
        if (isSettled(next)) {
          setWatching(false);
          setRetrying(false);
        }
      },
      { subscribe: chatEventsSubscriber(chatId) },
    );
  }, [chatId, assistantMessageId, watching]);

  const forgotten = outcome && !outcome.undone ? outcome.forgotten : [];
  const forgottenKey = JSON.stringify(forgotten);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when what was forgotten changes
  useEffect(() => {
    onForgotten?.(assistantMessageId, forgotten);
  }, [assistantMessageId, forgottenKey]);

  const heading = headingOf(outcome, retrying);
  const visible = heading ? t(heading) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when what is shown changes
  useEffect(() => {
    if (visible && live.current && sectionRef.current) onShown?.(sectionRef.current);
  }, [visible]);

  const retry = async () => {
    setProblem(null);
    sectionRef.current?.focus(); // the Retry button goes away; keep focus in the notice
    const response = await fetch(`/api/memory-updates/${assistantMessageId}/retry`, {
      method: "POST",
    }).catch(() => null);
    if (!response?.ok) {
      setProblem(t("retryFailed"));
      return;
    }
    setRetrying(true);
    setOutcome({ status: "pending", changes: [], forgotten: [] });
    setWatching(true);
  };

  const undo = async () => {
    setUndoing(true);
    setProblem(null);
    sectionRef.current?.focus(); // the Undo button goes away
    const response = await fetch(`/api/memory-updates/${assistantMessageId}/undo`, {
      method: "POST",
    }).catch(() => null);
    setUndoing(false);
    if (response?.ok && outcome) setOutcome({ ...outcome, undone: true });
    else setProblem(t("undoFailed"));
  };

  return (
    <div role="status">
      {visible ? (
        <section
          ref={sectionRef}
          tabIndex={-1}
          aria-label={visible}
          data-testid="memory-notice"
          className="ml-0 flex max-w-full flex-col gap-1.5 rounded-lg border bg-muted/40 px-3 py-2 text-sm outline-none focus-visible:outline-2 focus-visible:outline-ring sm:ml-4 sm:max-w-[85%]"
        >
          <p className="flex items-center gap-1.5 font-medium">
            {heading === "failed" ? (
              <TriangleAlert aria-hidden className="size-4 text-destructive" />
            ) : (
              <Brain aria-hidden className="size-4" />
            )}
            {visible}
          </p>
          {outcome?.status === "failed" && !retrying ? (
            <p className="text-muted-foreground">{t("failedBody")}</p>
          ) : null}
          {outcome?.status === "done" && !outcome.undone ? (
            <ul className="list-disc pl-5 text-muted-foreground">
              {outcome.changes.map((change) => (
                <li key={`${change.memoryId}-${change.action}`}>
                  {t(changeKey(change), {
                    what: `${labels.topic(change.topic)}: ${change.detail}`,
                  })}
                </li>
              ))}
              {outcome.forgotten.map((item) => (
                <li key={`forgot-${item.category}-${item.topic}`}>
                  {t("forgot", {
                    topic: labels.topic(item.topic),
                    category: labels.category(item.category),
                  })}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="flex flex-wrap items-center gap-3">
            {outcome?.status === "failed" && !retrying ? (
              <Button size="sm" variant="outline" onClick={() => void retry()}>
                <RotateCcw aria-hidden /> {t("retry")}
              </Button>
            ) : null}
            {outcome?.status === "done" &&
            !outcome.undone &&
            outcome.changes.length + outcome.forgotten.length > 0 ? (
              <Button size="sm" variant="outline" onClick={() => void undo()} disabled={undoing}>
                <Undo2 aria-hidden /> {t("undo")}
              </Button>
            ) : null}
            <Link href="/settings/memory" className="text-xs underline">
              {t("manage")}
            </Link>
          </div>
          {problem ? <p className="text-destructive text-xs">{problem}</p> : null}
        </section>
      ) : null}
    </div>
  );
}

/** The notice's heading, or null when there is nothing to say about the turn. */
function headingOf(
  outcome: TurnOutcome | undefined,
  retrying: boolean,
): "updating" | "failed" | "undone" | "updated" | null {
  if (!outcome) return null;
  if (retrying && !isSettled(outcome)) return "updating";
  if (outcome.status === "failed") return "failed";
  if (outcome.status !== "done") return null;
  if (outcome.changes.length + outcome.forgotten.length === 0) return null;
  return outcome.undone ? "undone" : "updated";
}

function changeKey(change: TurnMemoryChange): "suggested" | "remembered" | "changed" {
  if (change.status === "suggested") return "suggested";
  if (change.action === "created") return "remembered";
  return "changed";
}
