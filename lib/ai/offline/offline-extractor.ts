/**
 * The offline model's extractor (SPEC §7): a deterministic, rule-based stand-in for the
 * extraction LLM. It recognises common first-person statements in English and Indonesian and
 * returns the same `ExtractionOutput` a real model would, so the whole memory pipeline runs
 * without an API key.
 *
 * How a message is read: it is cut into sentences (questions, conditionals and anything that
 * looks like a secret are skipped whole), each sentence into clauses on ",", ";", " and ",
 * " dan ", " but ", " tapi "; each clause yields at most one statement (a job clause ending in
 * "in <Place>" also yields the city). A clause without a subject borrows "I"/"saya" from the
 * previous first-person clause ("I live in Bandung and work as a nurse"), and a bare fragment
 * after a list-like statement is one more item ("I love sushi, ramen and tempura"). Third-person
 * text never matches because every rule is anchored on a first-person subject or an imperative.
 *
 * Topic/category scheme — the conflict key is (category, topic), so topics are stable words:
 * - Fixed slots (topic always in English, whatever the language of the message):
 *   work/job ("I work as", "I'm a", "saya bekerja sebagai", "saya seorang"),
 *   work/employer ("I work at", "saya bekerja di"), location/city ("I live in", "I moved to",
 *   "saya tinggal di", "saya pindah ke"), location/hometown ("I'm from", "saya berasal dari"),
 *   health/allergy, food/diet, family/marital status, other/name, goal work/career.
 * - Things (interests, dislikes, learning and building goals, travel wishes, languages, family
 *   members): the topic is the thing itself, lower-case, articles dropped, cut before a
 *   preposition and at four words ("sushi", "rust", "machine learning", "japan").
 *   Languages: language/<language>; family: family/children|son|daughter|siblings|dog|cat….
 *   Learning goals are always category education (goal/education/rust); building goals are tech
 *   when the thing sounds like software, else guessed; travel wishes are travel.
 *   Interests and dislikes share the key of the thing, so "I hate sushi" later replaces
 *   "I love sushi"; their category comes from a small keyword map (food words → food,
 *   programming → tech, sports/music/reading → hobbies, films/books → media, else other).
 * - `detail` is a short phrase in the language of the statement ("lives in Bandung",
 *   "tinggal di Bandung"); `source_text` is the exact clause (or list run) from the message.
 * - Confidence: 0.9 for a clear first-person statement, 0.8 for the city implied by
 *   "I'm a nurse in Bandung", 1 (and `explicit`) inside "remember that…" / "ingat bahwa…".
 */
import type { ExtractionOutput, Forget, Preference } from "@/lib/memory/extraction-schema";
import type { MemoryType } from "@/lib/memory/vocabulary";

type Lang = "en" | "id";
type Span = { start: number; end: number };
type Groups = Record<string, string | undefined>;

/** What one rule learned from one clause, before it is tied to the user's words. */
type Slot = {
  type: MemoryType;
  category: string;
  topic: string;
  detail: string;
  confidence?: number;
};

type Rule = {
  lang: Lang;
  pattern: RegExp;
  /** Later bare fragments of the sentence are more items of the same kind. */
  list?: boolean;
  build: (x: string, groups: Groups) => Slot[] | null;
};

const INFERRED_CONFIDENCE = 0.9;
const IMPLIED_CONFIDENCE = 0.8;

// ─── Regex building blocks (all rules are matched case-insensitively on one clause) ──────────

const re = (source: string) => new RegExp(source, "iu");
const ADVERBS = String.raw`(?:(?:really|also|just|currently|now|still|absolutely|truly|totally|actually|recently|very|so|originally)\s+)*`;
/** "I " plus adverbs. */
const I = String.raw`^i\s+${ADVERBS}`;
/** "I'm" / "I am" / "Im" plus adverbs. */
const IM = String.raw`^i(?:'m|\s+am|m)\s+${ADVERBS}`;
/** "I want to", "I'd like to", "I'm planning to", "I wanna"… */
const WANT = String.raw`^i\s*${ADVERBS}(?:\s*wanna|(?:\s*want|'d\s+like|\s*would\s+like|'d\s+love|\s*would\s+love|\s*hope|\s*plan|(?:'m|\s+am)\s+(?:planning|hoping|trying|going))\s+to)\s+`;
/** "saya" / "aku" plus adverbs. */
const SAYA = String.raw`^(?:saya|aku)\s+(?:(?:juga|sangat|sekarang|masih|sudah|memang|benar-benar|baru)\s+)*`;
const INGIN = String.raw`${SAYA}(?:ingin|mau|pengen|pengin|pingin|berencana|berniat)\s+(?:untuk\s+)?`;
const X = "(?<x>.+)$";

// ─── Slot builders ─────────────────────────────────────────────────────────────────────────

const slot = (type: MemoryType, category: string, topic: string, detail: string): Slot[] => [
  { type, category, topic, detail },
];

/** A statement about a thing: the topic is the thing, the category is guessed from it. */
function about(type: MemoryType, x: string, detail: string, category?: string): Slot[] | null {
  const topic = thingTopic(x);
  return topic ? slot(type, category ?? guessCategory(topic), topic, detail) : null;
}

