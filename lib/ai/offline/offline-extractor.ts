/**
 * The offline model's extractor: a small, deterministic stand-in for the extraction LLM that
 * recognises common first-person statements in English and Indonesian and returns the same
 * `ExtractionOutput` a real model would, so the whole memory pipeline runs without an API key.
 *
 * It reads the message the way the write gate does (lib/memory/reading.ts) and keeps to the
 * gate's rules, so it never offers what the gate would refuse: only the first KB of the message
 * is read; questions, secrets, quoted or pasted text, hypotheticals, role-play and other people's
 * facts yield nothing; `source_text` is the user's clause, `detail` uses its words; explicit only
 * in a sentence with "remember…/ingat…", forget only in one with "forget…/lupakan…".
 *
 * A clause matches a rule of RULE_TABLE (offline-words.ts) when it opens with one of the rule's
 * phrases, word by word — adverbs like "really" or "juga" may stand between: "I work as a nurse"
 * → work/job "works as a nurse".
 * A clause without a subject continues the previous one ("… and work as a nurse"), and a bare
 * fragment after a list rule is one more item ("I love sushi, ramen and tempura"). Topics of
 * fixed slots are English words (job, employer, city, hometown, allergy, diet, name, career…);
 * other topics are the thing itself, its category guessed from a keyword table.
 */
import type { ExtractionOutput, Forget, Preference } from "@/lib/memory/extraction-schema";
import { isInside, type Span } from "@/lib/memory/message-layout";
import { type Clause, readUserMessage } from "@/lib/memory/reading";
import { looksLikeSecret } from "@/lib/memory/secrets";
import type { MemoryType } from "@/lib/memory/vocabulary";
import {
  CATEGORY_WORDS,
  FAMILY_NOUNS,
  FAVOURITE_CATEGORIES,
  FORGET_SLOTS,
  JOB_STOP,
  OBJECT_STOP,
  RULE_TABLE,
} from "./offline-words";

/** The offline model reads this much of a message; the rest is not scanned at all. */
export const MAX_SCAN_CHARS = 4000;
const INFERRED = 0.9;
const IMPLIED = 0.8;

type Lang = "en" | "id";
type Token = { w: string; start: number; end: number };
type Slot = {
  type: MemoryType;
  category: string;
  topic: string;
  detail: string;
  confidence?: number;
};
/** What follows a rule's phrase: its text as written, and its words. */
type Thing = { text: string; tokens: Token[] };
/** Builds the slots of one match: `detail` is the rule's detail with {x} and friends filled in. */
type Build = (x: Thing, opener: string, detail: (x: Thing) => string) => Slot[] | null;
type Rule = {
  lang: Lang;
  phrases: string[][];
  list: boolean;
  build: (x: Thing, opener: string) => Slot[] | null;
};

const set = (words: string) => new Set(words.trim().split(/\s+/u));

// ─── Builders ────────────────────────────────────────────────────────────────────────────────

const slot = (type: MemoryType, category: string, topic: string, detail: string): Slot[] => [
  { type, category, topic, detail },
];

/** A statement about a thing: the topic is the thing, the category guessed unless given. */
function about(type: MemoryType, x: Thing, detail: string, category?: string): Slot[] | null {
  const topic = thingTopic(x.tokens);
  return topic ? slot(type, category ?? guessCategory(topic), topic, detail) : null;
}

const STUDENTS = set("student pelajar mahasiswa mahasiswi siswa murid");
const NUMBERS = set(
  "a an one two three four five six seven eight nine ten satu dua tiga empat lima seorang seekor sebuah 1 2 3 4 5 6 7 8 9 10",
);
const DIETS = set("vegetarian vegan pescatarian");
const MARITAL = set("married engaged single divorced widowed menikah lajang bercerai");
const LANGUAGE_FILLER = set("a little bit of some basic fluent bahasa");
const JOY = set("sekali banget bisa hari karena bertemu mendengar");
const FIRST_PERSON = set("i me my mine saya ku");

