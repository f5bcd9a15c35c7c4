/**
 * The memory write gate: nothing becomes a memory, an explicit memory or a forget unless the
 * user's own words in this message prove it. It runs on the extraction model's parsed output —
 * whatever the model, whatever its structured-output mode — before anything touches the
 * database, and decides item by item:
 *
 * Preferences, in order:
 * 1. valid: a topic (at most 6 words), a detail, a confidence in 0..1 (never clamped) → "invalid"
 * 2. no secret in topic, detail or quote                                     → "secret"
 * 3. the quote is a real clause: two words or more, one of them a content word, not
 *    one letter or a stop word                                               → "not_a_clause"
 * 4. the quote occurs in the user's message, as whole words, inside one sentence → "evidence"
 * 5. the detail is grounded in the quote: each of its content words (places, things, numbers)
 *    appears there, inflection allowed; framing words ("works as", "tinggal di") are free → "ungrounded"
 * 6. the detail does not contradict the quote: no "hates" from "I love", no "nurse"
 *    from "I'm not a nurse"                                                  → "contradiction"
 * 7. the quote's clause states a fact: not "if I were…", "pretend I'm…", after "let's
 *    role-play", "seandainya saya…"                                          → "hypothetical"
 * 8. the clause is about the user: "my sister is a nurse" may only be a family fact → "other_person"
 * Then its standing:
 * - explicit only when the model says so AND a remember request of the user ("remember that…",
 *   "keep in mind…", "ingat bahwa…") is in the same sentence as the quote, outside quoted text:
 *   confidence 1, source "explicit", active — sensitive categories included;
 * - otherwise inferred: below MEMORY_MIN_CONFIDENCE → "low_confidence"; active only at or
 *   above MEMORY_AUTO_ACCEPT_CONFIDENCE, in a category that is not sensitive, quoting the
 *   user's own text (not a paste or a quotation) and stating the user's own fact; else a
 *   suggestion the user reviews;
 * - one item per key: the strongest wins, the rest are "duplicate".
 *
 * Forgets: the quote is a real clause of the user's own (unquoted, not pretend) text, in a
 * sentence that carries a forget request ("forget…", "lupakan…", "delete the memory…"). A
 * forget names one key — applyExtraction never looks in other categories — and removes the
 * memory only when the sentence names it (`forgetMatchesMemory`): "Forget about the meeting"
 * cannot remove the city.
 */
import type { Memory } from "@/lib/db/schema";
import {
  type ExtractionOutput,
  type Forget,
  type Preference,
  SENSITIVE_CATEGORIES,
} from "./extraction-schema";
import { isInside, type Span, withoutSpeakerLabel } from "./message-layout";
import { cleanDetail, cleanTopic, normalizeCategory, topicKey } from "./normalize";
import {
  type Clause,
  findQuote,
  type MessageReading,
  readUserMessage,
  type Sentence,
} from "./reading";
import { looksLikeSecret } from "./secrets";
import { type Subject, subjectOf, type Voice } from "./speaker";
import type { MemoryType } from "./vocabulary";
import { contentWords, factWords, hasWord, isNegative, type Word, wordsOf } from "./words";

export type MemorySource = Memory["source"];
export type MemoryStatus = Memory["status"];

/** An extracted preference that passed the gate, normalised and with its standing decided. */
export type ScreenedPreference = {
  type: MemoryType;
  category: string;
  topic: string;
  topicKey: string;
  detail: string;
  confidence: number;
  sourceText: string;
  source: Exclude<MemorySource, "user">;
  status: MemoryStatus;
  /** Why an item is only a suggestion (empty when active). */
  limits: Limit[];
};

export type Limit = "quoted" | "sensitive" | "other_person" | "no_subject" | "confidence";

export type ScreenedForget = {
  category: string;
  topic: string;
  topicKey: string;
  sourceText: string;
  /** The user's words of the forget request's sentence, which must name the memory. */
  sentenceWords: string[];
};

export type RejectionReason =
  | "invalid"
  | "secret"
  | "not_a_clause"
  | "evidence"
  | "ungrounded"
  | "contradiction"
  | "hypothetical"
  | "other_person"
  | "low_confidence"
  | "duplicate";