const JOB_STOP = new Set(
  "bit little lot big huge fan person beginner newbie bot human real good bad great terrible total complete quick fast slow very".split(
    " ",
  ),
);
const STUDENT = /\b(?:student|pelajar|mahasiswa|mahasiswi|siswa|murid)\b/iu;
/** "marine biologist in Bandung": the place must be capitalised to count as a city. */
const JOB_IN_PLACE =
  /^(?<job>.+?)\s+(?:[Ii]n|[Dd]i)\s+(?<place>\p{Lu}[\p{L}\p{M}'.-]*(?:\s+\p{Lu}[\p{L}\p{M}'.-]*)*)$/u;

function jobSlots(lang: Lang, article: string | undefined, x: string): Slot[] | null {
  const split = JOB_IN_PLACE.exec(x)?.groups;
  const job = split?.job ?? x;
  const words = job.toLowerCase().split(/\s+/);
  if (words.length > 6 || JOB_STOP.has(words[0] ?? "") || /\b(?:person|fan)$/iu.test(job)) {
    return null;
  }
  const art = article ? `${article.trim().toLowerCase()} ` : "";
  const student = STUDENT.test(job);
  const detail =
    lang === "en"
      ? `${student ? "is" : "works as"} ${art}${job}`
      : `${student ? "seorang" : "bekerja sebagai"} ${job}`;
  const slots = slot("fact", "work", "job", detail);
  if (split?.place) {
    const city = lang === "en" ? `lives in ${split.place}` : `tinggal di ${split.place}`;
    slots.push({ ...fact("location", "city", city), confidence: IMPLIED_CONFIDENCE });
  }
  return slots;
}

function fact(category: string, topic: string, detail: string): Slot {
  return { type: "fact", category, topic, detail };
}

const FAMILY_TOPICS: [RegExp, string][] = [
  [/^(?:kids?|child|children|anak)$/iu, "children"],
  [/^(?:sons?|anak laki-laki)$/iu, "son"],
  [/^(?:daughters?|anak perempuan)$/iu, "daughter"],
  [/^brothers?$/iu, "brother"],
  [/^sisters?$/iu, "sister"],
  [/^(?:siblings?|adik|kakak)$/iu, "siblings"],
  [/^(?:dogs?|pupp(?:y|ies)|anjing)$/iu, "dog"],
  [/^(?:cats?|kittens?|kucing)$/iu, "cat"],
  [/^(?:grandchildren|grandkids|cucu)$/iu, "grandchildren"],
];

function familySlots(what: string | undefined, detail: string): Slot[] | null {
  const topic = FAMILY_TOPICS.find(([pattern]) => pattern.test(what ?? ""))?.[1];
  return topic ? slot("fact", "family", topic, detail) : null;
}

/** "go to bed" is no travel plan: a bare "go to"/"ke" needs a capitalised place. */
function travelSlots(verb: string | undefined, x: string, detail: string): Slot[] | null {
  const needsPlace = /^(?:go\s+to|pergi\s+ke|ke)$/iu.test(verb ?? "");
  if (needsPlace && !isCapitalised(x)) return null;
  return about("goal", x, detail, "travel");
}

function languageSlots(x: string, detail: string): Slot[] | null {
  const topic = thingTopic(
    x.replace(/^(?:a\s+little|a\s+bit\s+of|some|basic|fluent|bahasa)\s+/iu, ""),
  );
  return topic ? slot("fact", "language", topic, detail) : null;
}

const FAVOURITE_CATEGORIES: [RegExp, string][] = [
  [/food|dish|snack|drink|meal|makanan|minuman|masakan|kuliner/iu, "food"],
  [
    /movie|film|show|series|book|author|band|song|artist|singer|anime|game|buku|lagu|penyanyi/iu,
    "media",
  ],
  [/sport|hobby|team|olahraga|hobi|musik|music|genre/iu, "hobbies"],
  [/programming|language|framework|editor/iu, "tech"],
  [/city|country|place|destination|kota|negara|tempat/iu, "travel"],
];

function favouriteSlots(what: string | undefined, x: string, detail: string): Slot[] | null {
  const category = FAVOURITE_CATEGORIES.find(([pattern]) => pattern.test(what ?? ""))?.[1];
  return about("interest", x, detail, category);
}

const thirdPerson = (verb: string) => (verb.endsWith("s") ? verb : `${verb}s`);
const lower = (text: string | undefined) => (text ?? "").toLowerCase().replace(/\s+/gu, " ");

// ─── Rules, most specific first (the first rule that builds something wins) ───────────────

