/**
 * Scrubbing forgotten words: once the user forgets "I live in Surabaya", the word "Surabaya"
 * must not survive in another memory's quote ("I'm a nurse in Surabaya") or in the history of
 * one. The words of a forgotten memory are the content words of its detail; each other memory
 * keeps the words of its own fact (its topic and detail), and everywhere else they read
 * "[forgotten]". Pure functions over text and history snapshots.
 */
import { factWords, sameWord, wordsOf } from "./words";

export const FORGOTTEN_MARK = "[forgotten]";

/** The words that made up forgotten memories: their details' content words. */
export function forgottenWords(memories: { detail: string }[]): string[] {
  const words = memories.flatMap((memory) =>
    factWords(wordsOf(memory.detail)).map((word) => word.text),
  );
  return [...new Set(words)];
}

/** The forgotten words that are not part of this memory's own fact. */
export function wordsToScrubFrom(
  words: string[],
  memory: { topic: string; detail: string },
): string[] {
  const own = wordsOf(`${memory.topic} ${memory.detail}`);
  return words.filter((word) => !own.some((candidate) => sameWord(candidate.text, word)));
}

/** The text with every forgotten word (inflections too) replaced by "[forgotten]". */
export function scrubText(text: string, words: string[]): string {
  if (words.length === 0) return text;
  let result = text;
  const found = wordsOf(text).filter((word) =>
    words.some((forgotten) => sameWord(word.text, forgotten)),
  );
  for (const word of found.reverse()) {
    result = result.slice(0, word.start) + FORGOTTEN_MARK + result.slice(word.end);
  }
  return result;
}

/** A history snapshot with its quote and detail scrubbed; other fields as they were. */
export function scrubSnapshot(snapshot: unknown, words: string[]): unknown {
  if (!snapshot || typeof snapshot !== "object" || words.length === 0) return snapshot;
  const copy = { ...(snapshot as Record<string, unknown>) };
  for (const field of ["source_text", "detail"]) {
    const value = copy[field];
    if (typeof value === "string") copy[field] = scrubText(value, words);
  }
  return copy;
}
