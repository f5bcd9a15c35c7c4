/** Words and small pieces the memory components share: labels, dates, the confidence meter. */
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Meter } from "@/components/ui/meter";
import { cn } from "@/lib/utils";
import type { MemoryItem } from "./types";

/** Upper-cases the first letter ("japanese" → "Japanese", "c++" → "C++"). */
function capitalise(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const char = String.fromCodePoint(first);
  return char.toLocaleUpperCase() + text.slice(char.length);
}

/**
 * A topic as people read it. Extraction stores topics as lower-case words ("japanese", "city"),
 * which read as keys; those get a capital. A topic with any capital ("iPhone apps") was written
 * that way on purpose and is shown as is. Buttons name the memory by this label too.
 */
export function topicLabel(topic: string): string {
  return topic === topic.toLocaleLowerCase() ? capitalise(topic) : topic;
}

/** Categories are stored as lower-case words ("language"); shown as "Language". */
export function categoryLabel(category: string): string {
  return capitalise(category);
}

/**
 * Settled by the user: confirmed, accepted or edited — or stated with "remember that…", which
 * Ingat treats the same way (it is never silently overwritten). Nothing is left to confirm.
 */
export function isSettled(memory: Pick<MemoryItem, "confirmed" | "source">): boolean {
  return memory.confirmed || memory.source !== "inferred";
}

/** The verb for when a memory was first stored: Ingat learned it, or the user added it. */
export function createdVerb(
  memory: Pick<MemoryItem, "source" | "source_text">,
): "added" | "saved" | "learned" {
  if (memory.source === "user" && !memory.source_text) return "added";
  if (memory.source === "explicit") return "saved";
  return "learned";
}

/** Where a memory came from, in the user's words. */
export function sourceOf(
  memory: Pick<MemoryItem, "source" | "source_text">,
): "inferred" | "explicit" | "edited" | "added" {
  if (memory.source === "inferred") return "inferred";
  if (memory.source === "explicit") return "explicit";
  return memory.source_text ? "edited" : "added";
}

/** The browser's time zone; undefined while rendering on the server. */
const readerTimeZone = () =>
  typeof window === "undefined" ? undefined : Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * A date in the reader's language and time zone. The server renders it in its own time zone, so
 * the text may differ at hydration; the browser's version wins without a warning.
 */
export function DateText({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const format = useFormatter();
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={date.toISOString()} suppressHydrationWarning>
      {format.dateTime(date, {
        dateStyle: "medium",
        ...(withTime ? { timeStyle: "short" } : {}),
        timeZone: readerTimeZone(),
      })}
    </time>
  );
}

export function ConfidenceMeter({ value, className }: { value: number; className?: string }) {
  const t = useTranslations("Memory");
  return (
    <Meter
      label={t("confidence")}
      value={value}
      tone={value >= 0.8 ? "success" : "warning"}
      className={cn("w-32 shrink-0", className)}
      title={t("confidenceTitle")}
    />
  );
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "5 minutes ago", "yesterday", "3 weeks ago"; under a minute, `justNow`. */
export function relativeTime(
  iso: string,
  now: number = Date.now(),
  locale?: string,
  justNow = "just now",
): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return justNow;
}

/** A past moment as "5 minutes ago", the exact date in its tooltip. */
export function RelativeDate({ iso }: { iso: string }) {
  const t = useTranslations("Memory");
  const locale = useLocale();
  const format = useFormatter();
  const title = format.dateTime(new Date(iso), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: readerTimeZone(),
  });
  return (
    <time dateTime={iso} title={title} suppressHydrationWarning>
      {relativeTime(iso, Date.now(), locale, t("justNow"))}
    </time>
  );
}
