/**
 * The words of the latest message that prompt selection searches memories for. Postgres stems
 * each form with the `simple`, `english` and `indonesian` configurations (see the memories'
 * search_vector); the forms added here cover what the Indonesian snowball stemmer cannot undo
 * on its own: "kerjaan" (it strips "ke-", leaving "rjaan", so "kerja" is added) and the
 * nasal / ber- prefixes that fuse with the root ("renang" → "berenang", "masak" → "memasak"),
 * whose stems it gets wrong in the memory ("berenang" → "enang"): the query carries the
 * affixed form, so both sides are stemmed the same way.
 */
import { stemsOf } from "./words";

const MAX_SEARCH_WORDS = 24;
/** Bounds the query's size (and so the cost of matching and ranking each memory). */
const MAX_SEARCH_FORMS = 96;
const MIN_FORM_LENGTH = 3;
/** Affixed forms are made only from roots at least this long ("makan", not "ke"). */
const MIN_AFFIX_ROOT = 4;

const STOP_WORDS = new Set(
  (
    "or and the a an of to in on at for with from by is are was were be been am do does did " +
    "i me my mine you your we our they them he she it its this that these those what which who " +
    "how why when where there here can could would should will shall may might must not no yes " +
    "just about as if so but than then too very really please thanks thank hi hello hey ok okay " +
    "tell know think want like get got have has had any some all more most much many " +
    "saya aku kamu anda yang dan di ke dari ini itu apa ada untuk dengan tidak bisa juga akan " +
    "sudah belum dia mereka kami kita nya lah kah pun atau tapi jadi karena kalau ya"
  ).split(" "),
);

/** The message's distinct words (letters and digits only), without stop words. */
export function searchWords(message: string): string[] {
  const words =
    message
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words.filter((word) => word.length >= 2 && !STOP_WORDS.has(word)))];
  return unique.slice(0, MAX_SEARCH_WORDS);
}

/** The Indonesian ber- and meN- forms of a root: "renang" → "berenang", "masak" → "memasak". */
export function affixedForms(root: string): string[] {
  if (root.length < MIN_AFFIX_ROOT || !/^\p{Ll}+$/u.test(root)) return [];
  const first = root.charAt(0);
  const rest = root.slice(1);
  const ber = first === "r" ? `be${root}` : `ber${root}`;
  let men: string;
  if ("aiueogh".includes(first)) men = `meng${root}`;
  else if (first === "k") men = `meng${rest}`;
  else if (first === "p") men = `mem${rest}`;
  else if ("bfv".includes(first)) men = `mem${root}`;
  else if (first === "t") men = `men${rest}`;
  else if ("dcjz".includes(first)) men = `men${root}`;
  else if (first === "s") men = `meny${rest}`;
  else men = `me${root}`;
  return [ber, men];
}

/**
 * The forms to search for, as space-separated words: each word of the message first, then
 * its candidate roots (inflection removed), then their affixed forms — until the cap.
 */
export function searchForms(message: string): string {
  const words = searchWords(message);
  const forms = new Set(words);
  const add = (form: string) => {
    if (forms.size < MAX_SEARCH_FORMS && form.length >= MIN_FORM_LENGTH) forms.add(form);
  };
  const rootsOfWords = words.map((word) => [...stemsOf(word)]);
  for (const roots of rootsOfWords) for (const root of roots) add(root);
  for (const roots of rootsOfWords) {
    for (const root of roots) for (const form of affixedForms(root)) add(form);
  }
  return [...forms].join(" ");
}
