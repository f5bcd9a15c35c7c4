import { describe, expect, it } from "vitest";
import type { Preference } from "./extraction-schema";
import { isSensitiveCategory, screenExtraction } from "./policy";
import { containsForgetRequest, containsRememberRequest } from "./requests";

const context = (userMessage: string) => ({
  userMessage,
  minConfidence: 0.5,
  autoAcceptConfidence: 0.8,
});

function pref(fields: Partial<Preference>): Preference {
  return {
    type: "fact",
    category: "work",
    topic: "job",
    detail: "nurse",
    confidence_score: 0.9,
    source_text: "I work as a nurse",
    explicit: false,
    ...fields,
  };
}

const screen = (
  userMessage: string,
  preferences: Preference[],
  forget: { category: string; topic: string; source_text: string }[] = [],
) => screenExtraction({ preferences, forget }, context(userMessage));

describe("screenExtraction: evidence", () => {
  it("keeps what the user said, with case and spacing differences", () => {
    const result = screen("i WORK as a   nurse", [pref({})]);
    expect(result.accepted).toHaveLength(1);
    expect(result.rejected).toEqual([]);
  });

  it("rejects a quote that only the assistant said or the model invented", () => {
    const result = screen("What should I cook tonight?", [
      pref({ source_text: "I work as a nurse" }),
    ]);
    expect(result.accepted).toEqual([]);
    expect(result.rejected).toEqual([{ preference: expect.any(Object), reason: "evidence" }]);
  });
});

describe("screenExtraction: secrets and validity", () => {
  it.each([
    [
      "topic",
      pref({ topic: "password", detail: "hunter2", source_text: "my password is hunter2" }),
    ],
    [
      "detail",
      pref({
        topic: "card",
        detail: "4111 1111 1111 1111",
        source_text: "my card 4111 1111 1111 1111",
      }),
    ],
    [
      "source_text",
      pref({ topic: "login", detail: "uses a password", source_text: "my password is hunter2" }),
    ],
  ])("never stores a secret (in %s)", (_field, preference) => {
    const result = screen("my password is hunter2 and my card 4111 1111 1111 1111", [preference]);
    expect(result.accepted).toEqual([]);
    expect(result.rejected[0]?.reason).toBe("secret");
  });

  it.each([
    ["empty topic", pref({ topic: "  " })],
    ["empty detail", pref({ detail: "" })],
    ["confidence above 1", pref({ confidence_score: 1.2 })],
    ["negative confidence", pref({ confidence_score: -0.1 })],
    ["NaN confidence", pref({ confidence_score: Number.NaN })],
  ])("rejects %s as invalid (nothing is clamped)", (_name, preference) => {
    const result = screen("I work as a nurse", [preference]);
    expect(result.rejected.map((r) => r.reason)).toEqual(["invalid"]);
  });

  it("normalises category and topic key, and trims", () => {
    const [accepted] = screen("I work as a nurse", [
      pref({ category: " Work ", topic: "  My   Job " }),
    ]).accepted;
    expect(accepted).toMatchObject({ category: "work", topic: "My Job", topicKey: "job" });
    const [other] = screen("I work as a nurse", [pref({ category: "" })]).accepted;
    expect(other?.category).toBe("other");
  });
});

describe("screenExtraction: thresholds", () => {
  it.each([
    [0.49, "rejected"],
    [0.5, "suggested"],
    [0.79, "suggested"],
    [0.8, "active"],
    [1, "active"],
  ])("confidence %d → %s", (confidence, outcome) => {
    const result = screen("I work as a nurse", [pref({ confidence_score: confidence })]);
    if (outcome === "rejected") {
      expect(result.rejected[0]?.reason).toBe("low_confidence");
    } else {
      expect(result.accepted[0]).toMatchObject({ status: outcome, source: "inferred", confidence });
    }
  });

  it.each(["health", "religion", "politics", "sexuality", "finances", "Mental Health", "finance"])(
    "an inferred memory in %s is only suggested, however confident",
    (category) => {
      const result = screen("I work as a nurse", [pref({ category, confidence_score: 0.99 })]);
      expect(result.accepted[0]?.status).toBe("suggested");
    },
  );

  it("a sensitive memory the user asked to remember is active", () => {
    const message = "Please remember that I have asthma";
    const result = screen(message, [
      pref({
        category: "health",
        topic: "condition",
        detail: "asthma",
        source_text: "I have asthma",
        explicit: true,
        confidence_score: 0.6,
      }),
    ]);
    expect(result.accepted[0]).toMatchObject({
      status: "active",
      source: "explicit",
      confidence: 1,
    });
  });

  it("ordinary categories are not sensitive", () => {
    expect(["work", "food", "travel", "tech", "other"].some(isSensitiveCategory)).toBe(false);
  });
});