/** "marine biologist in Bandung": a capitalised place after "in"/"di" is also the city. */
const job: Build = (x, opener) => {
  const words = x.tokens;
  const last = words.at(-1)?.w ?? "";
  if (words.length > 6 || JOB_STOP.has(words[0]?.w ?? "") || last === "person" || last === "fan") {
    return null;
  }
  const english = !opener.startsWith("saya");
  const at = words.findIndex((word, index) => index > 0 && (word.w === "in" || word.w === "di"));
  const place = at > 0 ? words.slice(at + 1) : [];
  const isPlace = place.length > 0 && place.every((word) => isCapitalised(x, word));
  const end = (isPlace ? (words[at - 1] as Token) : (words.at(-1) as Token)).end;
  const jobText = x.text.slice(0, end - (words[0] as Token).start);
  const verb = words.some((word) => STUDENTS.has(word.w))
    ? english
      ? "is"
      : "seorang"
    : english
      ? "works as"
      : "bekerja sebagai";
  const slots = slot(
    "fact",
    "work",
    "job",
    `${verb} ${english ? articleOf(opener) : ""}${jobText}`,
  );
  if (isPlace) {
    const city = x.text.slice((place[0] as Token).start - (words[0] as Token).start);
    const detail = english ? `lives in ${city}` : `tinggal di ${city}`;
    slots.push({ type: "fact", category: "location", topic: "city", detail, confidence: IMPLIED });
  }
  return slots;
};

/** Only these words: "I'm vegan", "saya belum menikah". */
const oneOf =
  (words: Set<string>, category: string, topic: string): Build =>
  (x, _opener, detail) =>
    x.tokens.length === 1 && words.has(x.tokens[0]?.w ?? "")
      ? slot("fact", category, topic, detail(x))
      : null;

const BUILDERS: Record<string, Build> = {
  "@job": job,
  "@diet": oneOf(DIETS, "food", "diet"),
  "@marital": oneOf(MARITAL, "family", "marital status"),
  // "go to bed" is no travel plan: a bare "go to"/"ke" needs a capitalised place.
  "@travel": (x, opener, detail) =>
    ["go to", "pergi ke", "ingin ke", "mau ke"].some((end) => opener.endsWith(end)) &&
    !isCapitalised(x, x.tokens[0])
      ? null
      : about("goal", x, detail(x), "travel"),
  "@language": (x, _opener, detail) => {
    let start = 0;
    while (LANGUAGE_FILLER.has(x.tokens[start]?.w ?? "")) start += 1;
    const topic = thingTopic(x.tokens.slice(start));
    return topic ? slot("fact", "language", topic, detail(x)) : null;
  },
  "@family": (x, _opener, detail) => {
    const noun = x.tokens.slice(1).find((word) => FAMILY_NOUNS[word.w]);
    if (!noun || !NUMBERS.has(x.tokens[0]?.w ?? "")) return null;
    return slot("fact", "family", FAMILY_NOUNS[noun.w] as string, detail(x));
  },
  // "my favourite food is rendang", "makanan favorit saya (adalah) rendang"
  "@favourite": (x, opener, detail) => {
    const english = opener.startsWith("my");
    const verb = english
      ? x.tokens.findIndex((token) => token.w === "is" || token.w === "are")
      : -1;
    if (english && verb < 1) return null;
    const skip = english ? verb + 1 : x.tokens[0]?.w === "adalah" ? 1 : 0;
    const y = tail(x, skip);
    const what = english
      ? x.tokens
          .slice(0, verb)
          .map((token) => token.w)
          .join(" ")
      : (opener.split(" ")[0] ?? "");
    if (!y) return null;
    const category = what
      .split(" ")
      .map((word) => FAVOURITE_CATEGORIES[word])
      .find(Boolean);
    return about("interest", y, detail(y).replace("{what}", what), category);
  },
  "@name": (x, _opener, detail) =>
    isCapitalised(x, x.tokens[0]) ? slot("fact", "other", "name", detail(x)) : null,
};

/** A rule of the table that stores `type category topic` with its detail template. */
function simple(target: string): Build {
  const [type, category, topic] = target.split(" ") as [MemoryType, string, string];
  return (x, opener, detail) => {
    // "saya senang sekali hari ini" is joy, not a hobby.
    if (opener.endsWith("senang") && JOY.has(x.tokens[0]?.w ?? "")) return null;
    const chosen =
      category === "?" ? undefined : category === "build" ? buildCategory(x) : category;
    if (topic === "thing") return about(type, x, detail(x), chosen);
    return slot(type, category, topic, detail(x));
  };
}

