import { describe, expect, it } from "vitest";
import {
  type ConflictDecision,
  decideConflict,
  type Observation,
  type StoredMemory,
} from "./conflict";

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute));

function stored(id: string, fields: Partial<StoredMemory> = {}): StoredMemory {
  return {
    id,
    type: "fact",
    detail: "lives in Paris",
    confidenceScore: 0.9,
    source: "inferred",
    confirmedAt: null,
    observedAt: at(10),
    lastSeenAt: at(10),
    ...fields,
  };
}

function observed(fields: Partial<Observation> = {}): Observation {
  return {
    type: "fact",
    detail: "lives in Berlin",
    confidence: 0.9,
    source: "inferred",
    status: "active",
    observedAt: at(20),
    ...fields,
  };
}

const inferredA = stored("A");
const confirmedA = stored("A", { confirmedAt: at(11) });
const editedA = stored("A", { source: "user", confirmedAt: at(11) });
const explicitA = stored("A", { source: "explicit", confidenceScore: 1 });
const pendingS = stored("S", {
  detail: "lives in Rome",
  confidenceScore: 0.6,
  observedAt: at(15),
  lastSeenAt: at(15),
});

type Case = [
  name: string,
  observation: Observation,
  rows: { active?: StoredMemory; suggestion?: StoredMemory },
  expected: ConflictDecision,
];

