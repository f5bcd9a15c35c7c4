"use client";

import { Brain, Undo2 } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

type MemoryChange = {
  memoryId: string;
  action: string;
  type: string;
  topic: string;
  detail: string;
  status: string;
};
type MemoryUpdates = {
  status: "none" | "pending" | "running" | "done" | "failed" | "skipped";
  changes: MemoryChange[];
  forgotten: { category: string; topic: string }[];
};

const POLL_INTERVAL_MS = 1000;
const POLL_FOR_MS = 60_000;

/**
 * "Memory updated" under a turn: polls the turn's extraction for a while after the reply (it
 * runs in the background and never holds the reply), then lists what changed, with Undo.
 */
export function MemoryNotice({ assistantMessageId }: { assistantMessageId: string }) {
  const [updates, setUpdates] = useState<MemoryUpdates | null>(null);
  const [undoing, setUndoing] = useState(false);
  const [undone, setUndone] = useState(false);
  const [undoError, setUndoError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const response = await fetch(`/api/memory-updates/${assistantMessageId}`);
        if (response.ok) {
          const body = (await response.json()) as MemoryUpdates;
          if (cancelled) return;
          setUpdates(body);
          if (["done", "failed", "skipped"].includes(body.status)) return;
        }
      } catch {
        // a dropped poll is retried below
      }
      if (!cancelled && Date.now() - started < POLL_FOR_MS)
        timer = setTimeout(poll, POLL_INTERVAL_MS);
    };
    timer = setTimeout(poll, POLL_INTERVAL_MS / 2);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [assistantMessageId]);

  if (updates?.status !== "done") return null;
  const count = updates.changes.length + updates.forgotten.length;
  if (count === 0) return null;

  const undo = async () => {
    setUndoing(true);
    setUndoError(null);
    const response = await fetch(`/api/memory-updates/${assistantMessageId}/undo`, {
      method: "POST",
    }).catch(() => null);
    setUndoing(false);
    if (response?.ok) setUndone(true);
    else setUndoError("Could not undo. Try again, or change it on the Memory page.");
  };

  return (
    <section
      aria-label="Memory updated"
      data-testid="memory-notice"
      className="ml-4 flex max-w-[85%] flex-col gap-1.5 rounded-lg border bg-muted/40 px-3 py-2 text-sm"
    >
      <p className="flex items-center gap-1.5 font-medium">
        <Brain aria-hidden className="size-4" />
        {undone ? "Memory update undone" : "Memory updated"}
      </p>
      {!undone ? (
        <ul className="list-disc pl-5 text-muted-foreground">
          {updates.changes.map((change) => (
            <li key={`${change.memoryId}-${change.action}`}>{describeChange(change)}</li>
          ))}
          {updates.forgotten.map((item) => (
            <li key={`forgot-${item.category}-${item.topic}`}>Forgot {item.topic}</li>
          ))}
        </ul>
      ) : null}
      <div className="flex items-center gap-3">
        {!undone && updates.changes.length > 0 ? (
          <Button size="sm" variant="outline" onClick={undo} disabled={undoing}>
            <Undo2 aria-hidden /> Undo
          </Button>
        ) : null}
        <Link href="/settings/memory" className="text-xs underline">
          Manage memory
        </Link>
      </div>
      {undoError ? (
        <p role="alert" className="text-destructive text-xs">
          {undoError}
        </p>
      ) : null}
    </section>
  );
}

function describeChange(change: MemoryChange): string {
  const what = `${change.topic}: ${change.detail}`;
  if (change.status === "suggested") return `Suggested (needs your review) — ${what}`;
  if (change.action === "created") return `Remembered — ${what}`;
  if (change.action === "refreshed") return `Confirmed again — ${what}`;
  return `Updated — ${what}`;
}
