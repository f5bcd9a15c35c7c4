/**
 * Whether a memory is the one an expectation describes. Pure: memories are plain shapes, so the
 * same matcher scores stored rows (extraction) and prompt lines (retrieval).
 */
import { topicKey } from "@/lib/memory/normalize";
import type { Matcher } from "./dataset";

/** What a matcher can look at; prompt lines have no status or source. */
export type MatchableMemory = {
  type: string;
  category: string;
  topic: string;
  detail: string;
  status?: string;
  source?: string;
};

function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/** One `detail` entry: "a|b|c" matches when one alternative occurs in the detail. */
export function detailMatches(entry: string, detail: string): boolean {
  const haystack = fold(detail);
  return entry
    .split("|")
    .map(fold)
    .some((alternative) => alternative !== "" && haystack.includes(alternative));
}

export function matches(matcher: Matcher, memory: MatchableMemory): boolean {
  if (matcher.type !== undefined && matcher.type !== memory.type) return false;
  if (matcher.category !== undefined && matcher.category !== memory.category) return false;
  if (matcher.topic !== undefined && topicKey(matcher.topic) !== topicKey(memory.topic)) {
    return false;
  }
  if (matcher.status !== undefined && matcher.status !== memory.status) return false;
  if (matcher.source !== undefined && matcher.source !== memory.source) return false;
  return (matcher.detail ?? []).every((entry) => detailMatches(entry, memory.detail));
}

/** "fact/work/job ~ perawat|nurse": a matcher as one short line for reports. */
export function describeMatcher(matcher: Matcher): string {
  const key = [matcher.type, matcher.category, matcher.topic].map((part) => part ?? "*").join("/");
  const extras = [
    matcher.status && `status=${matcher.status}`,
    matcher.source && `source=${matcher.source}`,
  ].filter(Boolean);
  const detail = matcher.detail ? ` ~ ${matcher.detail.join(" & ")}` : "";
  return `${key}${detail}${extras.length > 0 ? ` (${extras.join(", ")})` : ""}`;
}

export function describeMemory(memory: MatchableMemory): string {
  const status = memory.status && memory.status !== "active" ? ` [${memory.status}]` : "";
  return `${memory.type}/${memory.category}/${memory.topic}: ${memory.detail}${status}`;
}
