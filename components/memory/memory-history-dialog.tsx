"use client";

import { History } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { memoryHistory } from "./api";
import { DateText, HISTORY_ACTION_LABELS, HISTORY_ACTOR_LABELS } from "./format";
import type { MemoryHistoryEntry, MemoryItem } from "./types";

type Snapshot = Record<string, unknown>;

/** The fields worth showing when they change, in reading order. */
const SHOWN_FIELDS: { key: string; label: string; show?: (value: unknown) => string }[] = [
  { key: "topic", label: "Topic" },
  { key: "detail", label: "Detail" },
  { key: "type", label: "Type" },
  { key: "category", label: "Category" },
  { key: "status", label: "Status" },
  {
    key: "confidence_score",
    label: "Confidence",
    show: (value) => (typeof value === "number" ? `${Math.round(value * 100)}%` : "—"),
  },
  { key: "confirmed_at", label: "Confirmed", show: (value) => (value ? "yes" : "no") },
];

/** "History of <topic>": every change of the memory, newest first, loaded when opened. */
export function MemoryHistoryDialog({ memory }: { memory: MemoryItem }) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<MemoryHistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setEntries(null);
    setError(null);
    const result = await memoryHistory(memory.id);
    if (result.ok) setEntries(result.data.history);
    else setError(result.message);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void load();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`History of ${memory.topic}`}>
          <History aria-hidden /> History
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>History of “{memory.topic}”</DialogTitle>
          <DialogDescription>Every change to this memory, newest first.</DialogDescription>
        </DialogHeader>
        {error ? (
          <p role="alert" className="text-destructive text-sm">
            {error}
          </p>
        ) : entries === null ? (
          <Spinner label="Loading history" />
        ) : entries.length === 0 ? (
          <p className="text-muted-foreground text-sm">No changes recorded.</p>
        ) : (
          <ol className="flex flex-col gap-3" aria-label="Changes">
            {entries.map((entry) => (
              <HistoryEntry key={entry.id} entry={entry} />
            ))}
          </ol>
        )}
      </DialogContent>
    </Dialog>
  );
}

function HistoryEntry({ entry }: { entry: MemoryHistoryEntry }) {
  const before = asSnapshot(entry.before);
  const after = asSnapshot(entry.after);
  const changes = SHOWN_FIELDS.flatMap(({ key, label, show = String }) => {
    if (!after) return [];
    const was = before?.[key];
    const now = after[key];
    if (before && (was === now || show(was) === show(now))) return [];
    if (!before && (now === null || now === undefined)) return [];
    return [{ label, was: before ? show(was) : null, now: show(now) }];
  });
  return (
    <li className="rounded-md border px-3 py-2 text-sm">
      <p className="flex flex-wrap items-baseline justify-between gap-x-3">
        <span className="font-medium">
          {HISTORY_ACTION_LABELS[entry.action] ?? entry.action} by{" "}
          {HISTORY_ACTOR_LABELS[entry.actor] ?? entry.actor}
        </span>
        <span className="text-muted-foreground text-xs">
          <DateText iso={entry.created_at} withTime />
        </span>
      </p>
      {changes.length > 0 ? (
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-muted-foreground">
          {changes.map((change) => (
            <div key={change.label} className="contents">
              <dt>{change.label}</dt>
              <dd className="break-words text-foreground">
                {change.was !== null ? (
                  <>
                    <del className="text-muted-foreground">{change.was}</del>{" "}
                    <span aria-hidden>→</span>
                    <span className="sr-only">changed to</span>{" "}
                  </>
                ) : null}
                {change.now}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}

function asSnapshot(value: unknown): Snapshot | null {
  return value && typeof value === "object" ? (value as Snapshot) : null;
}
