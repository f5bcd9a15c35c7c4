/** Words and small pieces the memory components share: labels, dates, the confidence meter. */
import { Meter } from "@/components/ui/meter";
import type { MemoryType } from "@/lib/memory/vocabulary";
import type { MemoryItem } from "./types";

export const TYPE_LABELS: Record<MemoryType, { one: string; many: string }> = {
  fact: { one: "Fact", many: "Facts" },
  interest: { one: "Interest", many: "Interests" },
  goal: { one: "Goal", many: "Goals" },
  dislike: { one: "Dislike", many: "Dislikes" },
};

/** Where a memory came from, in the user's words. */
export function sourceLabel(memory: Pick<MemoryItem, "source" | "source_text">): string {
  if (memory.source === "inferred") return "Inferred";
  if (memory.source === "explicit") return "You asked to remember";
  return memory.source_text ? "Edited by you" : "Added by you";
}

export const HISTORY_ACTION_LABELS: Record<string, string> = {
  created: "Learned",
  updated: "Updated",
  refreshed: "Seen again",
  suggested: "Suggested",
  added: "Added",
  edited: "Edited",
  confirmed: "Confirmed",
  accepted: "Accepted",
  reverted: "Restored",
};

export const HISTORY_ACTOR_LABELS: Record<string, string> = {
  extractor: "Ingat",
  explicit: "your request",
  user: "you",
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
});

/**
 * A date in the reader's locale and time zone. The server renders it in its own, so the text
 * may differ at hydration; the browser's version wins without a warning.
 */
export function DateText({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={date.toISOString()} suppressHydrationWarning>
      {(withTime ? dateTimeFormat : dateFormat).format(date)}
    </time>
  );
}

export function ConfidenceMeter({ value }: { value: number }) {
  return (
    <Meter
      label="Confidence"
      value={value}
      tone={value >= 0.8 ? "success" : "warning"}
      className="w-32"
      title="How sure Ingat is"
    />
  );
}
