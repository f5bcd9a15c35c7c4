/**
 * The storage policy (SPEC §5): which extracted items may become memories, and with what
 * status. Runs on the model's parsed output before anything touches the database:
 *
 * - empty topic or detail, or a confidence outside 0..1 (never clamped) → rejected "invalid"
 *   (an empty category is not an error: it becomes "other")
 * - a secret in topic, detail or source_text                            → rejected "secret"
 * - source_text not found in the USER message                           → rejected "evidence"
 * - `explicit: true` without a real request phrase in the user message  → treated as inferred
 * - explicit (honoured)              → confidence 1, source "explicit", status "active"
 * - inferred, confidence < min       → rejected "low_confidence"
 * - inferred, sensitive category     → "suggested" (whatever the confidence)
 * - inferred, confidence ≥ autoAccept → "active"; otherwise "suggested"
 * - two items for one key in one turn → the strongest is kept, the rest "duplicate"
 *   (explicit before inferred, then active before suggested, then the higher confidence)
 *
 * Forget items need their source_text in the user message and a forget phrase in it.
 */
import type { Memory } from "@/lib/db/schema";
import { occursInUserMessage } from "./evidence";
import {
  type ExtractionOutput,
  type Forget,
  type Preference,
  SENSITIVE_CATEGORIES,
} from "./extraction-schema";
import { cleanDetail, cleanTopic, normalizeCategory, topicKey } from "./normalize";
import { containsForgetRequest, containsRememberRequest } from "./requests";
import { looksLikeSecret } from "./secrets";
import type { MemoryType } from "./vocabulary";

export type MemorySource = Memory["source"];
export type MemoryStatus = Memory["status"];

/** An extracted preference that passed the policy, normalised and with its status decided. */
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
};

export type ScreenedForget = {
  category: string;
  topic: string;
  topicKey: string;
  sourceText: string;
};

export type RejectionReason = "evidence" | "secret" | "low_confidence" | "invalid" | "duplicate";

export type ScreeningContext = {
  userMessage: string;
  minConfidence: number;
  autoAcceptConfidence: number;
};

export type ScreeningResult = {
  accepted: ScreenedPreference[];
  rejected: { preference: Preference; reason: RejectionReason }[];
  forgets: ScreenedForget[];
};

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
  const rejected: ScreeningResult["rejected"] = [];
  const explicitAllowed = containsRememberRequest(context.userMessage);
  const byKey = new Map<string, { screened: ScreenedPreference; preference: Preference }>();

  for (const preference of output.preferences) {
    const outcome = screenPreference(preference, context, explicitAllowed);
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

  return {
    accepted: [...byKey.values()].map(({ screened }) => screened),
    rejected,
    forgets: screenForgets(output.forget, context.userMessage),
  };
}

function screenPreference(
  preference: Preference,
  context: ScreeningContext,
  explicitAllowed: boolean,
): ScreenedPreference | { reason: RejectionReason } {
  const topic = cleanTopic(preference.topic);
  const key = topicKey(preference.topic);
  const detail = cleanDetail(preference.detail);
  const confidence = preference.confidence_score;
  if (
    topic === "" ||
    key === "" ||
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
  if (!occursInUserMessage(preference.source_text, context.userMessage)) {
    return { reason: "evidence" };
  }

  const base = {
    type: preference.type,
    category: normalizeCategory(preference.category),
    topic,
    topicKey: key,
    detail,
    sourceText: preference.source_text.trim(),
  };
  if (preference.explicit && explicitAllowed) {
    return { ...base, confidence: 1, source: "explicit", status: "active" };
  }
  if (confidence < context.minConfidence) return { reason: "low_confidence" };
  const status =
    !isSensitiveCategory(base.category) && confidence >= context.autoAcceptConfidence
      ? "active"
      : "suggested";
  return { ...base, confidence, source: "inferred", status };
}

/** Orders two accepted items for the same key: explicit, then active, then confidence. */
function strength(preference: ScreenedPreference): number {
  return (
    (preference.source === "explicit" ? 4 : 0) +
    (preference.status === "active" ? 2 : 0) +
    preference.confidence
  );
}

function screenForgets(forgets: Forget[], userMessage: string): ScreenedForget[] {
  if (!containsForgetRequest(userMessage)) return [];
  const byKey = new Map<string, ScreenedForget>();
  for (const forget of forgets) {
    const key = topicKey(forget.topic);
    if (key === "" || !occursInUserMessage(forget.source_text, userMessage)) continue;
    const category = normalizeCategory(forget.category);
    byKey.set(`${category}\u0000${key}`, {
      category,
      topic: cleanTopic(forget.topic),
      topicKey: key,
      sourceText: forget.source_text.trim(),
    });
  }
  return [...byKey.values()];
}
