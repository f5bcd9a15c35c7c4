/**
 * Words, for the write gate: how text is cut into words, which words carry content, when two
 * words are one word inflected (English and Indonesian), and when a phrase is negative. Word
 * lists are data; the only patterns are single-pass scans with one quantifier each.
 */

export type Word = { text: string; start: number; end: number };

/** A word starts with a letter or digit and may continue with apostrophes and hyphens. */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’ʼ-]*/gu;
const TRAILING_MARKS = "'’ʼ-";
const CURLY_APOSTROPHES = /[’‘`´ʼ]/gu;

/** The words of `text` (lower-case, straight apostrophes) with their offsets in it. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    let length = match[0].length;
    while (TRAILING_MARKS.includes(match[0].charAt(length - 1))) length -= 1;
    const raw = match[0].slice(0, length);
    words.push({
      text: raw.replace(CURLY_APOSTROPHES, "'").toLowerCase(),
      start: match.index,
      end: match.index + raw.length,
    });
  }
  return words;
}

const list = (words: string) => new Set(words.split(/\s+/u).filter(Boolean));

/** Function words of English and Indonesian: they prove nothing on their own. */
export const STOP_WORDS = list(`
  a an the of to in on at for with and or but as by about into onto from than then so that this
  these those there here it its it's i i'm im i've i'd i'll me my mine myself we we're our us you
  your you're he she his her they them their be am is are was were been being do does did have
  has had will would shall should can could may might must just also too very really quite some
  any all each every please pls plz yes oh ok okay well hey hi hello like now still even only
  what which who whom whose when where why how if while because since until though although yet
  not no never nor dont don't
  yang di ke dari dan atau tapi tetapi itu ini saya aku gue gw kamu anda kami kita dengan untuk
  pada dalam juga sudah akan ya sih dong kok lah nya sangat banget sekali adalah ialah bahwa
  karena kalau jika agar supaya oleh para si sang se pun lagi masih belum tidak tak bukan
  nggak gak enggak jangan mau bisa harus sedang lagi telah pernah tolong mohon
`);

/**
 * Words a `detail` may add around the quoted facts — how a memory is phrased ("works as",
 * "lives in", "loves", "bekerja sebagai") — so "I'm a nurse" grounds "works as a nurse". They
 * never carry the fact itself: places, things, people and numbers must be in the quote.
 */
export const FRAMING_WORDS = list(`
  user user's works work working worked lives live living lived likes like liked loves love
  loved enjoys enjoy prefers prefer wants want wanted plans plan hopes hope dislikes dislike hates
  hate avoids avoid has have owns own uses use speaks speak knows know learns learn learning
  studies study studying called named is currently based originally goes go plays play doing
  does feels feel wishes interested into fan favourite favorite
  pengguna bekerja kerja tinggal suka menyukai senang ingin pengen punya memiliki mempunyai
  bernama dari berasal asal seorang sebagai sedang belajar mempelajari benci membenci berbicara
  bahasa hobi favorit gemar
`);

/** The words of a remember or forget request: a quote of only these proves nothing. */
export const REQUEST_WORDS = list(`
  remember forget keep mind note save store memorize memorise delete erase remove
  ingat ingatlah diingat lupakan lupakanlah lupain lupa catat catatlah simpan hapus hapuskan
`);

const NEGATIONS = list(`
  not no never nothing none neither nor cannot cant can't dont don't doesnt doesn't didnt didn't
  wont won't isnt isn't arent aren't wasnt wasn't hate hates hated dislike dislikes disliked
  detest detests loathe loathes avoid avoids
  tidak tak bukan nggak ngga gak enggak belum jangan benci membenci anti kurang
`);

/** True when the phrase says no: a negation or a verb of dislike ("don't", "hate", "tidak"). */
export function isNegative(words: Word[]): boolean {
  return words.some((word) => NEGATIONS.has(word.text) || word.text.endsWith("n't"));
}

/** Words that carry content: not function words, not request words. */
export function contentWords(words: Word[]): Word[] {
  return words.filter((word) => !STOP_WORDS.has(word.text) && !REQUEST_WORDS.has(word.text));
}

/** Content words a detail must find in its quote: framing words are free. */
export function factWords(words: Word[]): Word[] {
  return contentWords(words).filter((word) => !FRAMING_WORDS.has(word.text));
}

// ─── Inflection ──────────────────────────────────────────────────────────────────────────────

const EN_SUFFIXES: [string, string][] = [
  ["ies", "y"],
  ["ied", "y"],
  ["ing", ""],
  ["ed", ""],
  ["es", ""],
  ["s", ""],
  ["'s", ""],
  ["e", ""],
];
/** Indonesian prefixes, with the first letter they swallow (menulis ← tulis, menyukai ← suka). */
const ID_PREFIXES: [string, string[]][] = [
  ["meng", ["", "k"]],
  ["meny", ["s"]],
  ["mem", ["", "p"]],
  ["men", ["", "t"]],
  ["me", [""]],
  ["peng", ["", "k"]],
  ["peny", ["s"]],
  ["pem", ["", "p"]],
  ["pen", ["", "t"]],
  ["pe", [""]],
  ["ber", [""]],
  ["be", [""]],
  ["ter", [""]],
  ["di", [""]],
  ["ke", [""]],
];
const ID_SUFFIXES = ["kan", "an", "i", "nya", "lah", "kah", "ku", "mu"];
const MIN_STEM = 3;

/** The forms a word may be an inflection of: itself, minus English suffixes or Indonesian affixes. */
export function stemsOf(word: string): Set<string> {
  const stems = new Set([word]);
  for (const [suffix, replacement] of EN_SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) {
      stems.add(word.slice(0, -suffix.length) + replacement);
    }
  }
  const bases = [word];
  for (const [prefix, restorations] of ID_PREFIXES) {
    if (!word.startsWith(prefix) || word.length - prefix.length < MIN_STEM) continue;
    for (const letter of restorations) bases.push(letter + word.slice(prefix.length));
  }
  for (const base of bases) {
    stems.add(base);
    for (const suffix of ID_SUFFIXES) {
      if (base.endsWith(suffix) && base.length - suffix.length >= MIN_STEM) {
        stems.add(base.slice(0, -suffix.length));
      }
    }
  }
  return stems;
}

const MIN_SHARED_PREFIX = 5;

/**
 * True when two words are the same word inflected: a shared stem ("lives"/"living",
 * "menyukai"/"suka"), or a long shared beginning ("biologist"/"biology"). Short words must
 * match exactly, so "Bandung" never grounds "Bandar".
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const stemsA = stemsOf(a);
  for (const stem of stemsOf(b)) if (stemsA.has(stem)) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < MIN_SHARED_PREFIX) return false;
  let shared = 0;
  while (shared < shorter && a[shared] === b[shared]) shared += 1;
  return shared >= Math.max(MIN_SHARED_PREFIX, shorter - 2);
}

/** True when `word` occurs among `words`, inflections allowed. */
export function hasWord(words: Word[], word: string): boolean {
  return words.some((candidate) => sameWord(candidate.text, word));
}