export type ForgetRejectionReason =
  | "invalid"
  | "not_a_clause"
  | "evidence"
  | "quoted"
  | "hypothetical"
  | "no_request";

export type ScreeningContext = {
  userMessage: string;
  /** "about_user": the text is another assistant's description of the user (an import). */
  voice?: Voice;
  minConfidence: number;
  autoAcceptConfidence: number;
};

export type ScreeningResult = {
  accepted: ScreenedPreference[];
  rejected: { preference: Preference; reason: RejectionReason }[];
  forgets: ScreenedForget[];
  rejectedForgets: { forget: Forget; reason: ForgetRejectionReason }[];
};

const MAX_TOPIC_WORDS = 6;
const MIN_QUOTE_WORDS = 2;
/** Someone else's fact may still be the user's family fact. */
const OTHER_PERSON_CATEGORIES = new Set([
  "family",
  "relationships",
  "relationship",
  "pets",
  "friends",
]);

/**
 * Besides the spec's five, close variants a model may produce ("medical", "faith", "money");
 * matched as word prefixes of the normalised category.
 */
const SENSITIVE_CATEGORY_STEMS = [
  ...SENSITIVE_CATEGORIES,
  "medic",
  "mental",
  "religio",
  "faith",
  "politic",
  "sexual",
  "gender identity",
  "financ",
  "money",
  "income",
  "salary",
  "debt",
];

export function isSensitiveCategory(category: string): boolean {
  const normalized = normalizeCategory(category);
  return SENSITIVE_CATEGORY_STEMS.some(
    (stem) => normalized.startsWith(stem) || normalized.includes(` ${stem}`),
  );
}

export function screenExtraction(
  output: ExtractionOutput,
  context: ScreeningContext,
): ScreeningResult {
  const reading = readUserMessage(context.userMessage, context.voice);
  const rejected: ScreeningResult["rejected"] = [];
  const byKey = new Map<string, { screened: ScreenedPreference; preference: Preference }>();
  for (const preference of output.preferences) {
    const outcome = screenPreference(preference, reading, context);
    if ("reason" in outcome) {
      rejected.push({ preference, reason: outcome.reason });
      continue;
    }
    const key = `${outcome.category}\u0000${outcome.topicKey}`;
    const previous = byKey.get(key);
    if (previous && strength(previous.screened) >= strength(outcome)) {
      rejected.push({ preference, reason: "duplicate" });
      continue;
    }
    if (previous) rejected.push({ preference: previous.preference, reason: "duplicate" });
    byKey.set(key, { screened: outcome, preference });
  }

  const forgets = new Map<string, ScreenedForget>();
  const rejectedForgets: ScreeningResult["rejectedForgets"] = [];
  for (const forget of output.forget) {
    const outcome = screenForget(forget, reading);
    if ("reason" in outcome) rejectedForgets.push({ forget, reason: outcome.reason });
    else forgets.set(`${outcome.category}\u0000${outcome.topicKey}`, outcome);
  }
  return {
    accepted: [...byKey.values()].map(({ screened }) => screened),
    rejected,
    forgets: [...forgets.values()],
    rejectedForgets,
  };
}

// ─── Preferences ─────────────────────────────────────────────────────────────────────────────