function parseRules(table: string): Rule[] {
  return table
    .trim()
    .split("\n")
    .map((row) => {
      const [lang, target, template, flags, openers] = row.split("|").map((cell) => cell.trim());
      const build = BUILDERS[target ?? ""] ?? simple(target ?? "");
      return {
        lang: lang as Lang,
        list: flags === "list",
        phrases: (openers ?? "").split(";").map((phrase) => phrase.trim().split(" ")),
        build: (x: Thing, opener: string) =>
          build(x, opener, (y) => fill(template ?? "", opener, y.text)),
      };
    });
}

/** The detail template with {x}, {last}, {w1}, {w2} and {art} filled in. */
function fill(template: string, opener: string, x: string): string {
  const words = opener.split(" ");
  return template
    .replace("{x}", x)
    .replace("{last}", words.at(-1) ?? "")
    .replace("{w1}", words.slice(1).join(" "))
    .replace("{w2}", words.slice(2).join(" "))
    .replace("{art}", articleOf(opener))
    .trim();
}

/** The words of `x` from the `from`-th on, as written. */
function tail(x: Thing, from: number): Thing | null {
  const first = x.tokens[from];
  if (!first) return null;
  return {
    text: x.text.slice(first.start - (x.tokens[0] as Token).start),
    tokens: x.tokens.slice(from),
  };
}

const RULES = parseRules(RULE_TABLE);

const articleOf = (opener: string) => {
  const last = opener.split(" ").at(-1);
  return last === "a" || last === "an" ? `${last} ` : "";
};

// ─── Words of a clause ───────────────────────────────────────────────────────────────────────

/** Contractions spelt out and "aku"/"gue" as "saya", so one phrase covers every spelling. */
const SPELLED_OUT: Record<string, string[]> = {
  "i'm": ["i", "am"],
  im: ["i", "am"],
  "i've": ["i", "have"],
  "i'd": ["i", "would"],
  "i'll": ["i", "will"],
  "don't": ["do", "not"],
  dont: ["do", "not"],
  "can't": ["can", "not"],
  cannot: ["can", "not"],
  "name's": ["name's"],
  wanna: ["want", "to"],
  aku: ["saya"],
  gue: ["saya"],
  gw: ["saya"],
};
const ADVERBS = set(
  "really also just currently now still absolutely truly totally actually recently very so originally juga sangat sekarang masih sudah memang benar-benar baru",
);
const OPENERS = set(
  "and also so but plus then oh well btw anyway actually please pls kindly dan juga terus lalu tapi tetapi jadi nah tolong mohon",
);
/** Not part of the quote: "and", "also"… (but "please" is the user's words of a request). */
const FILLERS = set(
  "and also so but plus then oh well btw anyway dan juga terus lalu tapi tetapi jadi nah",
);
const REQUEST_OPENERS = [
  "remember that; remember; please remember that; please remember; don't forget that",
  "do not forget that; keep in mind that; keep in mind; can you remember that; forget that",
  "could you remember that; forget about; forget; please forget; ingat bahwa; ingatlah; ingat",
  "tolong ingat bahwa; tolong ingat; jangan lupa bahwa; catat bahwa; lupakan bahwa; lupakan",
  "lupakan tentang; tolong lupakan bahwa; tolong lupakan",
]
  .join("; ")
  .split("; ")
  .map((phrase) => phrase.split(" ").flatMap((word) => SPELLED_OUT[word] ?? [word]));

/** The clause's words; "Node.js", "C++" and "C#" stay one word each. */
function tokensOf(message: string, clause: Clause): Token[] {
  const words: Token[] = [];
  for (const word of clause.words) {
    let end = word.end;
    while (end < clause.end && "+#".includes(message.charAt(end))) end += 1;
    const previous = words.at(-1);
    if (previous && message.slice(previous.end, word.start) === ".") {
      previous.end = end;
      previous.w = message.slice(previous.start, end).toLowerCase();
      continue;
    }
    words.push({ w: word.text + message.slice(word.end, end), start: word.start, end });
  }
  return words.flatMap((token) =>
    (SPELLED_OUT[token.w] ?? [token.w]).map((w) => ({ w, start: token.start, end: token.end })),
  );
}

/** Where the rule's phrase ends in `tokens`, adverbs allowed between its words; -1 if it doesn't. */
function matchPhrase(tokens: Token[], phrase: string[], from = 0): number {
  let at = from;
  for (const [index, word] of phrase.entries()) {
    while (index > 0 && tokens[at]?.w !== word && ADVERBS.has(tokens[at]?.w ?? "")) at += 1;
    if (tokens[at]?.w !== word) return -1;
    at += 1;
  }
  return at;
}

