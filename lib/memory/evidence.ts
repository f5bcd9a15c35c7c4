/**
 * Evidence: a memory about the user must quote the user. `source_text` has to occur in the
 * user's own message of that turn — what only the assistant said, or what the model invented,
 * never becomes a memory (SPEC §5). The comparison forgives case, whitespace runs, Unicode
 * compatibility forms and curly vs straight quotes, nothing else.
 */

const SINGLE_QUOTES = /[‘’‚‛′`´ʼ]/gu;
const DOUBLE_QUOTES = /[“”„‟″«»]/gu;
const DASHES = /[‐‑‒–—―]/gu;
/** Leading or trailing punctuation of the quote itself ("…Jakarta." vs "…Jakarta!"). */
const EDGE_PUNCTUATION = /^[\s\p{P}]+|[\s\p{P}]+$/gu;

/** Case-, whitespace-, quote- and width-insensitive form used for containment checks. */
export function foldForMatching(text: string): string {
  return text
    .normalize("NFKC")
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, "-")
    .toLowerCase()
    .replace(/\s+/gu, " ")
    .trim();
}

/**
 * True when the quote occurs in the user's message. A quote with no letter or digit (empty,
 * only punctuation) proves nothing and is refused.
 */
export function occursInUserMessage(sourceText: string, userMessage: string): boolean {
  const quote = foldForMatching(sourceText).replace(EDGE_PUNCTUATION, "");
  if (!/[\p{L}\p{N}]/u.test(quote)) return false;
  return foldForMatching(userMessage).includes(quote);
}