function screenPreference(
  preference: Preference,
  reading: MessageReading,
  context: ScreeningContext,
): ScreenedPreference | { reason: RejectionReason } {
  const topic = cleanTopic(preference.topic);
  const key = topicKey(preference.topic);
  const detail = cleanDetail(preference.detail);
  const confidence = preference.confidence_score;
  if (
    key === "" ||
    key.split(" ").length > MAX_TOPIC_WORDS ||
    detail === "" ||
    !Number.isFinite(confidence) ||
    confidence < 0 ||
    confidence > 1
  ) {
    return { reason: "invalid" };
  }
  if ([preference.topic, preference.detail, preference.source_text].some(looksLikeSecret)) {
    return { reason: "secret" };
  }
  const quoteWords = wordsOf(preference.source_text);
  if (!isClause(quoteWords)) return { reason: "not_a_clause" };
  const evidence = bestEvidence(reading, preference.source_text, wordsOf(detail));
  if (!evidence) return { reason: "evidence" };

  const detailWords = wordsOf(detail);
  if (!isGrounded(detailWords, quoteWords)) return { reason: "ungrounded" };
  if (contradicts(preference.type, detailWords, quoteWords)) return { reason: "contradiction" };
  if (evidence.clause.pretend) return { reason: "hypothetical" };
  const category = normalizeCategory(preference.category);
  const subject: Subject = evidence.clause.subject;
  if (subject === "other" && !OTHER_PERSON_CATEGORIES.has(category)) {
    return { reason: "other_person" };
  }

  const base = {
    type: preference.type,
    category,
    topic,
    topicKey: key,
    detail,
    sourceText: preference.source_text.trim(),
  };
  if (preference.explicit && evidence.requested) {
    return { ...base, confidence: 1, source: "explicit", status: "active", limits: [] };
  }
  if (confidence < context.minConfidence) return { reason: "low_confidence" };
  const limits: Limit[] = [];
  if (evidence.quoted) limits.push("quoted");
  if (isSensitiveCategory(category)) limits.push("sensitive");
  if (subject === "other") limits.push("other_person");
  if (subject === "none") limits.push("no_subject");
  if (confidence < context.autoAcceptConfidence) limits.push("confidence");
  const status = limits.length === 0 ? "active" : "suggested";
  return { ...base, confidence, source: "inferred", status, limits };
}

/** A clause, not one letter or a stop word: two words or more, one of them with content. */
function isClause(words: Word[]): boolean {
  return words.length >= MIN_QUOTE_WORDS && contentWords(words).length > 0;
}

/** Every content word of the detail appears in the quote (inflected or not); at least one. */
function isGrounded(detail: Word[], quote: Word[]): boolean {
  const facts = factWords(detail);
  return facts.length > 0 && facts.every((word) => hasWord(quote, word.text));
}

/**
 * "hates cats" from "I love cats", "works as a nurse" from "I'm not a nurse". A dislike may
 * drop the negation ("I hate sushi" → dislike "sushi"); nothing may add one.
 */
function contradicts(type: MemoryType, detail: Word[], quote: Word[]): boolean {
  const quoteSaysNo = isNegative(quote);
  const detailSaysNo = isNegative(detail);
  if (detailSaysNo && !quoteSaysNo) return true;
  return quoteSaysNo && !detailSaysNo && type !== "dislike";
}

type Evidence = {
  span: Span;
  sentence: Sentence;
  /** The clause the detail is grounded in: whose fact, and whether pretend. */
  clause: Clause;
  /** Someone else's text: quotation marks, quote lines, code, a pasted log or long paste. */
  quoted: boolean;
  /** A remember request of the user's governs this sentence. */
  requested: boolean;
};

/**
 * The strongest place the quote occurs: the user's own words over a quotation, a fact about
 * the user over someone else's, a remembered sentence over a plain one.
 */
function bestEvidence(reading: MessageReading, quote: string, detail: Word[]): Evidence | null {
  let best: { evidence: Evidence; score: number } | null = null;
  for (const span of findQuote(reading, quote)) {
    const sentence = reading.sentences.find(
      (candidate) => candidate.start <= span.start && span.end <= candidate.end,
    );
    if (!sentence) continue; // a quote running across sentences is not one clause
    const found = groundingClause(sentence, span, detail);
    if (!found) continue;
    const quoted = isInside(span, reading.quoted);
    // Quoted words have a speaker of their own: "She said 'I'm a nurse'" is read from "I'm".
    const clause = quoted ? { ...found, subject: quotedSubject(reading, found, span) } : found;
    const requested = !quoted && !clause.pretend && sentence.rememberRequests.length > 0;
    const evidence = { span, sentence, clause, quoted, requested };
    const score =
      (quoted ? 0 : 8) +
      (clause.pretend ? 0 : 4) +
      (clause.subject === "self" ? 2 : clause.subject === "none" ? 1 : 0) +
      (requested ? 1 : 0);
    if (!best || score > best.score) best = { evidence, score };
  }
  return best?.evidence ?? null;
}

/** Of the clauses the quote covers, the one holding most of the detail's content words. */
function groundingClause(sentence: Sentence, span: Span, detail: Word[]): Clause | null {
  const covered = sentence.clauses.filter(
    (clause) => clause.start < span.end && span.start < clause.end,
  );
  let best: { clause: Clause; hits: number } | null = null;
  for (const clause of covered) {
    const inQuote = clause.words.filter((word) => word.start >= span.start && word.end <= span.end);
    const hits = factWords(detail).filter((word) => hasWord(inQuote, word.text)).length;
    if (!best || hits > best.hits) best = { clause, hits };
  }
  return best?.clause ?? null;
}

