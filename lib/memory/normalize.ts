/**
 * Normalisation of what identifies a memory. The conflict key is (user, category, topic_key), so
 * "My job", "job " and "the Job!" must land on the same key; `sameContent` decides whether an
 * observation says nothing new about a key. Pure functions, no database.
 */

const LEADING_ARTICLES = new Set(["the", "a", "an", "my"]);
/** Apostrophes vanish ("mom's" → "moms") rather than splitting a word in two. */
const APOSTROPHES = /['’‘`´ʼ]/gu;
/** Punctuation becomes a space; "#" is kept after a letter so "C#" and "C" stay apart. */
const PUNCTUATION = /(?!(?<=\p{L})#)[\p{P}]/gu;
/** Symbols that are not part of a word ("→", "★", "|"); "+" survives for "c++". */
const STRAY_SYMBOLS = /(?![+])[\p{S}]/gu;

function basicFold(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/** Lower-case, NFKC, punctuation stripped, whitespace collapsed, leading articles dropped. */
export function topicKey(topic: string): string {
  const words = basicFold(topic)
    .replace(APOSTROPHES, "")
    .replace(PUNCTUATION, " ")
    .replace(STRAY_SYMBOLS, " ")
    .split(" ")
    .filter((word) => word.length > 0);
  let start = 0;
  // "the" alone stays "the": a key is never empty when the topic had words.
  while (start < words.length - 1 && LEADING_ARTICLES.has(words[start] ?? "")) start += 1;
  return words.slice(start).join(" ");
}

/** Categories are lower-case words; a missing one is "other". */
export function normalizeCategory(category: string): string {
  const folded = basicFold(category);
  return folded.length > 0 ? folded : "other";
}

/** The topic as shown to the user: trimmed, single spaces, otherwise as written. */
export function cleanTopic(topic: string): string {
  return topic.normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/** The detail as stored: trimmed, single spaces. */
export function cleanDetail(detail: string): string {
  return detail.normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/** Two statements about one key say the same thing: same type and the same normalised detail. */
export function sameContent(
  a: { type: string; detail: string },
  b: { type: string; detail: string },
): boolean {
  return a.type === b.type && topicKey(a.detail) === topicKey(b.detail);
}