/** Skips fillers and a leading "remember that" / "lupakan…" — the statement starts after. */
function statementStart(tokens: Token[]): number {
  let at = 0;
  while (OPENERS.has(tokens[at]?.w ?? "")) at += 1;
  const request = Math.max(...REQUEST_OPENERS.map((phrase) => matchPhrase(tokens, phrase, at)));
  if (request > 0) at = request;
  while (OPENERS.has(tokens[at]?.w ?? "")) at += 1;
  return at;
}

const TRAILING = set(
  "too now please recently lol sekarang juga sekali banget lho loh ya deh kok dong again",
);
const TRAILING_PAIRS = [
  "as well",
  "a lot",
  "very much",
  "so much",
  "these days",
  "right now",
  "last year",
  "last month",
  "last week",
  "tahun lalu",
  "bulan lalu",
  "minggu lalu",
  "baru-baru ini",
];

/** The object as the user wrote it, without trailing fillers ("too", "last year", "sekarang"). */
function thingOf(message: string, tokens: Token[], clauseEnd: number): Thing | null {
  let words = tokens;
  for (;;) {
    const last = words.at(-1)?.w ?? "";
    const pair = `${words.at(-2)?.w} ${last}`;
    if (TRAILING_PAIRS.includes(pair)) words = words.slice(0, -2);
    else if (last === "ago" && words.length > 3) words = words.slice(0, -3);
    else if (["since", "sejak"].includes(words.at(-2)?.w ?? "")) words = words.slice(0, -2);
    else if (TRAILING.has(last) && words.length > 1) words = words.slice(0, -1);
    else break;
  }
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last || words.length > 12 || OBJECT_STOP.has(first.w)) return null;
  const end = words === tokens ? clauseEnd : last.end;
  return { text: trimEdges(message.slice(first.start, end)), tokens: words };
}