/** The subject of the quoted part of a clause, read on its own (a speaker label skipped). */
function quotedSubject(reading: MessageReading, clause: Clause, span: Span): Subject {
  const region =
    reading.quoted.find((quoted) => quoted.start <= span.start && span.end <= quoted.end) ?? span;
  const words = clause.words.filter((word) => word.start >= region.start && word.end <= region.end);
  const inner = subjectOf(withoutSpeakerLabel(words, reading.text), reading.text, reading.voice);
  return inner === "none" ? clause.subject : inner;
}

/** Orders two accepted items for the same key: explicit, then active, then confidence. */
function strength(preference: ScreenedPreference): number {
  return (
    (preference.source === "explicit" ? 4 : 0) +
    (preference.status === "active" ? 2 : 0) +
    preference.confidence
  );
}

// ─── Forgets ─────────────────────────────────────────────────────────────────────────────────

function screenForget(
  forget: Forget,
  reading: MessageReading,
): ScreenedForget | { reason: ForgetRejectionReason } {
  const key = topicKey(forget.topic);
  if (key === "") return { reason: "invalid" };
  if (!isClause(wordsOf(forget.source_text))) return { reason: "not_a_clause" };
  const spans = findQuote(reading, forget.source_text);
  if (spans.length === 0) return { reason: "evidence" };
  let reason: ForgetRejectionReason = "no_request";
  for (const span of spans) {
    const sentence = reading.sentences.find(
      (candidate) => candidate.start <= span.start && span.end <= candidate.end,
    );
    if (!sentence) continue;
    if (isInside(span, reading.quoted)) {
      reason = "quoted";
      continue;
    }
    const clauses = sentence.clauses.filter(
      (clause) => clause.start < span.end && span.start < clause.end,
    );
    if (clauses.some((clause) => clause.pretend)) {
      reason = "hypothetical";
      continue;
    }
    if (sentence.forgetRequests.length === 0) continue;
    const own = sentence.clauses
      .flatMap((clause) => clause.words)
      .filter((word) => !isInside(word, reading.quoted));
    return {
      category: normalizeCategory(forget.category),
      topic: cleanTopic(forget.topic),
      topicKey: key,
      sourceText: forget.source_text.trim(),
      sentenceWords: contentWords(own).map((word) => word.text),
    };
  }
  return { reason };
}

/** Words that name a memory's slot in either language: "forget my city" / "lupakan kota saya". */
const TOPIC_NAMES: Record<string, string[]> = {
  city: ["kota", "live", "tinggal", "domisili", "location", "lokasi", "address", "alamat", "based"],
  hometown: ["from", "asal", "berasal", "kampung", "born", "lahir"],
  job: ["work", "pekerjaan", "kerja", "kerjaan", "bekerja", "profesi", "occupation", "profession"],
  employer: ["work", "company", "perusahaan", "kantor", "bekerja"],
  career: ["become", "menjadi", "cita-cita"],
  name: ["called", "nama", "bernama", "panggil"],
  allergy: ["allergic", "alergi"],
  diet: ["eat", "makan"],
  children: ["kids", "anak"],
  "marital status": ["married", "menikah", "single", "lajang", "divorced", "cerai"],
};

/**
 * True when the forget request's sentence names this memory: one of its words is the
 * memory's topic, category or detail (inflections allowed), or the topic's name in the other
 * language ("kota" for city).
 */
export function forgetMatchesMemory(
  forget: Pick<ScreenedForget, "sentenceWords">,
  memory: { topic: string; detail: string; category: string },
): boolean {
  const key = topicKey(memory.topic);
  const names = [
    ...contentWords(wordsOf(`${memory.topic} ${memory.detail} ${memory.category}`)).map(
      (word) => word.text,
    ),
    ...(TOPIC_NAMES[key] ?? []),
  ];
  return forget.sentenceWords.some((word) =>
    names.some((name) => hasWord([{ text: name, start: 0, end: 0 }], word)),
  );
}