const EN_RULES: Omit<Rule, "lang">[] = [
  {
    pattern: re(
      String.raw`${I}(?:hate|dislike|detest|loathe|can't\s+stand|cannot\s+stand|(?:don't|do\s+not)\s+(?:really\s+)?(?:like|enjoy|eat))\s+${X}`,
    ),
    list: true,
    build: (x) => about("dislike", x, `dislikes ${x}`),
  },
  {
    pattern: re(
      String.raw`^(?:please\s+)?(?:never|don't|do\s+not|stop)\s+(?:ever\s+)?(?:suggest|recommend|mention|offer)(?:ing)?\s+(?:me\s+)?${X}`,
    ),
    list: true,
    build: (x) => about("dislike", x, `dislikes ${x}`),
  },
  {
    pattern: re(String.raw`${IM}allergic\s+to\s+${X}`),
    build: (x) => slot("fact", "health", "allergy", `allergic to ${x}`),
  },
  {
    pattern: re(String.raw`^i\s+have\s+an?\s+(?<x>[\p{L}\s]+?)\s+allergy$`),
    build: (x) => slot("fact", "health", "allergy", `allergic to ${x}`),
  },
  {
    pattern: re(String.raw`${IM}(?:an?\s+)?(?:strict\s+)?(?<x>vegetarian|vegan|pescatarian)\b.*$`),
    build: (x) => slot("fact", "food", "diet", `is ${lower(x)}`),
  },
  {
    pattern: re(String.raw`${IM}(?<x>married|engaged|single|divorced|widowed)\b.*$`),
    build: (x) => slot("fact", "family", "marital status", `is ${lower(x)}`),
  },
  {
    pattern: re(
      String.raw`${IM}(?<v>into|passionate\s+about|interested\s+in|obsessed\s+with|(?:a\s+)?(?:big\s+|huge\s+)?fan\s+of)\s+${X}`,
    ),
    list: true,
    build: (x, g) => about("interest", x, `is ${lower(g.v)} ${x}`),
  },
  {
    pattern: re(String.raw`${IM}(?<v>learning|studying)\s+(?:how\s+to\s+)?${X}`),
    list: true,
    build: (x, g) => about("goal", x, `is ${lower(g.v)} ${x}`, "education"),
  },
  {
    pattern: re(String.raw`${WANT}(?:learn|study|master)\s+(?:how\s+to\s+)?${X}`),
    list: true,
    build: (x) => about("goal", x, `wants to learn ${x}`, "education"),
  },
  {
    pattern: re(String.raw`${WANT}(?<v>build|make|create|develop|launch|write)\s+${X}`),
    build: (x, g) => about("goal", x, `wants to ${lower(g.v)} ${x}`, guessBuildCategory(x)),
  },
  {
    pattern: re(String.raw`${WANT}(?<v>visit|travel\s+to|go\s+to)\s+${X}`),
    list: true,
    build: (x, g) => travelSlots(g.v, x, `wants to visit ${x}`),
  },
  {
    pattern: re(String.raw`${WANT}(?:become\s+|be\s+(?=an?\s))(?<art>an?\s+)?${X}`),
    build: (x, g) => slot("goal", "work", "career", `wants to become ${g.art ?? ""}${x}`),
  },
  {
    pattern: re(String.raw`(?:${I}work(?:ing)?|${IM}working)\s+as\s+(?<art>an?\s+)?${X}`),
    build: (x, g) => jobSlots("en", g.art, x),
  },
  {
    pattern: re(String.raw`(?:${I}work|${IM}working)\s+(?:at|for)\s+${X}`),
    build: (x) => slot("fact", "work", "employer", `works at ${x}`),
  },
  {
    pattern: re(String.raw`(?:${I}live|${IM}(?:living|based|located|staying))\s+in\s+${X}`),
    build: (x) => slot("fact", "location", "city", `lives in ${x}`),
  },
  {
    pattern: re(String.raw`^i(?:'ve|\s+have)?\s+${ADVERBS}(?:moved|relocated)\s+to\s+${X}`),
    build: (x) => slot("fact", "location", "city", `lives in ${x}`),
  },
  {
    pattern: re(String.raw`(?:${IM}from|${I}come\s+from|^i\s+was\s+born\s+in)\s+${X}`),
    build: (x) => slot("fact", "location", "hometown", `is from ${x}`),
  },
  {
    pattern: re(String.raw`(?:${I}(?:can\s+)?speak|${IM}fluent\s+in)\s+${X}`),
    list: true,
    build: (x) => languageSlots(x, `speaks ${x}`),
  },
  {
    pattern: re(
      String.raw`^i(?:\s+have|'ve\s+got|\s+have\s+got)\s+(?<x>(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:(?:little|young|older|younger|big|baby)\s+)?(?<what>kids?|children|child|sons?|daughters?|brothers?|sisters?|siblings?|dogs?|pupp(?:y|ies)|cats?|kittens?|grandchildren|grandkids))\b.*$`,
    ),
    build: (x, g) => familySlots(g.what, `has ${x}`),
  },
  {
    pattern: re(String.raw`${IM}(?<art>an?)\s+${X}`),
    build: (x, g) => jobSlots("en", g.art, x),
  },
  {
    pattern: re(String.raw`${I}(?<v>love|like|enjoy|adore|prefer)\s+${X}`),
    list: true,
    build: (x, g) => about("interest", x, `${thirdPerson(lower(g.v))} ${x}`),
  },
  {
    pattern: re(String.raw`^my\s+(?:name\s+is|name's)\s+${X}`),
    build: (x) => slot("fact", "other", "name", `is called ${x}`),
  },
  {
    pattern: /^(?:[Yy]ou\s+can\s+)?[Cc]all\s+me\s+(?<x>\p{Lu}.*)$/u,
    build: (x) => slot("fact", "other", "name", `is called ${x}`),
  },
  {
    pattern: re(
      String.raw`^my\s+(?:(?:all[-\s]time|absolute)\s+)?favou?rite\s+(?<what>[\p{L}\s]+?)\s+(?:is|are)\s+${X}`,
    ),
    list: true,
    build: (x, g) => favouriteSlots(g.what, x, `favourite ${lower(g.what)} is ${x}`),
  },
];