function trimEdges(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && /["'“‘*_(]/u.test(text.charAt(start))) start += 1;
  while (end > start && /["'”’*_).,!?;:…\s]/u.test(text.charAt(end - 1))) end -= 1;
  return text.slice(start, end);
}

function isCapitalised(x: Thing, token: Token | undefined): boolean {
  if (!token) return false;
  const offset = token.start - (x.tokens[0] as Token).start;
  const char = x.text.charAt(offset);
  return char !== char.toLowerCase();
}

// ─── Topics and categories ───────────────────────────────────────────────────────────────────

const ARTICLES = set("a an the some any all sebuah seorang seekor para");
const TOPIC_CUTS = set(
  "from with at in on for when because since during while karena di dari dengan yang saat ketika untuk pada",
);

/** "the spicy food from Padang" → "spicy food": lower-case, no article, at most four words. */
function thingTopic(tokens: Token[]): string {
  const words = tokens.map((token) => token.w);
  let start = 0;
  if (words[0] === "how" && words[1] === "to") start = 2;
  else if (words[0] === "to") start = 1;
  while (ARTICLES.has(words[start] ?? "")) start += 1;
  const topic: string[] = [];
  for (const word of words.slice(start)) {
    if (TOPIC_CUTS.has(word) || topic.length === 4) break;
    topic.push(word);
  }
  return topic.join(" ");
}

/** A small keyword table; anything unknown is "other" rather than a wrong guess. */
export function guessCategory(topic: string): string {
  const words = topic.toLowerCase().split(/\s+/u);
  const padded = ` ${words.join(" ")} `;
  if (words.length === 1 && ["go", "c", "r"].includes(words[0] ?? "")) return "tech";
  const hit = CATEGORY_WORDS.find(([, keywords]) =>
    keywords.some((keyword) => padded.includes(` ${keyword} `)),
  );
  return hit?.[0] ?? "other";
}

const BUILD_TECH = set(
  "app apps website web game bot api startup software tool library compiler plugin extension aplikasi situs program",
);

function buildCategory(x: Thing): string {
  return x.tokens.some((token) => BUILD_TECH.has(token.w))
    ? "tech"
    : guessCategory(thingTopic(x.tokens));
}

// ─── Reading a message ──────────────────────────────────────────────────────────────────────

type Match = { rule: Rule; slots: Slot[]; opener: string };
type Found = { slot: Slot; span: Span; explicit: boolean };
type ForgetFound = { category: string; topic: string; span: Span };
type SentenceState = { head: { match: Match; start: number } | null; last: Found | null };

const QUESTION_WORDS = set(
  "do does did am is are was were can could would will should what who where when why how which apa apakah siapa dimana kapan mengapa kenapa bagaimana gimana berapa bisakah bolehkah",
);
const PRONOUNS = set(
  "i me my you your he she his her they them their we our it saya kamu anda dia mereka kami kita",
);

function matchRules(message: string, tokens: Token[], clauseEnd: number): Match | null {
  for (const rule of RULES) {
    for (const phrase of rule.phrases) {
      const end = matchPhrase(tokens, phrase);
      if (end === -1 || end >= tokens.length) continue;
      const x = thingOf(message, tokens.slice(end), clauseEnd);
      const slots = x ? rule.build(x, phrase.join(" ")) : null;
      if (slots && slots.length > 0) return { rule, slots, opener: phrase.join(" ") };
    }
  }
  return null;
}

export function extractOffline(userMessage: string): ExtractionOutput {
  const message = userMessage.slice(0, MAX_SCAN_CHARS);
  const reading = readUserMessage(message);
  const found: Found[] = [];
  const forgets: ForgetFound[] = [];
  for (const sentence of reading.sentences) {
    const text = reading.text.slice(sentence.start, sentence.end);
    if (looksLikeSecret(text)) continue;
    const remember = sentence.rememberRequests.length > 0;
    const forgetFrom = sentence.forgetRequests[0] ?? Number.POSITIVE_INFINITY;
    const first = sentence.clauses[0]?.words[0]?.text ?? "";
    const asks = text.trimEnd().endsWith("?") || QUESTION_WORDS.has(first);
    if (asks && !remember && forgetFrom === Number.POSITIVE_INFINITY) continue;
    const state: SentenceState = { head: null, last: null };
    for (const clause of sentence.clauses) {
      if (clause.pretend || clause.subject === "other" || isInside(clause, reading.quoted)) {
        state.head = null;
        continue;
      }
      const forget = clause.end > forgetFrom && !remember;
      const mode = forget ? "forget" : remember ? "remember" : "statement";
      readClause(reading.text, clause, state, mode, found, forgets);
    }
  }
  return {
    preferences: toPreferences(reading.text, found),
    forget: toForgets(reading.text, forgets),
  };
}

function readClause(
  message: string,
  clause: Clause,
  state: SentenceState,
  mode: "statement" | "remember" | "forget",
  found: Found[],
  forgets: ForgetFound[],
): void {
  const all = tokensOf(message, clause);
  let opened = 0;
  while (FILLERS.has(all[opened]?.w ?? "")) opened += 1;
  const tokens = all.slice(statementStart(all));
  if (tokens.length === 0) return;
  const spanStart = (all[opened] as Token).start;
  let match = matchRules(message, tokens, clause.end);
  let start = spanStart;
  let listItem = false;
  if (!match && state.head) {
    // "… and work as a nurse": the previous clause's subject carries over.
    const subject = state.head.match.rule.lang === "en" ? "i" : "saya";
    match = matchRules(message, [{ w: subject, start: -1, end: -1 }, ...tokens], clause.end);
    if (match) start = state.head.start;
    else if (state.head.match.rule.list && isBare(tokens)) {
      const x = thingOf(message, tokens, clause.end);
      const slots = x ? state.head.match.rule.build(x, state.head.match.opener) : null;
      if (slots) {
        match = { ...state.head.match, slots };
        start = state.head.start;
        listItem = true;
      }
    }
  }
  const span = { start, end: clause.end };
  if (!match) {
    readUnmatched(message, tokens, { clause, span, mode }, state, found, forgets);
    state.head = null;
    return;
  }
  if (!listItem) state.head = { match, start };
  for (const item of match.slots) {
    if (mode === "forget") forgets.push({ category: item.category, topic: item.topic, span });
    else {
      state.last = { slot: item, span, explicit: mode === "remember" };
      found.push(state.last);
    }
  }
}

/** A short fragment with no subject of its own: "ramen" in "I love sushi and ramen". */
function isBare(tokens: Token[]): boolean {
  return (
    tokens.length <= 4 &&
    !tokens.some((token) => PRONOUNS.has(token.w)) &&
    !["please", "never", "not", "no", "jangan", "tidak"].includes(tokens[0]?.w ?? "")
  );
}

/** A clause no rule knows: it completes the previous statement, names what to forget, or is a note. */
function readUnmatched(
  message: string,
  tokens: Token[],
  { clause, span, mode }: { clause: Clause; span: Span; mode: "statement" | "remember" | "forget" },
  state: SentenceState,
  found: Found[],
  forgets: ForgetFound[],
): void {
  const { last } = state;
  const joined = clause.words[0]?.text === "and" || clause.words[0]?.text === "dan";
  const capitalised = tokens.every((token) => /\p{Lu}/u.test(message.charAt(token.start)));
  if (mode !== "forget" && last && isBare(tokens) && (joined || capitalised)) {
    // "allergic to peanuts and shellfish", "lives in Bandung, Indonesia"
    last.slot = {
      ...last.slot,
      detail: last.slot.detail + message.slice(last.span.end, clause.end),
    };
    last.span = { ...last.span, end: clause.end };
    return;
  }
  state.last = null;
  if (mode === "forget") {
    const target = forgetTarget(tokens);
    if (target) forgets.push({ ...target, span });
  } else if (
    mode === "remember" &&
    tokens.length >= 2 &&
    tokens.some((token) => FIRST_PERSON.has(token.w))
  ) {
    // "Remember that my birthday is on May 5" still deserves a note.
    const words = tokens[0]?.w === "my" || tokens[0]?.w === "i" ? tokens.slice(1) : tokens;
    const verb = words.findIndex((token) =>
      ["is", "are", "was", "adalah", "ialah"].includes(token.w),
    );
    const topic = words
      .slice(0, Math.min(verb === -1 ? 3 : verb, 3))
      .map((token) => token.w)
      .join(" ");
    const detail = message.slice((tokens[0] as Token).start, clause.end);
    found.push({
      slot: { type: "fact", category: "other", topic: topic || "note", detail },
      span,
      explicit: true,
    });
  }
}

/**
 * Words before what a forget request names: "delete the memory about my job", "hapus memori
 * tentang alergiku" name the job and the allergy.
 */
const FORGET_LEADS = set(
  "delete remove erase hapus hapuskan hapuslah the memory memories memori ingatan about of on tentang soal mengenai",
);

/** What "forget my job" / "lupakan pekerjaan saya" / "forget about sushi" points at. */
function forgetTarget(tokens: Token[]): { category: string; topic: string } | null {
  let words = tokens.map((token) => token.w);
  while (words.length > 1 && FORGET_LEADS.has(words[0] ?? "")) words = words.slice(1);
  if (words[0] === "my" || words[0] === "the") words = words.slice(1);
  if (["saya", "ku"].includes(words.at(-1) ?? "")) words = words.slice(0, -1);
  const noun = words.join(" ");
  const known = FORGET_SLOTS[noun] ?? FORGET_SLOTS[noun.replace(/ku$/u, "")];
  if (known) return known;
  if (
    words.length === 0 ||
    words.length > 4 ||
    OBJECT_STOP.has(words[0] ?? "") ||
    words.some((word) => PRONOUNS.has(word))
  ) {
    return null;
  }
  const topic = thingTopic(tokens.filter((token) => token.w !== "my"));
  return topic ? { category: guessCategory(topic), topic } : null;
}

function toPreferences(message: string, found: Found[]): Preference[] {
  const byKey = new Map<string, Preference>();
  for (const { slot: item, span, explicit } of found) {
    const preference: Preference = {
      type: item.type,
      category: item.category,
      topic: item.topic,
      detail: item.detail.replace(/\s+/gu, " ").trim(),
      confidence_score: explicit ? 1 : (item.confidence ?? INFERRED),
      source_text: message.slice(span.start, span.end),
      explicit,
    };
    const key = `${preference.category}\u0000${preference.topic}`;
    // The later statement in one message wins, except over an explicit request.
    if (!byKey.get(key)?.explicit || explicit) byKey.set(key, preference);
  }
  return [...byKey.values()];
}

function toForgets(message: string, forgets: ForgetFound[]): Forget[] {
  const byKey = new Map<string, Forget>();
  for (const { category, topic, span } of forgets) {
    const key = `${category}\u0000${topic}`;
    if (!byKey.has(key))
      byKey.set(key, { category, topic, source_text: message.slice(span.start, span.end) });
  }
  return [...byKey.values()];
}
