/**
 * One reading of the user's message, shared by every item the write gate checks: its sentences
 * and clauses, which parts are someone else's text, where the user asks to remember or to
 * forget, whose fact each clause states and whether it is only pretend. Then `findQuote`
 * locates an item's `source_text` in it — word for word, forgiving case, spacing, Unicode
 * compatibility forms and curly quotes, nothing else.
 */
import { isInside, quotedSpans, type Span, sentenceSpans } from "./message-layout";
import { forgetRequests, rememberRequests } from "./requests";
import { pretenceAt, resetsPretence, type Subject, subjectOf, type Voice } from "./speaker";
import { type Word, wordsOf } from "./words";

/** Longer than any chat message: what is past it is not read at all. */
export const MAX_READ_CHARS = 20_000;

export type Clause = Span & {
  words: Word[];
  subject: Subject;
  /** Inside a hypothetical or a role-play: states nothing true. */
  pretend: boolean;
};

export type Sentence = Span & {
  clauses: Clause[];
  /** Message offsets of remember / forget requests in the user's own (unquoted) words. */
  rememberRequests: number[];
  forgetRequests: number[];
};

export type MessageReading = {
  text: string;
  /** Who wrote it: the user, or another assistant describing the user (an import). */
  voice: Voice;
  quoted: Span[];
  sentences: Sentence[];
  /** The folded text with whitespace runs collapsed, and each character's offset in `text`. */
  folded: string;
  foldedOffsets: number[];
};

/** Conjunctions that open a new clause ("I live in Bandung and work as a nurse"). */
const CLAUSE_WORDS = new Set(
  "and but while whereas although though dan tapi tetapi serta sedangkan namun padahal".split(" "),
);

export function readUserMessage(message: string, voice: Voice = "user"): MessageReading {
  const text = message.normalize("NFKC").slice(0, MAX_READ_CHARS);
  const quoted = quotedSpans(text);
  const pretence = { message: false };
  const sentences = sentenceSpans(text).map((span) =>
    readSentence(text, span, quoted, pretence, voice),
  );
  const { folded, offsets } = foldWithOffsets(text);
  return { text, voice, quoted, sentences, folded, foldedOffsets: offsets };
}

function readSentence(
  text: string,
  span: Span,
  quoted: Span[],
  pretence: { message: boolean },
  voice: Voice,
): Sentence {
  const sentenceText = text.slice(span.start, span.end);
  const words = wordsOf(sentenceText).map((word) => ({
    ...word,
    start: word.start + span.start,
    end: word.end + span.start,
  }));
  const own = words.filter((word) => !isInside(word, quoted));
  const context = {
    words: own,
    text: sentenceText,
    offset: span.start,
    question: endsWithQuestionMark(sentenceText),
  };

  const clauses: Clause[] = [];
  let sentencePretence = false;
  let previousSubject: Subject = "none";
  for (const clauseWords of splitClauses(text, words)) {
    const first = clauseWords[0] as Word;
    if (resetsPretence(first)) sentencePretence = false;
    const ownWords = clauseWords.filter((word) => !isInside(word, quoted));
    for (let index = 0; index < ownWords.length; index += 1) {
      const kind = pretenceAt(ownWords, index);
      if (kind === "message") pretence.message = true;
      if (kind === "sentence") sentencePretence = true;
    }
    let subject = subjectOf(clauseWords, text, voice);
    if (subject === "none") subject = previousSubject;
    previousSubject = subject;
    clauses.push({
      start: first.start,
      end: (clauseWords.at(-1) as Word).end,
      words: clauseWords,
      subject,
      pretend: sentencePretence || pretence.message,
    });
  }
  return {
    ...span,
    clauses,
    rememberRequests: rememberRequests(context),
    forgetRequests: forgetRequests(context),
  };
}

function endsWithQuestionMark(sentence: string): boolean {
  let end = sentence.length;
  while (end > 0 && /[\s"'”’)\]»]/u.test(sentence.charAt(end - 1))) end -= 1;
  return sentence.charAt(end - 1) === "?";
}

/** Words grouped into clauses: a new one after ",", ";", a dash, or at a conjunction. */
function splitClauses(text: string, words: Word[]): Word[][] {
  const clauses: Word[][] = [];
  let current: Word[] = [];
  for (const word of words) {
    const previous = current.at(-1);
    const gap = previous ? text.slice(previous.end, word.start) : "";
    if (previous && (/[,;—–]|\s-\s/u.test(gap) || CLAUSE_WORDS.has(word.text))) {
      clauses.push(current);
      current = [];
    }
    current.push(word);
  }
  if (current.length > 0) clauses.push(current);
  return clauses;
}

// ─── Finding a quote ─────────────────────────────────────────────────────────────────────────

const FOLDED_CHARS: Record<string, string> = {
  "‘": "'",
  "’": "'",
  "‚": "'",
  "‛": "'",
  "′": "'",
  "`": "'",
  "´": "'",
  ʼ: "'",
  "“": '"',
  "”": '"',
  "„": '"',
  "‟": '"',
  "″": '"',
  "«": '"',
  "»": '"',
  "‐": "-",
  "‑": "-",
  "‒": "-",
  "–": "-",
  "—": "-",
  "―": "-",
};

function foldChar(char: string): string {
  const mapped = FOLDED_CHARS[char];
  if (mapped) return mapped;
  const lower = char.toLowerCase();
  return lower.length === char.length ? lower : char;
}

/** Folded characters with whitespace runs collapsed to one space, and where each came from. */
function foldWithOffsets(text: string): { folded: string; offsets: number[] } {
  let folded = "";
  const offsets: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (/\s/u.test(char)) {
      if (folded.length === 0 || folded.endsWith(" ")) continue;
      folded += " ";
    } else {
      folded += foldChar(char);
    }
    offsets.push(index);
  }
  return { folded, offsets };
}

const isEdge = (char: string) => /[\s\p{P}]/u.test(char);
const isWordChar = (char: string) => char !== "" && /[\p{L}\p{N}\p{M}]/u.test(char);

/** The quote as the reader compares it; "" when it holds no letter or digit. */
export function foldQuote(quote: string): string {
  let { folded } = foldWithOffsets(quote.normalize("NFKC"));
  let start = 0;
  let end = folded.length;
  while (start < end && isEdge(folded.charAt(start))) start += 1;
  while (end > start && isEdge(folded.charAt(end - 1))) end -= 1;
  folded = folded.slice(start, end);
  return /[\p{L}\p{N}]/u.test(folded) ? folded : "";
}

/** Every place the quote occurs in the message as whole words, as spans of `reading.text`. */
export function findQuote(reading: MessageReading, quote: string): Span[] {
  const needle = foldQuote(quote);
  if (needle === "") return [];
  const spans: Span[] = [];
  for (
    let at = reading.folded.indexOf(needle);
    at !== -1;
    at = reading.folded.indexOf(needle, at + 1)
  ) {
    const start = reading.foldedOffsets[at] as number;
    const end = (reading.foldedOffsets[at + needle.length - 1] as number) + 1;
    const wholeWords =
      !(isWordChar(needle.charAt(0)) && isWordChar(reading.text.charAt(start - 1))) &&
      !(isWordChar(needle.charAt(needle.length - 1)) && isWordChar(reading.text.charAt(end)));
    if (wholeWords) spans.push({ start, end });
  }
  return spans;
}

/** True when the quote occurs in the user's message as whole words. */
export function occursInUserMessage(quote: string, userMessage: string): boolean {
  return findQuote(readUserMessage(userMessage), quote).length > 0;
}