const ID_RULES: Omit<Rule, "lang">[] = [
  {
    pattern: re(
      String.raw`${SAYA}(?:tidak|tak|nggak|ngga|gak|enggak|kurang)\s+(?:terlalu\s+|begitu\s+)?(?:suka|menyukai|doyan|senang)\s+(?:dengan\s+|sama\s+|akan\s+)?${X}`,
    ),
    list: true,
    build: (x) => about("dislike", x, `tidak suka ${x}`),
  },
  {
    pattern: re(
      String.raw`${SAYA}(?:tidak|tak|nggak|gak|enggak)\s+(?<v>makan|minum|mengonsumsi)\s+${X}`,
    ),
    list: true,
    build: (x, g) => about("dislike", x, `tidak ${lower(g.v)} ${x}`, "food"),
  },
  {
    pattern: re(String.raw`${SAYA}(?<v>benci|membenci|anti)\s+(?:dengan\s+|sama\s+)?${X}`),
    list: true,
    build: (x, g) => about("dislike", x, `${lower(g.v)} ${x}`),
  },
  {
    pattern: re(
      String.raw`^(?:tolong\s+|mohon\s+)?jangan\s+(?:pernah\s+)?(?:sarankan|menyarankan|rekomendasikan|merekomendasikan|tawarkan|menawarkan|kasih|beri(?:kan)?)\s+(?:saya\s+|aku\s+)?${X}`,
    ),
    list: true,
    build: (x) => about("dislike", x, `tidak suka ${x}`),
  },
  {
    pattern: re(
      String.raw`${SAYA}(?:punya\s+)?alergi\s+(?:terhadap\s+|sama\s+|dengan\s+|pada\s+)?${X}`,
    ),
    build: (x) => slot("fact", "health", "allergy", `alergi ${x}`),
  },
  {
    pattern: re(
      String.raw`${SAYA}(?:adalah\s+)?(?:seorang\s+)?(?<x>vegetarian|vegan|pescatarian)\b.*$`,
    ),
    build: (x) => slot("fact", "food", "diet", `seorang ${lower(x)}`),
  },
  {
    pattern: re(String.raw`${SAYA}(?<x>(?:belum\s+)?menikah|bercerai|lajang|single)$`),
    build: (x) => slot("fact", "family", "marital status", lower(x)),
  },
  {
    pattern: re(
      String.raw`${SAYA}(?:ingin|mau|pengen|pengin|pingin|berencana|berniat|akan)\s+(?:untuk\s+)?(?:belajar|mempelajari)\s+${X}`,
    ),
    list: true,
    build: (x) => about("goal", x, `ingin belajar ${x}`, "education"),
  },
  {
    pattern: re(String.raw`${SAYA}(?:sedang|lagi)\s+(?:belajar|mempelajari)\s+${X}`),
    list: true,
    build: (x) => about("goal", x, `sedang belajar ${x}`, "education"),
  },
  {
    pattern: re(String.raw`${INGIN}(?:membuat|membangun|bikin|mengembangkan)\s+${X}`),
    build: (x) => about("goal", x, `ingin membuat ${x}`, guessBuildCategory(x)),
  },
  {
    pattern: re(
      String.raw`${INGIN}(?<v>mengunjungi|berkunjung\s+ke|jalan-jalan\s+ke|liburan\s+ke|pergi\s+ke|ke)\s+${X}`,
    ),
    list: true,
    build: (x, g) => travelSlots(g.v, x, `ingin mengunjungi ${x}`),
  },
  {
    pattern: re(String.raw`${INGIN}(?:menjadi|jadi)\s+(?:seorang\s+)?${X}`),
    build: (x) => slot("goal", "work", "career", `ingin menjadi ${x}`),
  },
  {
    pattern: re(String.raw`${SAYA}(?:bekerja|kerja)\s+(?:sebagai|jadi)\s+(?:seorang\s+)?${X}`),
    build: (x) => jobSlots("id", undefined, x),
  },
  {
    pattern: re(String.raw`${SAYA}(?:bekerja|kerja)\s+(?:di|pada|untuk)\s+${X}`),
    build: (x) => slot("fact", "work", "employer", `bekerja di ${x}`),
  },
  {
    pattern: re(String.raw`${SAYA}(?:adalah\s+)?seorang\s+${X}`),
    build: (x) => jobSlots("id", undefined, x),
  },
  {
    pattern: re(String.raw`${SAYA}(?:tinggal|menetap|berdomisili)\s+di\s+${X}`),
    build: (x) => slot("fact", "location", "city", `tinggal di ${x}`),
  },
  {
    pattern: re(String.raw`${SAYA}pindah\s+ke\s+${X}`),
    build: (x) => slot("fact", "location", "city", `tinggal di ${x}`),
  },
  {
    pattern: re(String.raw`${SAYA}(?:berasal\s+dari|asli|lahir\s+di)\s+${X}`),
    build: (x) => slot("fact", "location", "hometown", `berasal dari ${x}`),
  },
  {
    pattern: re(
      String.raw`${SAYA}(?:bisa\s+)?(?:berbicara|berbahasa|bicara|ngomong)\s+(?:dalam\s+)?${X}`,
    ),
    list: true,
    build: (x) => languageSlots(x, `berbicara ${x}`),
  },
  {
    pattern: re(
      String.raw`${SAYA}(?:punya|memiliki|mempunyai)\s+(?<x>(?:\d+|satu|dua|tiga|empat|lima|seorang|seekor|sebuah)\s+(?<what>anak\s+laki-laki|anak\s+perempuan|anak|adik|kakak|kucing|anjing|cucu))\b.*$`,
    ),
    build: (x, g) => familySlots(lower(g.what), `punya ${x}`),
  },
  {
    pattern: re(
      String.raw`${SAYA}(?:lebih\s+)?(?<v>suka|senang|gemar|hobi|menyukai|mencintai|cinta|doyan|tertarik\s+(?:dengan|pada|sama))\s+(?:sekali\s+|banget\s+)?(?:dengan\s+|sama\s+|akan\s+)?${X}`,
    ),
    list: true,
    build: (x, g) =>
      // "saya senang sekali hari ini" is joy, not a hobby.
      lower(g.v) === "senang" && /^(?:bisa|sekali|banget|hari|karena|bertemu|mendengar)\b/iu.test(x)
        ? null
        : about("interest", x, `${lower(g.v)} ${x}`),
  },
  {
    pattern: re(String.raw`^hobi(?:ku|\s+(?:saya|aku))\s+(?:adalah\s+)?${X}`),
    list: true,
    build: (x) => about("interest", x, `hobi ${x}`, "hobbies"),
  },
  {
    pattern: re(String.raw`^nama(?:ku|\s+(?:saya|aku))\s+(?:adalah\s+)?${X}`),
    build: (x) => slot("fact", "other", "name", `bernama ${x}`),
  },
  {
    pattern: re(
      String.raw`^(?<what>makanan|minuman|film|buku|lagu|band|olahraga|musik|game|kota)\s+favorit(?:ku|\s+(?:saya|aku))\s+(?:adalah\s+)?${X}`,
    ),
    list: true,
    build: (x, g) => favouriteSlots(g.what, x, `${lower(g.what)} favorit: ${x}`),
  },
];

