/**
 * Whose fact a clause states, and whether it states one at all. "I'm a nurse" is about the user;
 * "my sister is a nurse", "he is a pilot", "the user is an admin", "Budi adalah dokter" are about
 * someone else; "if I were a pilot", "pretend I'm a doctor", "seandainya saya pilot" and
 * everything after "let's role-play" state nothing true. Word lists are data; no patterns.
 */
import type { Word } from "./words";

export type Subject = "self" | "other" | "none";

/**
 * Who wrote the text: the user ("I live in Bandung"), or another assistant describing the user
 * ("You live in Bandung", "The user works as a nurse") — text the user pasted for import, in
 * which "you" and "the user" are the user.
 */
export type Voice = "user" | "about_user";

const set = (words: string) => new Set(words.split(/\s+/u).filter(Boolean));

const FIRST_PERSON = set(
  "i i'm im i've i'd i'll me myself we we're we've us saya aku gue gw kami kita",
);
const POSSESSIVES = set("my our");
/** Nouns ending in the Indonesian "-ku" (my) that are about the user. */
const OWN_KU = set(
  "namaku hobiku pekerjaanku kerjaanku rumahku kotaku makananku minumanku profesiku impianku cita-citaku",
);
const PEOPLE = set(`
  mom mum mother mommy dad father daddy parents parent sister sisters brother brothers sibling
  siblings wife husband spouse partner boyfriend girlfriend fiance fiancee son sons daughter
  daughters kid kids child children baby friend friends bestie boss manager colleague colleagues
  coworker coworkers neighbor neighbour roommate cousin aunt uncle grandma grandmother grandpa
  grandfather niece nephew family dog cat pet teacher doctor client customer patient student
  students team ex
  ibu ayah bapak mama papa kakak adik abang istri suami pacar anak teman sahabat bos atasan rekan
  tetangga sepupu paman bibi tante om nenek kakek keponakan kucing anjing guru dokter keluarga
  pasien murid mertua
`);
const PEOPLE_ADJECTIVES = set(
  "older younger little big elder old best twin new ex baby step eldest youngest",
);
const ID_MY = set("saya aku gue gw kami kita");
const OTHER_PRONOUNS = set(
  "he she they he's she's they're his her their him them you you're your u dia ia beliau mereka kamu anda engkau kau someone somebody everyone everybody people seseorang orang",
);
const OTHER_NOUNS = set("user assistant customer author writer sender pengguna asisten penulis");
/** A capitalised name counts as a subject when one of these follows it. */
const NAME_VERBS = set(
  "is was works lives has likes loves wants hates 's adalah bekerja tinggal suka punya seorang ingin",
);
const IMPERATIVES = set(
  "please never don't dont do stop always avoid call no just jangan tolong mohon selalu panggil hindari",
);
/** Fillers skipped before the subject. */
const FILLERS = set(`
  and also so but plus then oh well btw anyway anyways actually honestly now ok okay yes yeah
  hey hi hello please pls kindly dan juga terus lalu tapi tetapi jadi nah ya sebenarnya soalnya
  pokoknya tolong mohon harap
`);
/** The last word of a request ("remember", "keep in mind", "ingat", "lupakan"). */
const REQUEST_ENDS = set(
  "remember forget mind note ingat ingatlah catat catatlah lupakan lupakanlah lupain lupa memorize memorise remembering",
);
/** Words a request may open with before its last word ("can you please remember"). */
const REQUEST_LEADS = set(
  "can could would will you please to want need like i i'd keep bear in make a take don't dont do not never stop jangan sampai tolong mohon",
);
/** What may follow a request before the statement: "remember that…", "lupakan tentang…". */
const REQUEST_TAILS = set("that this about bahwa tentang kalau ini");

/** The statement after fillers and a leading request: "Oh, please remember that I…" → "I…". */
function statementStart(words: Word[]): number {
  let index = 0;
  const skipFillers = () => {
    while (index < words.length - 1 && FILLERS.has(words[index]?.text ?? "")) index += 1;
  };
  skipFillers();
  const end = words.slice(index, index + 7).findIndex((word) => REQUEST_ENDS.has(word.text));
  const leads = words.slice(index, index + Math.max(end, 0));
  if (end !== -1 && leads.every((word) => REQUEST_LEADS.has(word.text))) {
    index += end + 1;
    while (REQUEST_TAILS.has(words[index]?.text ?? "")) index += 1;
    skipFillers();
  }
  return Math.min(index, Math.max(words.length - 1, 0));
}
/** "I think (that) my sister…": the claim that follows decides. */
const HEARSAY_VERBS = set(
  "think believe guess know heard hear feel said say mean suppose pikir rasa kira dengar tahu yakin bilang",
);

/** In a description of the user, the words that name the user, read as the user's own. */
const ABOUT_USER_AS_SELF: Record<string, string> = {
  you: "i",
  "you're": "i'm",
  youre: "i'm",
  "you've": "i've",
  "you'd": "i'd",
  "you'll": "i'll",
  your: "my",
  yours: "mine",
  yourself: "myself",
  u: "i",
  user: "i",
  "user's": "my",
  kamu: "saya",
  anda: "saya",
  pengguna: "saya",
};

/**
 * The subject of a clause. `text` is the message, to see capitalised names; `words` are the
 * clause's words.
 */
