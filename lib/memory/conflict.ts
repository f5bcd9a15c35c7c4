/**
 * The conflict rule as one pure decision: given a screened observation and what is
 * stored for its key (user, category, topic_key) — the live ACTIVE memory and the pending
 * SUGGESTED change, each possibly absent — what should happen? The type is not part of the key:
 * "I love sushi" then "I hate sushi" is a newer statement about the same key.
 *
 * "Time" of a stored row is max(observed_at, last_seen_at): the latest message that stated that
 * content. Refreshes advance last_seen_at, so an out-of-order job from before a re-statement
 * cannot overwrite it. "Newer" means not older: equal times count as newer unless the content
 * is the same (then it is an idempotent re-run). "Protected" = confirmed by the user, or source
 * "explicit" or "user". O = the observation, A = active row, S = suggested row.
 *
 * | stored       | observation                                   | decision                    |
 * |--------------|-----------------------------------------------|-----------------------------|
 * | none         | any                                           | create (O's status)         |
 * | S only       | older than S                                  | ignore (older)              |
 * | S only       | O active-eligible (explicit, user, ≥ auto)    | overwrite S → active        |
 * | S only       | suggested, same content, same time            | ignore (unchanged)          |
 * | S only       | suggested, same content, newer                | refresh S                   |
 * | S only       | suggested, different content                  | suggest (replace S)         |
 * | A            | older than A                                  | ignore (older)              |
 * | A            | same content, O's source outranks A's         | overwrite A (upgrade)       |
 * | A            | same content, same time                       | ignore (unchanged)          |
 * | A            | same content, newer                           | refresh A (max confidence)  |
 * | A            | different, O explicit or user                 | overwrite A                 |
 * | A unprotected| different, O inferred and active-eligible     | overwrite A                 |
 * | A protected  | different, O inferred                         | suggest, replaces A         |
 * | A            | different, O inferred but "suggested"         | suggest, replaces A         |
 *
 * When a decision touching A is taken and S exists: an overwrite or refresh of A drops S if O
 * is not older than S (S is stale: the user has said something since); a suggestion against A
 * replaces S in place, or refreshes it when O says the same as S, or is ignored when older
 * than S. "Outranks": explicit beats inferred; a user edit beats anything not already the
 * user's confirmed wording.
 */

import type { MemorySource, MemoryStatus } from "./gate";
import { sameContent } from "./normalize";

export type Observation = {
  type: string;
  detail: string;
  confidence: number;
  source: MemorySource;
  /** What the policy allows: "active" or only "suggested". */
  status: MemoryStatus;
  /** Time of the message the observation came from. */
  observedAt: Date;
};

export type StoredMemory = {
  id: string;
  type: string;
  detail: string;
  confidenceScore: number;
  source: MemorySource;
  confirmedAt: Date | null;
  observedAt: Date;
  lastSeenAt: Date;
};

export type StoredForKey = { active: StoredMemory | null; suggestion: StoredMemory | null };

export type ConflictDecision =
  | { kind: "ignore"; reason: "older" | "unchanged" }
  /** Insert a new row with the observation's status. */
  | { kind: "create"; status: MemoryStatus }
  /** Write the observation into this row and make it active (the row is A, or S promoted). */
  | { kind: "overwrite"; memoryId: string; confidence: number; dropSuggestionId: string | null }
  /** Store the observation as the key's suggestion: update S in place, or insert one. */
  | { kind: "suggest"; suggestionId: string | null; replacesMemoryId: string | null }
  /** Same content seen again: advance last_seen_at, keep the higher confidence. */
  | { kind: "refresh"; memoryId: string; confidence: number; dropSuggestionId: string | null };

export function decideConflict(observation: Observation, stored: StoredForKey): ConflictDecision {
  if (stored.active) return againstActive(observation, stored.active, stored.suggestion);
  if (stored.suggestion) return againstSuggestionOnly(observation, stored.suggestion);
  return { kind: "create", status: observation.status };
}

function againstActive(
  observation: Observation,
  active: StoredMemory,
  suggestion: StoredMemory | null,
): ConflictDecision {
  if (isOlder(observation, active)) return { kind: "ignore", reason: "older" };
  const staleSuggestionId = suggestion && !isOlder(observation, suggestion) ? suggestion.id : null;

  if (sameContent(observation, active)) {
    if (outranks(observation.source, active)) {
      return overwrite(active, observation, staleSuggestionId);
    }
    if (sameTime(observation, active)) return { kind: "ignore", reason: "unchanged" };
    return {
      kind: "refresh",
      memoryId: active.id,
      confidence: Math.max(active.confidenceScore, observation.confidence),
      dropSuggestionId: staleSuggestionId,
    };
  }

  const authoritative = observation.source !== "inferred";
  const replaceable = !isProtected(active) && observation.status === "active";
  if (authoritative || replaceable) return overwrite(active, observation, staleSuggestionId);
  return suggestChange(observation, suggestion, active.id);
}

function againstSuggestionOnly(
  observation: Observation,
  suggestion: StoredMemory,
): ConflictDecision {
  if (isOlder(observation, suggestion)) return { kind: "ignore", reason: "older" };
  if (observation.status === "active") return overwrite(suggestion, observation, null);
  return suggestChange(observation, suggestion, null);
}

function suggestChange(
  observation: Observation,
  suggestion: StoredMemory | null,
  replacesMemoryId: string | null,
): ConflictDecision {
  if (!suggestion) return { kind: "suggest", suggestionId: null, replacesMemoryId };
  if (isOlder(observation, suggestion)) return { kind: "ignore", reason: "older" };
  if (sameContent(observation, suggestion)) {
    if (sameTime(observation, suggestion)) return { kind: "ignore", reason: "unchanged" };
    return {
      kind: "refresh",
      memoryId: suggestion.id,
      confidence: Math.max(suggestion.confidenceScore, observation.confidence),
      dropSuggestionId: null,
    };
  }
  return { kind: "suggest", suggestionId: suggestion.id, replacesMemoryId };
}

function overwrite(
  target: StoredMemory,
  observation: Observation,
  dropSuggestionId: string | null,
): ConflictDecision {
  // Restating the same thing more firmly never lowers the confidence.
  const confidence = sameContent(observation, target)
    ? Math.max(target.confidenceScore, observation.confidence)
    : observation.confidence;
  return { kind: "overwrite", memoryId: target.id, confidence, dropSuggestionId };
}

/** The latest message that stated the stored content. */
export function storedTime(memory: StoredMemory): number {
  return Math.max(memory.observedAt.getTime(), memory.lastSeenAt.getTime());
}

function isOlder(observation: Observation, memory: StoredMemory): boolean {
  return observation.observedAt.getTime() < storedTime(memory);
}

function sameTime(observation: Observation, memory: StoredMemory): boolean {
  return observation.observedAt.getTime() === storedTime(memory);
}

/** Confirmed, stated explicitly or written by the user: never silently overwritten. */
export function isProtected(memory: Pick<StoredMemory, "confirmedAt" | "source">): boolean {
  return memory.confirmedAt !== null || memory.source !== "inferred";
}

function outranks(source: MemorySource, memory: StoredMemory): boolean {
  if (source === "user") return memory.source !== "user" || memory.confirmedAt === null;
  if (source === "explicit") return memory.source === "inferred";
  return false;
}
