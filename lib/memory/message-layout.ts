/**
 * The layout of a user message, for the write gate: which parts are someone else's text — a
 * fenced code block, `>` quote lines, a pasted chat log ("User: …", "Assistant: …"), inline code,
 * text in quotation marks, the body of a long multi-paragraph paste — and where its sentences
 * are. Plain loops over lines and characters: nothing here can backtrack.
 */
import { wordsOf } from "./words";

export type Span = { start: number; end: number };

/** A message this long with this many paragraphs is a paste, apart from a short intro and outro. */
const PASTE_MIN_CHARS = 1200;
const PASTE_MIN_PARAGRAPHS = 3;
const PASTE_OWN_PARAGRAPH_MAX_CHARS = 280;

/** Speaker labels that start a line of a pasted conversation. */
const SPEAKER_LABELS = new Set(
  "user assistant system ai bot chatgpt gpt claude gemini copilot human model me you q a pengguna asisten sistem saya kamu".split(
    " ",
  ),
);

const DOUBLE_QUOTES_OPEN = new Set(['"', "“", "„", "«", "‟"]);
const DOUBLE_QUOTES_CLOSE = new Set(['"', "”", "“", "»", "‟"]);
const SENTENCE_ENDS = new Set([".", "!", "?", "…"]);

type Line = Span & { text: string };

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let index = 0; index <= text.length; index += 1) {
    if (index === text.length || text[index] === "\n") {
      lines.push({ start, end: index, text: text.slice(start, index) });
      start = index + 1;
    }
  }
  return lines;
}

const isBlank = (line: Line) => line.text.trim() === "";
const isFence = (line: Line) => /^\s{0,3}(?:```|~~~)/u.test(line.text);
const isQuoteLine = (line: Line) => /^\s{0,3}>/u.test(line.text);
const isListItem = (line: Line) => /^\s{0,3}(?:[-*+•]|\d{1,3}[.)])\s/u.test(line.text);

/** "User: …", "Assistant: …", "Pengguna: …" — a line of a pasted conversation. */
function isSpeakerLine(line: Line): boolean {
  const [first] = wordsOf(line.text);
  if (!first || !SPEAKER_LABELS.has(first.text)) return false;
  const after = line.text.slice(first.end).trimStart();
  return after.startsWith(":") && line.text.slice(0, first.start).trim() === "";
}

/** The words after a leading speaker label ("User:", "Asisten:"), for reading a pasted line. */
export function withoutSpeakerLabel<T extends { text: string; end: number }>(
  words: T[],
  text: string,
): T[] {
  const [first] = words;
  if (
    first &&
    SPEAKER_LABELS.has(first.text) &&
    text.slice(first.end).trimStart().startsWith(":")
  ) {
    return words.slice(1);
  }
  return words;
}

/** The parts of the message that are someone else's words. Sorted, may overlap. */
export function quotedSpans(text: string): Span[] {
  const spans: Span[] = [];
  const lines = linesOf(text);
  let fenceStart: number | null = null;
  let inLog = false;
  for (const line of lines) {
    if (fenceStart !== null) {
      if (isFence(line)) {
        spans.push({ start: fenceStart, end: line.end });
        fenceStart = null;
      }
      continue;
    }
    if (isFence(line)) {
      fenceStart = line.start;
      continue;
    }
    if (isBlank(line)) inLog = false;
    else if (isSpeakerLine(line)) inLog = true;
    if (inLog || isQuoteLine(line)) spans.push(line);
    else spans.push(...inlineQuotes(text, line));
  }
  if (fenceStart !== null) spans.push({ start: fenceStart, end: text.length });
  spans.push(...pastedParagraphs(text, lines));
  return spans.sort((a, b) => a.start - b.start);
}

/** Inline code and text in quotation marks within one line; an unclosed quote runs to its end. */
function inlineQuotes(text: string, line: Line): Span[] {
  const spans: Span[] = [];
  let open: { at: number; closer: "`" | "double" | "single" } | null = null;
  for (let index = line.start; index < line.end; index += 1) {
    const char = text[index] ?? "";
    if (open) {
      const closes =
        (open.closer === "`" && char === "`") ||
        (open.closer === "double" && DOUBLE_QUOTES_CLOSE.has(char)) ||
        (open.closer === "single" && char === "’" && !isLetter(text[index + 1]));
      if (closes) {
        spans.push({ start: open.at, end: index + 1 });
        open = null;
      }
    } else if (char === "`") open = { at: index, closer: "`" };
    else if (DOUBLE_QUOTES_OPEN.has(char)) open = { at: index, closer: "double" };
    else if (char === "‘" && !isLetter(text[index - 1])) open = { at: index, closer: "single" };
  }
  if (open) spans.push({ start: open.at, end: line.end });
  return spans;
}

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** In a long multi-paragraph message, every paragraph but a short first and last one. */
function pastedParagraphs(text: string, lines: Line[]): Span[] {
  if (text.length < PASTE_MIN_CHARS) return [];
  const paragraphs: Span[] = [];
  let current: Span | null = null;
  for (const line of lines) {
    if (isBlank(line)) {
      if (current) paragraphs.push(current);
      current = null;
    } else {
      current = current
        ? { start: current.start, end: line.end }
        : { start: line.start, end: line.end };
    }
  }
  if (current) paragraphs.push(current);
  if (paragraphs.length < PASTE_MIN_PARAGRAPHS) return [];
  const own = (span: Span | undefined) =>
    span !== undefined && span.end - span.start <= PASTE_OWN_PARAGRAPH_MAX_CHARS;
  const first = own(paragraphs[0]) ? 1 : 0;
  const last = own(paragraphs.at(-1)) ? paragraphs.length - 1 : paragraphs.length;
  return paragraphs.slice(first, Math.max(first, last));
}

/**
 * Sentences: ended by ".", "!", "?" or "…" before a space, by a blank line, and by a line break
 * before a list item, a quote line, a fence, a speaker line or after a line ending in ":".
 * Other line breaks are soft wraps inside a sentence.
 */
export function sentenceSpans(text: string): Span[] {
  const breaks = new Set<number>();
  const lines = linesOf(text);
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index] as Line;
    const previous = lines[index - 1] as Line;
    if (
      isBlank(line) ||
      isBlank(previous) ||
      isListItem(line) ||
      isQuoteLine(line) ||
      isQuoteLine(previous) ||
      isFence(line) ||
      isFence(previous) ||
      isSpeakerLine(line) ||
      previous.text.trimEnd().endsWith(":")
    ) {
      breaks.add(line.start - 1);
    }
  }
  const spans: Span[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    if (breaks.has(index)) {
      spans.push({ start, end: index });
      start = index + 1;
      continue;
    }
    if (!SENTENCE_ENDS.has(text[index] ?? "")) continue;
    let end = index + 1;
    while (end < text.length && SENTENCE_ENDS.has(text[end] ?? "")) end += 1;
    const next = text[end];
    if (next === undefined || /\s/u.test(next)) {
      spans.push({ start, end });
      start = end;
    }
    index = end - 1;
  }
  spans.push({ start, end: text.length });
  return spans.filter((span) => text.slice(span.start, span.end).trim() !== "");
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function isInside(span: Span, spans: Span[]): boolean {
  return spans.some((other) => overlaps(span, other));
}