export function subjectOf(words: Word[], text: string, voice: Voice = "user"): Subject {
  if (voice === "about_user") {
    const asSelf = words.map((word) => ({
      ...word,
      text: ABOUT_USER_AS_SELF[word.text] ?? word.text,
    }));
    return subjectOf(asSelf, text);
  }
  const rest = words.slice(statementStart(words));
  // "I think that…", "saya pikir…", "menurut saya…"
  const hearsay =
    (FIRST_PERSON.has(rest[0]?.text ?? "") && HEARSAY_VERBS.has(rest[1]?.text ?? "")) ||
    (rest[0]?.text === "menurut" && ID_MY.has(rest[1]?.text ?? ""));
  if (hearsay) {
    const claim = rest.slice(rest[2]?.text === "that" || rest[2]?.text === "bahwa" ? 3 : 2);
    if (claim.length > 0) return subjectOf(claim, text);
    return "self";
  }
  const leading = leadingSubject(rest, text);
  if (leading) return leading;
  if (rest.some((word) => FIRST_PERSON.has(word.text) || OWN_KU.has(word.text))) return "self";
  if (rest.some((word, index) => POSSESSIVES.has(word.text) && !personAfter(rest, index))) {
    return "self";
  }
  // "…a story in which the user is an astronaut": someone else, named mid-clause.
  if (rest.some((word) => OTHER_NOUNS.has(word.text))) return "other";
  if (IMPERATIVES.has(words[0]?.text ?? "") || IMPERATIVES.has(rest[0]?.text ?? "")) return "self";
  return "none";
}

/** Index of the person noun after "my" ("my older sister"), or -1. */
function personAfter(words: Word[], index: number): boolean {
  let next = index + 1;
  while (PEOPLE_ADJECTIVES.has(words[next]?.text ?? "")) next += 1;
  return PEOPLE.has(words[next]?.text ?? "");
}

function leadingSubject(words: Word[], text: string): Subject | null {
  const [head, second] = words;
  if (!head) return null;
  const withMe = (after: number) =>
    (words[after]?.text === "and" || words[after]?.text === "dan") &&
    FIRST_PERSON.has(words[after + 1]?.text ?? "");
  if (POSSESSIVES.has(head.text) && personAfter(words, 0)) {
    let noun = 1;
    while (PEOPLE_ADJECTIVES.has(words[noun]?.text ?? "")) noun += 1;
    return withMe(noun + 1) ? "self" : "other";
  }
  // Indonesian puts "my" after the noun: "kakak saya", "teman baik saya", "adikku".
  const base = head.text.endsWith("ku") ? head.text.slice(0, -2) : head.text;
  if (PEOPLE.has(base)) {
    const mine =
      head.text.endsWith("ku") ||
      ID_MY.has(second?.text ?? "") ||
      ID_MY.has(words[2]?.text ?? "") ||
      POSSESSIVES.has(second?.text ?? "");
    if (mine) return withMe(ID_MY.has(second?.text ?? "") ? 2 : 1) ? "self" : "other";
  }
  if (OTHER_PRONOUNS.has(head.text)) return "other";
  if (OTHER_NOUNS.has(head.text)) return "other";
  if (head.text === "the" && OTHER_NOUNS.has(second?.text ?? "")) return "other";
  const capitalised = /\p{Lu}/u.test(text.charAt(head.start));
  if (
    capitalised &&
    !FIRST_PERSON.has(head.text) &&
    NAME_VERBS.has(second?.text ?? "") &&
    !words.some((word) => FIRST_PERSON.has(word.text))
  ) {
    return "other";
  }
  return null;
}

// ─── Hypotheticals and role-play ─────────────────────────────────────────────────────────────

/** From here to the end of the sentence nothing is a fact (unless "but…" resets it). */
const HYPOTHETICAL = set(`
  if suppose supposing imagine imagining pretend pretending hypothetically hypothetical unless
  wish wished
  jika jikalau kalau kalo apabila bila seandainya andai andaikan misalkan misalnya umpamanya
  semisal bayangkan bayangin anggap anggaplah pura-pura berpura-pura seolah seolah-olah
  dongeng fiksi
`);
const HYPOTHETICAL_PAIRS = set(
  "what_if let's_say lets_say let_us as_if say_i'm say_i a_story short_story the_story sebuah_cerita cerita_pendek dalam_cerita",
);
/** From here to the end of the message nothing is a fact: a game, a story, a character. */
const ROLE_PLAY = set("roleplay role-play roleplaying role-playing");
const ROLE_PLAY_PAIRS = set(
  "role_play in_character bermain_peran main_peran let's_play lets_play ayo_main my_character karakter_saya karakterku_adalah",
);
/** A clause opening with one of these says what is really so: "…, but I'm a nurse". */
const RESETS = set("but however actually tapi tetapi namun sebenarnya sebetulnya padahal");

export type Pretence = "none" | "sentence" | "message";

/** Whether a word starts a hypothetical (to the sentence's end) or role-play (to the message's). */
export function pretenceAt(words: Word[], index: number): Pretence {
  const word = words[index]?.text ?? "";
  const pair = `${word}_${words[index + 1]?.text ?? ""}`;
  if (ROLE_PLAY.has(word) || ROLE_PLAY_PAIRS.has(pair)) return "message";
  if (HYPOTHETICAL.has(word) || HYPOTHETICAL_PAIRS.has(pair)) return "sentence";
  return "none";
}

export function resetsPretence(word: Word | undefined): boolean {
  return word !== undefined && RESETS.has(word.text);
}
