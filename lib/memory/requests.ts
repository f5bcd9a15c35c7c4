/**
 * Requests in the user's own words, found in one sentence: "remember that…", "keep in mind…",
 * "ingat bahwa…", "tolong catat…" and "forget…", "lupakan…", "delete the memory…", "hapus dari
 * ingatanmu…". Read word by word (no patterns), so "do you remember when…", "I always forget
 * my keys", "saya masih ingat…" and "Can you help me delete my old tweets?" are no requests.
 *
 * The caller passes only the sentence's own words — text in quotation marks, quote lines and
 * pasted blocks are not the user asking anything.
 */
import type { Word } from "./words";

const set = (words: string) => new Set(words.split(" "));

/** Who does the remembering or forgetting in "I remember…", "you forget…": not a request. */
const SUBJECTS = set("i we they he she you u who people everyone someone");
const ID_SUBJECTS = set(
  "saya aku gue gw kami kita dia ia mereka kamu anda masih tidak tak nggak ngga gak ga enggak belum sudah pernah",
);
/** Words that may come right before an imperative "remember"/"forget". */
const LEAD_INS = set(
  "please pls plz kindly also and so now oh hey ok okay btw just always but then actually tolong mohon harap coba dan juga tapi",
);
const MODALS = set("can could would will");
const WISHES = set("want need like asking ask");
/** "Remember when we…?" asks about the past. */
const RECALL_QUESTIONS = set("when how what where why who whether if");
const NEVER_MIND = set("it about that this lol please");
const MEMORY_NOUNS = set("memory memories ingatan ingatanmu memori memorimu catatan catatanmu");

export type RequestContext = {
  /** The sentence's words (without quoted parts). */
  words: Word[];
  /** The sentence's text, to see punctuation between words. */
  text: string;
  /** Offset of `text` in the message: word offsets are message offsets. */
  offset: number;
  question: boolean;
};

/** True when a clause boundary (",", ";", ":", "(", a dash, a line break) precedes word i. */
function startsClause(context: RequestContext, index: number): boolean {
  const previous = context.words[index - 1];
  if (!previous) return true;
  const word = context.words[index] as Word;
  const gap = context.text.slice(previous.end - context.offset, word.start - context.offset);
  return /[,;:(\n—–-]/u.test(gap);
}

const at = (context: RequestContext, index: number) => context.words[index]?.text;

/** The word before i, skipping "please" ("can you please remember"). */
function before(context: RequestContext, index: number, steps = 1): string | undefined {
  let position = index;
  for (let step = 0; step < steps; step += 1) {
    position -= 1;
    while (at(context, position) === "please") position -= 1;
  }
  return at(context, position);
}

/**
 * "Remember", "forget": imperative when only lead-ins stand between it and the start of its
 * clause ("Oh, and please remember…"), or after "can you…" / "I want you to…". "I also
 * remember…" and "I always forget…" have a subject.
 */
function imperative(context: RequestContext, index: number): boolean {
  let position = index;
  while (!startsClause(context, position) && LEAD_INS.has(at(context, position - 1) ?? "")) {
    position -= 1;
  }
  if (startsClause(context, position)) return true;
  const previous = at(context, position - 1);
  if (previous === "you") return MODALS.has(at(context, position - 2) ?? "");
  if (previous === "to") {
    return at(context, position - 2) === "you" && WISHES.has(at(context, position - 3) ?? "");
  }
  return false;
}

function hasLater(context: RequestContext, index: number, words: Set<string>): boolean {
  return context.words.slice(index + 1).some((word) => words.has(word.text));
}

function rememberAt(context: RequestContext, index: number): boolean {
  const word = at(context, index);
  const next = at(context, index + 1);
  const previous = before(context, index);
  switch (word) {
    case "remember":
      if (next !== undefined && RECALL_QUESTIONS.has(next)) return false;
      // "…, remember?" asks whether the assistant recalls.
      if (next === undefined && context.question && !MODALS.has(before(context, index, 2) ?? "")) {
        return false;
      }
      return imperative(context, index);
    case "memorize":
    case "memorise":
      return !SUBJECTS.has(previous ?? "");
    case "forget":
      // "Don't forget that…", "never forget…" — but not "I never forget faces".
      if (previous === "never" || previous === "don't" || previous === "dont") {
        return !SUBJECTS.has(before(context, index, 2) ?? "");
      }
      return (
        previous === "not" &&
        before(context, index, 2) === "do" &&
        !SUBJECTS.has(before(context, index, 3) ?? "")
      );
    case "keep":
    case "bear":
      return next === "in" && at(context, index + 2) === "mind" && !SUBJECTS.has(previous ?? "");
    case "note":
      // "make a note", "take note"
      return previous === "take" || (previous === "a" && before(context, index, 2) === "make");
    case "save":
    case "store":
    case "add":
      return hasLater(context, index, MEMORY_NOUNS);
    case "ingatlah":
    case "catatlah":
      return true;
    case "ingat":
    case "catat":
      if (ID_SUBJECTS.has(previous ?? "")) return false;
      return (
        startsClause(context, index) ||
        LEAD_INS.has(previous ?? "") ||
        ["bahwa", "ya", "ini", "baik-baik", "kalau"].includes(next ?? "")
      );
    case "diingat":
    case "dicatat":
      return ["tolong", "mohon", "harap"].includes(previous ?? "");
    case "lupa":
    case "lupakan":
      // "jangan lupa (bahwa)…" is "don't forget".
      return (
        previous === "jangan" || (previous === "sampai" && before(context, index, 2) === "jangan")
      );
    case "simpan":
      return hasLater(context, index, MEMORY_NOUNS);
    default:
      return false;
  }
}

function forgetAt(context: RequestContext, index: number): boolean {
  const word = at(context, index);
  const previous = before(context, index);
  switch (word) {
    case "forget": {
      const rest = context.words.slice(index + 1);
      // "Forget it." / "forget about it" means never mind.
      if (rest.every((later) => NEVER_MIND.has(later.text))) return false;
      return imperative(context, index);
    }
    case "remembering":
      return previous === "stop";
    case "delete":
    case "erase":
    case "remove":
    case "clear":
    case "wipe":
      // Only a memory is forgotten: "delete my old tweets" asks for help, not a forget.
      return (
        !SUBJECTS.has(previous ?? "") &&
        (hasLater(context, index, MEMORY_NOUNS) || youKnow(context, index))
      );
    case "lupakan":
    case "lupakanlah":
    case "lupain":
      return !["jangan", "sampai", "tidak", "tak", "nggak", "gak", "belum"].includes(
        previous ?? "",
      );
    case "hapus":
    case "hapuskan":
    case "hapuslah":
      return previous !== "jangan" && hasLater(context, index, MEMORY_NOUNS);
    case "ingat":
      return previous === "jangan";
    default:
      return false;
  }
}

/** "delete what you know about…", "remove everything you remember about…". */
function youKnow(context: RequestContext, index: number): boolean {
  const rest = context.words.slice(index + 1, index + 6).map((word) => word.text);
  const you = rest.indexOf("you");
  return (
    you !== -1 && ["know", "remember", "have", "saved", "stored"].includes(rest[you + 1] ?? "")
  );
}

/** Offsets (in the message) of the remember requests of a sentence. */
export function rememberRequests(context: RequestContext): number[] {
  return context.words.flatMap((word, index) => (rememberAt(context, index) ? [word.start] : []));
}

/** Offsets (in the message) of the forget requests of a sentence. */
export function forgetRequests(context: RequestContext): number[] {
  return context.words.flatMap((word, index) => (forgetAt(context, index) ? [word.start] : []));
}