describe("screenExtraction: explicit requests", () => {
  it.each([
    "Remember that I work as a nurse",
    "please remember: I work as a nurse",
    "Don't forget that I work as a nurse",
    "Can you remember that I work as a nurse?",
    "Ingat bahwa I work as a nurse",
    "Tolong ingat, I work as a nurse",
    "Ingatlah, I work as a nurse",
  ])("%j is an explicit request", (message) => {
    const [accepted] = screen(message, [pref({ explicit: true, confidence_score: 0.7 })]).accepted;
    expect(accepted).toMatchObject({ source: "explicit", confidence: 1, status: "active" });
  });

  it.each([
    "I work as a nurse",
    "Do you remember that I work as a nurse?",
    "I remember that I work as a nurse",
    "Saya ingat bahwa I work as a nurse",
  ])("%j is no request: the model's explicit flag is ignored", (message) => {
    const [accepted] = screen(message, [pref({ explicit: true, confidence_score: 0.7 })]).accepted;
    expect(accepted).toMatchObject({ source: "inferred", confidence: 0.7, status: "suggested" });
  });

  it("an unexplicit claim below the minimum is dropped even if the model says explicit", () => {
    const result = screen("I work as a nurse", [pref({ explicit: true, confidence_score: 0.2 })]);
    expect(result.rejected[0]?.reason).toBe("low_confidence");
  });
});

describe("screenExtraction: duplicates and forgets", () => {
  it("keeps one item per key, the strongest", () => {
    const result = screen("Remember that I work as a nurse", [
      pref({ topic: "Job", confidence_score: 0.95 }),
      pref({ topic: "my job", explicit: true }),
    ]);
    expect(result.accepted).toHaveLength(1);
    expect(result.accepted[0]?.source).toBe("explicit");
    expect(result.rejected.map((r) => r.reason)).toEqual(["duplicate"]);
  });

  it("honours a forget with the user's words and a forget phrase", () => {
    const forget = { category: "location", topic: "City", source_text: "forget where I live" };
    expect(screen("Please forget where I live", [], [forget]).forgets).toEqual([
      { category: "location", topic: "City", topicKey: "city", sourceText: "forget where I live" },
    ]);
    expect(
      screen("Lupakan kota saya", [], [{ ...forget, source_text: "Lupakan kota saya" }]).forgets,
    ).toHaveLength(1);
  });

  it("ignores a forget without a forget phrase or without evidence", () => {
    const forget = { category: "location", topic: "city", source_text: "where I live" };
    expect(screen("Don't forget where I live", [], [forget]).forgets).toEqual([]);
    expect(screen("Tell me where I live", [], [forget]).forgets).toEqual([]);
    expect(screen("Forget it", [], [forget]).forgets).toEqual([]);
  });
});

describe("request phrases", () => {
  it.each([
    ["remember that I'm vegan", true],
    ["Oh and remember, I hate cilantro", true],
    ["keep in mind that I'm left-handed", true],
    ["tolong ingat ya saya vegetarian", true],
    ["jangan lupa bahwa saya alergi kacang", true],
    ["I'd like you to remember that I'm vegan", true],
    ["remember when we talked about Bali?", false],
    ["I told you already, remember?", false],
    ["I can't remember that movie's name", false],
    ["you don't remember that I told you?", false],
    ["saya masih ingat bahwa dulu saya di Bandung", false],
  ])("remember request in %j: %s", (message, expected) => {
    expect(containsRememberRequest(message)).toBe(expected);
  });

  it.each([
    ["forget that I live in Paris", true],
    ["Can you forget my old job?", true],
    ["lupakan pekerjaan lama saya", true],
    ["hapus data kota saya", true],
    ["please delete that memory", true],
    ["don't forget my birthday", false],
    ["I always forget my keys", false],
    ["jangan lupakan saya", false],
    ["I forgot my umbrella", false],
  ])("forget request in %j: %s", (message, expected) => {
    expect(containsForgetRequest(message)).toBe(expected);
  });
});