const RULES: Rule[] = [
  ...EN_RULES.map((rule) => ({ ...rule, lang: "en" as const })),
  ...ID_RULES.map((rule) => ({ ...rule, lang: "id" as const })),
];

// ─── Objects, topics and categories ───────────────────────────────────────────────────────

/** Objects that point at the conversation, not at a thing the user likes ("I love it"). */
const OBJECT_STOP = new Set(
  "it it's this that these those you your him her them me my his their our when how what where why if nothing everything anything something itu ini kamu anda dia mereka kalian kalau ketika saat bagaimana apa yang".split(
    " ",
  ),
);
const PRONOUNS = new Set(
  "i i'm im i've i'd me my mine you your he she his her they them their we our us it saya aku kamu anda dia ia mereka kami kita".split(
    " ",
  ),
);
const TRAILING_FILLER =
  /\s+(?:too|as\s+well|a\s+lot|very\s+much|so\s+much|now|these\s+days|right\s+now|please|recently|last\s+(?:year|month|week)|(?:a\s+few|\d+|two|three|several)\s+(?:years|months|weeks)\s+ago|a\s+(?:year|month|week)\s+ago|since\s+\S+|sekarang|juga|sekali|banget|lho|loh|ya|deh|kok|dong|baru-baru\s+ini|(?:tahun|bulan|minggu)\s+lalu|sejak\s+\S+)$/iu;

