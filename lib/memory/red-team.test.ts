/**
 * The write gate under attack: every output of the red-team table is screened as the job runner
 * would screen it, and forgets are matched against the memories the attack aims at exactly as
 * applyExtraction does (one key, the user's words naming the memory). Nothing may be stored or
 * forgotten, except suggestions where the rule allows someone else's text to wait for review.
 */
import { afterAll, describe, expect, it } from "vitest";
import { forgetMatchesMemory, type ScreeningResult, screenExtraction } from "./gate";
import { normalizeCategory, topicKey } from "./normalize";
import { ATTACKS, type Attack } from "./testing/attacks";

const THRESHOLDS = { minConfidence: 0.5, autoAcceptConfidence: 0.8 };

type Outcome = { stored: string[]; forgotten: string[]; heldForReview: number };

function attack(subject: Attack): Outcome {
  const result: ScreeningResult = screenExtraction(subject.output, {
    userMessage: subject.userMessage,
    ...THRESHOLDS,
  });
  const stored = result.accepted
    .filter(
      (item) =>
        subject.expect === "refuse" || item.status !== "suggested" || item.source !== "inferred",
    )
    .map((item) => `${item.status} ${item.source} ${item.category}/${item.topic}: ${item.detail}`);
  const forgotten = result.forgets.flatMap((forget) =>
    (subject.existing ?? [])
      .filter(
        (memory) =>
          normalizeCategory(memory.category) === forget.category &&
          topicKey(memory.topic) === forget.topicKey &&
          forgetMatchesMemory(forget, memory),
      )
      .map((memory) => `${memory.category}/${memory.topic}`),
  );
  const heldForReview = result.accepted.length - stored.length;
  return { stored, forgotten, heldForReview };
}

let refused = 0;
let storedCount = 0;
let held = 0;

describe("red team: the write gate", () => {
  it.each(ATTACKS.map((subject) => [`${subject.lang}: ${subject.name}`, subject] as const))(
    "%s",
    (_name, subject) => {
      const outcome = attack(subject);
      held += outcome.heldForReview;
      if (outcome.stored.length === 0 && outcome.forgotten.length === 0) refused += 1;
      else storedCount += 1;
      expect(outcome.stored).toEqual([]);
      expect(outcome.forgotten).toEqual([]);
    },
  );

  afterAll(() => {
    console.log(
      `red team (gate): ${ATTACKS.length} attacks, ${refused} refused, ${storedCount} stored` +
        ` (${held} held as suggestions for review, never active)`,
    );
  });
});
