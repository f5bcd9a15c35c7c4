"use client";

import { History } from "lucide-react";
import { useFormatter, useMessages, useTranslations } from "next-intl";
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
import { useErrorMessage } from "@/lib/i18n/use-error-message";
import { MEMORY_TYPES } from "@/lib/memory/vocabulary";
import { memoryHistory } from "./api";
import { DateText } from "./format";
import { useMemoryLabels } from "./labels";
import type { MemoryHistoryEntry, MemoryItem, MemoryType } from "./types";

type Snapshot = Record<string, unknown>;

type ShownField = { key: FieldKey; show?: (value: unknown) => string };
type FieldKey =
  | "topic"
  | "detail"
  | "type"
  | "category"
  | "status"
  | "confidence_score"
  | "confirmed_at";

/** The fields worth showing when they change, in reading order, as the reader reads them. */
function useShownFields(): ShownField[] {
  const t = useTranslations("Memory");
  const labels = useMemoryLabels();
  const format = useFormatter();
  return [
    { key: "topic", show: (value) => labels.topic(String(value)) },
    { key: "detail" },
    {
      key: "type",
      show: (value) =>
        (MEMORY_TYPES as readonly unknown[]).includes(value)
          ? labels.type(value as MemoryType)
          : String(value),
    },
    { key: "category", show: (value) => labels.category(String(value)) },
    {
      key: "status",
      show: (value) => (value === "suggested" ? t("statusSuggested") : t("statusActive")),
    },
    {
      key: "confidence_score",
      show: (value) =>
        typeof value === "number" ? format.number(value, { style: "percent" }) : "—",
    },
    { key: "confirmed_at", show: (value) => (value ? t("yes") : t("no")) },
  ];
}

/**
 * "History of <topic>": the memory's whole chain, oldest first, loaded when opened — each change
 * with what the memory said after it, where it came from and when.
 */
export function MemoryHistoryDialog({ memory }: { memory: MemoryItem }) {
  const t = useTranslations("Memory");
  const topic = useMemoryLabels().topic(memory.topic);
  const describeError = useErrorMessage();
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<MemoryHistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setEntries(null);
    setError(null);
    const result = await memoryHistory(memory.id);
    // The API lists the newest first; a timeline reads from the start.
    if (result.ok) setEntries([...result.data.history].reverse());
    else setError(describeError(result));
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
        <Button
          variant="ghost"
          size="sm"
          className="h-7 px-2"
          aria-label={t("historyNamed", { topic })}
        >
          <History aria-hidden /> {t("history")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{t("historyTitle", { topic })}</DialogTitle>
          <DialogDescription>{t("historyBody")}</DialogDescription>
        </DialogHeader>
        {error ? (
          <p role="alert" className="text-destructive text-sm">
            {error}
          </p>
        ) : entries === null ? (
          <Spinner label={t("loadingHistory")} />
        ) : entries.length === 0 ? (
          <p className="text-muted-foreground text-sm">{t("noChanges")}</p>
        ) : (
          <ol className="flex flex-col gap-3" aria-label={t("changes")}>
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
  const t = useTranslations("Memory");
  const shownFields = useShownFields();
  const known = (table: Record<string, string>, key: string) =>
    Object.hasOwn(table, key) ? table[key] : undefined;
  const messages = useMessages().Memory;
  // Where the change came from ("Learned in chat"); else "<action> by <actor>".
  const originKey =
    `historyOrigins.${entry.action === "reverted" ? "reverted" : `${entry.action}_${entry.actor}`}` as Parameters<
      typeof t
    >[0];
  const before = asSnapshot(entry.before);
  const after = asSnapshot(entry.after);
  const changes = shownFields.flatMap(({ key, show = String }) => {
    const label = t(`fields.${key}`);
    if (!after) return [];
    const was = before?.[key];
    const now = after[key];
    const unchanged = before && (was === now || show(was) === show(now));
    // Every step of the chain says what the memory said then, changed or not.
    if (unchanged && key === "detail") return [{ label, was: null, now: show(now) }];
    if (unchanged) return [];
    if (!before && (now === null || now === undefined)) return [];
    return [{ label, was: before ? show(was) : null, now: show(now) }];
  });
  return (
    <li className="rounded-md border px-3 py-2 text-sm">
      <p className="flex flex-wrap items-baseline justify-between gap-x-3">
        <span className="font-medium">
          {t.has(originKey)
            ? t(originKey)
            : t("historyEntry", {
                action: known(messages.historyActions, entry.action) ?? entry.action,
                actor: known(messages.historyActors, entry.actor) ?? entry.actor,
              })}
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
                    <span className="sr-only">{t("changedToLong")}</span>{" "}
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