/** The object as the user wrote it, without edge punctuation, quotes or trailing filler. */
function cleanObject(raw: string): string {
  let text = raw
    .trim()
    .replace(/^["'“‘*_(]+|["'”’*_).,!?;:…]+$/gu, "")
    .trim();
  while (TRAILING_FILLER.test(text)) text = text.replace(TRAILING_FILLER, "").trim();
  return text;
}

function isUsableObject(x: string): boolean {
  const words = x.toLowerCase().split(/\s+/u);
  return x.length > 0 && words.length <= 12 && !OBJECT_STOP.has(words[0] ?? "");
}

const TOPIC_CUT =
  /\s+(?:from|with|at|in|on|for|when|because|since|during|while|karena|di|dari|dengan|yang|saat|ketika|untuk|pada)\s+/u;

/** "the spicy food from Padang" → "spicy food": lower-case, no article, at most four words. */
function thingTopic(x: string): string {
  const text = x
    .toLowerCase()
    .replace(/^(?:how\s+to|to)\s+/u, "")
    .replace(/^(?:(?:a|an|the|some|any|all|sebuah|seorang|seekor|para)\s+)+/u, "");
  const [head = ""] = text.split(TOPIC_CUT);
  return head
    .split(/\s+/u)
    .slice(0, 4)
    .join(" ")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}+#]+$/gu, "");
}

/** "_" joins the words of a phrase in the lists above ("machine_learning"). */
function keywords(list: string): string[] {
  return list.split(" ").map((word) => word.replace(/_/gu, " "));
}
const CATEGORY_WORDS: [string, string[]][] = [
  [
    "tech",
    keywords(
      "rust python javascript typescript java golang kotlin swift ruby php haskell elixir scala c++ c# sql programming coding software ai linux react next.js nextjs node.js computers komputer robotics gadgets tech technology teknologi pemrograman ngoding koding app apps website aplikasi machine_learning web_development",
    ),
  ],
  [
    "food",
    keywords(
      "food foods sushi seafood ramen pizza pasta burger burgers coffee tea chocolate spicy rendang nasi_goreng sate satay bakso soto gado-gado tempe tahu tofu noodles rice fish meat chicken beef pork lamb vegetables veggies fruit fruits cheese kopi teh makanan pedas ikan daging ayam sapi babi kambing sayur sayuran buah durian mie nasi cooking baking memasak masak kue cake cakes dessert desserts peanuts kacang shrimp udang crab kepiting cilantro mushrooms jamur eggs telur milk susu dairy gluten wine beer curry kari steak salad bread roti onions bawang garlic martabak seblak cuisine masakan kuliner shellfish oysters tempura",
    ),
  ],
  [
    "hobbies",
    keywords(
      "football soccer sepak_bola futsal basketball badminton bulu_tangkis tennis running lari jogging hiking mendaki swimming berenang cycling bersepeda yoga gym fitness chess catur gardening berkebun photography fotografi painting melukis drawing menggambar fishing memancing mancing camping climbing surfing diving menyelam guitar gitar piano music musik singing menyanyi dancing menari reading membaca knitting sports olahraga jazz k-pop kpop dangdut",
    ),
  ],
  [
    "media",
    keywords(
      "movies movie films film anime manga k-drama drakor tv series netflix podcasts podcast books book buku novels novel comics komik games game video_games youtube",
    ),
  ],
  ["travel", keywords("travel traveling travelling backpacking jalan-jalan beaches beach pantai")],
];
/** Too short to find inside a phrase: these only count as the whole topic. */
const EXACT_TECH = new Set(["go", "c", "r"]);

/** A small keyword map; anything unknown is "other" rather than a wrong guess. */
export function guessCategory(topic: string): string {
  const words = topic.toLowerCase().match(/[\p{L}\p{N}+#.-]+/gu) ?? [];
  if (words.length === 1 && EXACT_TECH.has(words[0] ?? "")) return "tech";
  const padded = ` ${words.join(" ")} `;
  const hit = CATEGORY_WORDS.find(([, keywords]) =>
    keywords.some((keyword) => padded.includes(` ${keyword} `)),
  );
  return hit?.[0] ?? "other";
}

const BUILD_TECH =
  /\b(?:app|apps|website|web|game|bot|api|startup|software|tool|library|compiler|plugin|extension|aplikasi|situs|program)\b/iu;

function guessBuildCategory(x: string): string {
  return BUILD_TECH.test(x) ? "tech" : guessCategory(thingTopic(x));
}

function isCapitalised(text: string): boolean {
  const first = text.trim().charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

// ─── Sentences, clauses and directives ────────────────────────────────────────────────────

const SECRET =
  /\b(?:passwords?|passwd|passcode|passphrase|pin|kata\s+sandi|sandi|api[\s_-]?keys?|secret|token|credit\s+card|card\s+number|nomor\s+kartu|kartu\s+kredit|cvv|cvc|ssn|social\s+security|nik|ktp|npwp|rekening|account\s+number|private\s+key|seed\s+phrase)\b|\b(?:sk|pk|ghp|xox[bp])[-_][\w-]{8,}|\b(?:\d[ -]?){12,19}\b/iu;
const QUESTION_START =
  /^(?:do|does|did|am|is|are|was|were|can|could|would|will|should|shall|what|who|whom|whose|where|when|why|how|which|have|has|may|might|apa|apakah|siapa|di\s*mana|kapan|mengapa|kenapa|bagaimana|gimana|berapa|bisakah|bolehkah|maukah|haruskah)\b/iu;
const CONDITIONAL_START =
  /^(?:if|when|whenever|unless|maybe|perhaps|jika|jikalau|kalau|kalo|apabila|seandainya|andai|mungkin)\b/iu;
const LEADING_FILLER =
  /^(?:(?:and|also|so|but|plus|then|oh|well|btw|by\s+the\s+way|anyway|dan|juga|terus|lalu|tapi|tetapi|serta|jadi|oh\s+ya|omong-omong|nah)\b[\s,]*)+/iu;
const REMEMBER =
  /^(?:please\s+|pls\s+|tolong\s+|mohon\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?(?:remember|don't\s+forget|do\s+not\s+forget|never\s+forget|keep\s+in\s+mind|ingat(?:lah)?(?:\s+ya)?|jangan\s+lupa|catat(?:lah)?)\b(?:\s*:|\s+that\b|\s+bahwa\b)?\s*/iu;
const FORGET =
  /^(?:please\s+|pls\s+|tolong\s+|mohon\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?(?:forget|lupakan(?:lah)?|hapus(?:kan)?\s+(?:ingatan|memori)(?:mu)?)(?:\s+(?:that|about|bahwa|tentang))?\b\s*/iu;

type Mode = "statement" | "remember" | "forget";

type Sentence = Span & { question: boolean };

function sentences(message: string): Sentence[] {
  const spans: Span[] = [];
  let start = 0;
  // A "." inside "Node.js" or "3.5" is no sentence end: it must be followed by space or the end.
  for (const match of message.matchAll(/[.!?…]+(?=\s|$)|\n/gu)) {
    const end = match.index + match[0].length;
    spans.push({ start, end });
    start = end;
  }
  if (start < message.length) spans.push({ start, end: message.length });
  return spans
    .map((span) => ({
      ...trim(message, span),
      question: /\?[\s!?.…"'”’)\]]*$/u.test(message.slice(span.start, span.end)),
    }))
    .filter((span) => span.end > span.start);
}

type Clause = Span & { separator: string };

function clauses(message: string, sentence: Span): Clause[] {
  const result: Clause[] = [];
  let start = sentence.start;
  let separator = "";
  const text = message.slice(sentence.start, sentence.end);
  for (const match of text.matchAll(/,(?!\d)|;|\s(?:and|dan|but|tapi|tetapi|serta)\s/giu)) {
    const end = sentence.start + match.index;
    result.push({ ...trim(message, { start, end }), separator });
    separator = match[0].trim().toLowerCase();
    start = end + match[0].length;
  }
  result.push({ ...trim(message, { start, end: sentence.end }), separator });
  return result.filter((clause) => clause.end > clause.start);
}

/** Narrows a span past edge whitespace and trailing punctuation, so it stays a real substring. */
function trim(message: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/u.test(message.charAt(start))) start += 1;
  while (end > start && /[\s.,;:!?…]/u.test(message.charAt(end - 1))) end -= 1;
  return { start, end };
}

/** Moves the start of a span past a prefix matched on its (apostrophe-normalised) text. */
function skip(message: string, span: Span, pattern: RegExp): { span: Span; matched: boolean } {
  const match = pattern.exec(normalise(message.slice(span.start, span.end)));
  if (!match || match[0].length === 0) return { span, matched: Boolean(match) };
  return {
    span: trim(message, { start: span.start + match[0].length, end: span.end }),
    matched: true,
  };
}

/** Curly apostrophes become straight ones; the length never changes, so offsets stay valid. */
const normalise = (text: string) => text.replace(/[’‘`´]/gu, "'");

// ─── Matching one clause ─────────────────────────────────────────────────────────────────────

type Match = { rule: Rule; slots: Slot[]; groups: Groups };

function matchRules(text: string): Match | null {
  for (const rule of RULES) {
    const groups = rule.pattern.exec(text)?.groups;
    if (!groups) continue;
    const x = cleanObject(groups.x ?? "");
    if (!isUsableObject(x)) continue;
    const slots = rule.build(x, groups);
    if (slots && slots.length > 0) return { rule, slots, groups };
  }
  return null;
}

/** A short fragment with no subject of its own: "ramen" in "I love sushi and ramen". */
function isBare(text: string): boolean {
  const words = text.toLowerCase().split(/\s+/u);
  return (
    words.length <= 4 &&
    !words.some((word) => PRONOUNS.has(word)) &&
    !/^(?:please|never|don't|jangan|tolong|not|no|tidak)\b/iu.test(text)
  );
}

const SLOT_NOUNS: [RegExp, string, string][] = [
  [/^(?:job|work|occupation|profession|what\s+i\s+do|pekerjaan|kerjaan|profesi)$/iu, "work", "job"],
  [
    /^(?:employer|company|where\s+i\s+work|perusahaan|kantor|tempat\s+kerja)$/iu,
    "work",
    "employer",
  ],
  [
    /^(?:city|location|address|home|where\s+i\s+live|tempat\s+tinggal|kota|alamat|domisili)$/iu,
    "location",
    "city",
  ],
  [
    /^(?:hometown|where\s+i'm\s+from|kampung\s+halaman|asal|kota\s+asal)$/iu,
    "location",
    "hometown",
  ],
  [/^(?:name|nama)$/iu, "other", "name"],
  [/^(?:allerg(?:y|ies)|alergi)$/iu, "health", "allergy"],
  [/^(?:diet)$/iu, "food", "diet"],
];

/** What "forget my job" / "lupakan pekerjaan saya" / "forget about sushi" points at. */
function forgetTarget(text: string): { category: string; topic: string } | null {
  const noun = normalise(text)
    .toLowerCase()
    .replace(/^(?:about|tentang)\s+/u, "")
    .replace(/^(?:my|the)\s+/u, "")
    .replace(/\s+(?:saya|aku|ku)$/u, "");
  // "pekerjaanku" is "pekerjaan" + "-ku" (my); only trusted when the rest is a known slot.
  const known = SLOT_NOUNS.find(
    ([pattern]) => pattern.test(noun) || pattern.test(noun.replace(/ku$/u, "")),
  );
  if (known) return { category: known[1], topic: known[2] };
  if (!isBare(noun) || OBJECT_STOP.has(noun.split(/\s+/u)[0] ?? "")) return null;
  const topic = thingTopic(noun);
  return topic ? { category: guessCategory(topic), topic } : null;
}

const FIRST_PERSON = /\b(?:i|i'm|i've|my|me|mine|saya|aku)\b|ku\b/iu;

/** "Remember that my birthday is on May 5" still deserves a note when no rule knows it. */
function rememberedNote(text: string): Slot[] | null {
  if (!FIRST_PERSON.test(text) || text.split(/\s+/u).length < 2) return null;
  const words = normalise(text)
    .toLowerCase()
    .replace(/^(?:i'm|i\s+am|i|my|saya|aku)\s+/u, "")
    .split(/\s+/u);
  const stop = words.findIndex((word) => /^(?:is|are|was|were|adalah|ialah|itu)$/u.test(word));
  const topic = words
    .slice(0, Math.min(stop === -1 ? 3 : stop, 3))
    .join(" ")
    .replace(/[^\p{L}\p{N}\s'-]/gu, "")
    .trim();
  return [fact("other", topic || "note", text)];
}

// ─── The extractor ──────────────────────────────────────────────────────────────────────────

type Found = { slot: Slot; span: Span; explicit: boolean };
type ForgetFound = { category: string; topic: string; span: Span };

export function extractOffline(userMessage: string): ExtractionOutput {
  const found: Found[] = [];
  const forgets: ForgetFound[] = [];
  for (const sentence of sentences(userMessage)) {
    readSentence(userMessage, sentence, found, forgets);
  }
  return {
    preferences: toPreferences(userMessage, found),
    forget: toForgets(userMessage, forgets),
  };
}

function readSentence(
  message: string,
  sentence: Sentence,
  found: Found[],
  forgets: ForgetFound[],
): void {
  if (SECRET.test(message.slice(sentence.start, sentence.end))) return;
  const opening = skip(message, sentence, LEADING_FILLER).span;
  const openingText = normalise(message.slice(opening.start, opening.end));
  // "Can you remember that I'm vegan?" is a request, not a question about the user.
  const directive = REMEMBER.test(openingText) || FORGET.test(openingText);
  if (
    !directive &&
    (sentence.question || QUESTION_START.test(openingText) || CONDITIONAL_START.test(openingText))
  ) {
    return;
  }

  const state: SentenceState = { mode: "statement", head: null, last: null };
  for (const clause of clauses(message, sentence)) {
    readClause(message, clause, state, found, forgets);
  }
}

type Head = { match: Match; start: number };
type SentenceState = { mode: Mode; head: Head | null; last: Found | null };

function readClause(
  message: string,
  raw: Clause,
  state: SentenceState,
  found: Found[],
  forgets: ForgetFound[],
): void {
  const opened = skip(message, raw, LEADING_FILLER).span;
  let clause = opened;
  const asRemember = skip(message, opened, REMEMBER);
  const asForget = asRemember.matched ? asRemember : skip(message, opened, FORGET);
  if (asRemember.matched || asForget.matched) {
    // The mode holds for the rest of the sentence: "remember that I'm vegan and love tofu".
    state.mode = asRemember.matched ? "remember" : "forget";
    clause = (asRemember.matched ? asRemember : asForget).span;
    state.head = null;
    state.last = null;
  }
  if (clause.end <= clause.start) return;
  const text = normalise(message.slice(clause.start, clause.end));
  const statement = readStatement(text, state.head);
  // The clause that carries "remember that…"/"forget…" quotes the request with it, and a
  // continuation quotes the whole run, subject included: "I love sushi, ramen and tempura".
  const start = statement?.continues && state.head ? state.head.start : opened.start;
  const span = { start, end: clause.end };

  if (!statement) {
    const extended = readUnmatched(message, { raw, clause, span, text }, state, found, forgets);
    state.head = null;
    if (!extended) state.last = null;
    return;
  }
  // A list item keeps the head, so "…, ramen and tempura" are still items of "I love".
  if (!statement.listItem) state.head = { match: statement.match, start };
  for (const slot of statement.match.slots) {
    if (state.mode === "forget") {
      forgets.push({ category: slot.category, topic: slot.topic, span });
    } else {
      state.last = { slot, span, explicit: state.mode === "remember" };
      found.push(state.last);
    }
  }
}

type Statement = { match: Match; continues: boolean; listItem: boolean };

/** The statement a clause makes, on its own or as a continuation of the previous clause. */
function readStatement(text: string, head: Head | null): Statement | null {
  const own = matchRules(text);
  if (own) return { match: own, continues: false, listItem: false };
  if (!head) return null;
  // "… and work as a nurse": the subject of the previous clause carries over.
  const continued = matchRules(`${head.match.rule.lang === "en" ? "I" : "saya"} ${text}`);
  if (continued) return { match: continued, continues: true, listItem: false };
  const item = cleanObject(text);
  if (!head.match.rule.list || !isBare(text) || !isUsableObject(item)) return null;
  const slots = head.match.rule.build(item, head.match.groups);
  return slots ? { match: { ...head.match, slots }, continues: true, listItem: true } : null;
}

type Unmatched = { raw: Clause; clause: Span; span: Span; text: string };

/** A clause no rule knows: it may complete the previous statement, or name what to forget. */
function readUnmatched(
  message: string,
  { raw, clause, span, text }: Unmatched,
  state: SentenceState,
  found: Found[],
  forgets: ForgetFound[],
): boolean {
  const { last, mode } = state;
  if (mode !== "forget" && last && extendsPrevious(raw.separator, text)) {
    last.slot = {
      ...last.slot,
      detail: last.slot.detail + message.slice(last.span.end, clause.end),
    };
    last.span = { ...last.span, end: clause.end };
    return true;
  }
  if (mode === "forget") {
    const target = forgetTarget(text);
    if (target) forgets.push({ ...target, span });
  } else if (mode === "remember") {
    for (const slot of rememberedNote(message.slice(clause.start, clause.end)) ?? []) {
      found.push({ slot, span, explicit: true });
    }
  }
  return false;
}

/**
 * "allergic to peanuts and shellfish", "lives in Bandung, Indonesia": a fragment that is not a
 * statement of its own completes the previous one when joined by "and" or when it is a name.
 */
function extendsPrevious(separator: string, text: string): boolean {
  if (!isBare(text)) return false;
  if (separator === "and" || separator === "dan") return true;
  return text.split(/\s+/u).every(isCapitalised);
}

function toPreferences(message: string, found: Found[]): Preference[] {
  const byKey = new Map<string, Preference>();
  for (const { slot, span, explicit } of found) {
    const topic = slot.topic.trim().toLowerCase();
    if (!topic) continue;
    const preference: Preference = {
      type: slot.type,
      category: slot.category,
      topic,
      detail: slot.detail.replace(/\s+/gu, " ").trim(),
      confidence_score: explicit ? 1 : (slot.confidence ?? INFERRED_CONFIDENCE),
      source_text: message.slice(span.start, span.end),
      explicit,
    };
    const key = `${preference.category}\u0000${topic}`;
    const previous = byKey.get(key);
    // The later statement in one message wins, except over an explicit request.
    if (!previous?.explicit || explicit) byKey.set(key, preference);
  }
  return [...byKey.values()];
}

function toForgets(message: string, forgets: ForgetFound[]): Forget[] {
  const byKey = new Map<string, Forget>();
  for (const { category, topic, span } of forgets) {
    const key = `${category}\u0000${topic}`;
    if (!byKey.has(key)) {
      byKey.set(key, { category, topic, source_text: message.slice(span.start, span.end) });
    }
  }
  return [...byKey.values()];
}