const cases: Case[] = [
  ["nothing stored: create active", observed(), {}, { kind: "create", status: "active" }],
  [
    "nothing stored: create suggestion",
    observed({ status: "suggested" }),
    {},
    { kind: "create", status: "suggested" },
  ],
  [
    "newer inferred overwrites inferred, unconfirmed",
    observed(),
    { active: inferredA },
    { kind: "overwrite", memoryId: "A", confidence: 0.9, dropSuggestionId: null },
  ],
  [
    "older never overwrites newer (out-of-order job)",
    observed({ observedAt: at(5) }),
    { active: inferredA },
    { kind: "ignore", reason: "older" },
  ],
  [
    "older than a re-statement (last_seen) never overwrites",
    observed({ observedAt: at(15) }),
    { active: stored("A", { lastSeenAt: at(18) }) },
    { kind: "ignore", reason: "older" },
  ],
  [
    "older explicit request does not overwrite either",
    observed({ source: "explicit", confidence: 1, observedAt: at(5) }),
    { active: inferredA },
    { kind: "ignore", reason: "older" },
  ],
  [
    "inferred vs confirmed → suggestion replacing it",
    observed(),
    { active: confirmedA },
    { kind: "suggest", suggestionId: null, replacesMemoryId: "A" },
  ],
  [
    "inferred vs user-edited → suggestion",
    observed(),
    { active: editedA },
    { kind: "suggest", suggestionId: null, replacesMemoryId: "A" },
  ],
  [
    "inferred vs explicit → suggestion",
    observed(),
    { active: explicitA },
    { kind: "suggest", suggestionId: null, replacesMemoryId: "A" },
  ],
  [
    "below auto-accept (suggested) vs unprotected inferred → suggestion",
    observed({ status: "suggested", confidence: 0.6 }),
    { active: inferredA },
    { kind: "suggest", suggestionId: null, replacesMemoryId: "A" },
  ],
  [
    "a second change suggestion replaces the pending one in place",
    observed(),
    { active: confirmedA, suggestion: pendingS },
    { kind: "suggest", suggestionId: "S", replacesMemoryId: "A" },
  ],
  [
    "a suggestion older than the pending one is ignored",
    observed({ observedAt: at(12) }),
    { active: confirmedA, suggestion: pendingS },
    { kind: "ignore", reason: "older" },
  ],
  [
    "the pending suggestion said again → refresh it",
    observed({ detail: "lives in Rome", confidence: 0.7 }),
    { active: confirmedA, suggestion: pendingS },
    { kind: "refresh", memoryId: "S", confidence: 0.7, dropSuggestionId: null },
  ],
  [
    "explicit overwrites confirmed and drops the pending suggestion",
    observed({ source: "explicit", confidence: 1 }),
    { active: confirmedA, suggestion: pendingS },
    { kind: "overwrite", memoryId: "A", confidence: 1, dropSuggestionId: "S" },
  ],
  [
    "explicit overwrites a user edit",
    observed({ source: "explicit", confidence: 1 }),
    { active: editedA },
    { kind: "overwrite", memoryId: "A", confidence: 1, dropSuggestionId: null },
  ],
  [
    "explicit keeps a pending suggestion that is newer than itself",
    observed({ source: "explicit", confidence: 1, observedAt: at(12) }),
    { active: confirmedA, suggestion: pendingS },
    { kind: "overwrite", memoryId: "A", confidence: 1, dropSuggestionId: null },
  ],
  [
    "a user edit overwrites explicit",
    observed({ source: "user", confidence: 1 }),
    { active: explicitA },
    { kind: "overwrite", memoryId: "A", confidence: 1, dropSuggestionId: null },
  ],
  [
    "same content again → refresh (max confidence), not a duplicate",
    observed({ detail: "Lives in  paris.", confidence: 0.85 }),
    { active: inferredA },
    { kind: "refresh", memoryId: "A", confidence: 0.9, dropSuggestionId: null },
  ],
  [
    "same content, higher confidence → refresh keeps the max",
    observed({ detail: "lives in Paris", confidence: 0.95 }),
    { active: inferredA },
    { kind: "refresh", memoryId: "A", confidence: 0.95, dropSuggestionId: null },
  ],
  [
    "same content at the same time → no-op (idempotent re-run)",
    observed({ detail: "lives in Paris", observedAt: at(10) }),
    { active: inferredA },
    { kind: "ignore", reason: "unchanged" },
  ],
  [
    "same content re-stated drops a stale change suggestion",
    observed({ detail: "lives in Paris" }),
    { active: confirmedA, suggestion: pendingS },
    { kind: "refresh", memoryId: "A", confidence: 0.9, dropSuggestionId: "S" },
  ],
  [
    "same content stated explicitly upgrades the inferred memory",
    observed({ detail: "lives in Paris", source: "explicit", confidence: 1 }),
    { active: inferredA },
    { kind: "overwrite", memoryId: "A", confidence: 1, dropSuggestionId: null },
  ],
  [
    "same content stated explicitly over explicit → refresh",
    observed({ detail: "lives in Paris", source: "explicit", confidence: 1 }),
    { active: explicitA },
    { kind: "refresh", memoryId: "A", confidence: 1, dropSuggestionId: null },
  ],
  [
    "love → hate of the same key replaces it (type is not part of the key)",
    observed({ type: "dislike", detail: "sushi" }),
    { active: stored("A", { type: "interest", detail: "sushi" }) },
    { kind: "overwrite", memoryId: "A", confidence: 0.9, dropSuggestionId: null },
  ],
  [
    "equal time but different content counts as newer",
    observed({ observedAt: at(10) }),
    { active: inferredA },
    { kind: "overwrite", memoryId: "A", confidence: 0.9, dropSuggestionId: null },
  ],
  [
    "no active: an active-eligible observation promotes the pending suggestion",
    observed(),
    { suggestion: pendingS },
    { kind: "overwrite", memoryId: "S", confidence: 0.9, dropSuggestionId: null },
  ],
  [
    "no active: a newer suggestion replaces the pending one",
    observed({ status: "suggested", confidence: 0.6 }),
    { suggestion: pendingS },
    { kind: "suggest", suggestionId: "S", replacesMemoryId: null },
  ],
  [
    "no active: older than the pending suggestion → ignored",
    observed({ observedAt: at(12) }),
    { suggestion: pendingS },
    { kind: "ignore", reason: "older" },
  ],
  [
    "no active: the same suggestion at the same time → no-op",
    observed({ status: "suggested", detail: "lives in Rome", observedAt: at(15) }),
    { suggestion: pendingS },
    { kind: "ignore", reason: "unchanged" },
  ],
];

describe("decideConflict", () => {
  it.each(cases)("%s", (_name, observation, rows, expected) => {
    expect(
      decideConflict(observation, {
        active: rows.active ?? null,
        suggestion: rows.suggestion ?? null,
      }),
    ).toEqual(expected);
  });
});
