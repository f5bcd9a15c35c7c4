import { describe, expect, it } from "vitest";
import { extractionOutputSchema } from "@/lib/memory/extraction-schema";
import { forgetMatchesMemory, screenExtraction } from "@/lib/memory/gate";
import { normalizeCategory, topicKey } from "@/lib/memory/normalize";
import { ATTACKS } from "@/lib/memory/testing/attacks";
import { extractOffline, guessCategory, MAX_SCAN_CHARS } from "./offline-extractor";

/** "type/category/topic: detail" — compact enough to read a whole table at a glance. */
type Row = [message: string, expected: string[]];

const summary = (message: string) =>
  extractOffline(message).preferences.map((p) => `${p.type}/${p.category}/${p.topic}: ${p.detail}`);

const ENGLISH: Row[] = [
  [
    "I'm a marine biologist in Bandung, I want to learn Rust, and please never suggest seafood",
    [
      "fact/work/job: works as a marine biologist",
      "fact/location/city: lives in Bandung",
      "goal/education/rust: wants to learn Rust",
      "dislike/food/seafood: dislikes seafood",
    ],
  ],
  ["I work as a nurse.", ["fact/work/job: works as a nurse"]],
  ["I am an engineer", ["fact/work/job: works as an engineer"]],
  ["I work at Google", ["fact/work/employer: works at Google"]],
  ["I live in Jakarta now", ["fact/location/city: lives in Jakarta"]],
  ["I moved to Berlin last year", ["fact/location/city: lives in Berlin"]],
  ["I'm from Surabaya", ["fact/location/hometown: is from Surabaya"]],
  [
    "I speak English and Indonesian",
    ["fact/language/english: speaks English", "fact/language/indonesian: speaks Indonesian"],
  ],
  ["I have two kids", ["fact/family/children: has two kids"]],
  [
    "I love sushi, ramen and tempura!",
    [
      "interest/food/sushi: loves sushi",
      "interest/food/ramen: loves ramen",
      "interest/food/tempura: loves tempura",
    ],
  ],
  ["I enjoy hiking in the mountains", ["interest/hobbies/hiking: enjoys hiking in the mountains"]],
  ["I'm really into jazz", ["interest/hobbies/jazz: is into jazz"]],
  ["I like Python", ["interest/tech/python: likes Python"]],
  ["I'd like to learn Japanese", ["goal/education/japanese: wants to learn Japanese"]],
  ["I'm learning TypeScript", ["goal/education/typescript: is learning TypeScript"]],
  ["I want to build a mobile app", ["goal/tech/mobile app: wants to build a mobile app"]],
  ["I want to visit Japan", ["goal/travel/japan: wants to visit Japan"]],
  ["I hate cilantro", ["dislike/food/cilantro: dislikes cilantro"]],
  ["I don't like horror movies", ["dislike/media/horror movies: dislikes horror movies"]],
  ["Please don't suggest pork", ["dislike/food/pork: dislikes pork"]],
  [
    "I live in Bandung and work as a teacher",
    ["fact/location/city: lives in Bandung", "fact/work/job: works as a teacher"],
  ],
  [
    "I'm allergic to peanuts and shellfish",
    ["fact/health/allergy: allergic to peanuts and shellfish"],
  ],
  ["I live in Bandung, Indonesia", ["fact/location/city: lives in Bandung, Indonesia"]],
  ["I’m vegetarian", ["fact/food/diet: is vegetarian"]],
  ["My name is Budi", ["fact/other/name: is called Budi"]],
  ["My favourite food is rendang", ["interest/food/rendang: favourite food is rendang"]],
  ["I love Node.js", ["interest/tech/node.js: loves Node.js"]],
];

const INDONESIAN: Row[] = [
  ["Saya bekerja sebagai dokter.", ["fact/work/job: bekerja sebagai dokter"]],
  [
    "Saya seorang guru di Surabaya",
    ["fact/work/job: bekerja sebagai guru", "fact/location/city: tinggal di Surabaya"],
  ],
  ["Saya tinggal di Bandung", ["fact/location/city: tinggal di Bandung"]],
  ["Aku pindah ke Jakarta tahun lalu", ["fact/location/city: tinggal di Jakarta"]],
  ["Saya berasal dari Medan", ["fact/location/hometown: berasal dari Medan"]],
  ["Saya bisa berbicara bahasa Jawa", ["fact/language/jawa: berbicara bahasa Jawa"]],
  ["Saya punya dua anak", ["fact/family/children: punya dua anak"]],
  [
    "Saya suka nasi goreng dan sate",
    ["interest/food/nasi goreng: suka nasi goreng", "interest/food/sate: suka sate"],
  ],
  ["Saya senang membaca novel", ["interest/hobbies/membaca novel: senang membaca novel"]],
  ["Hobi saya bermain gitar", ["interest/hobbies/bermain gitar: hobi bermain gitar"]],
  ["Saya ingin belajar Rust", ["goal/education/rust: ingin belajar Rust"]],
  ["Aku mau belajar memasak", ["goal/education/memasak: ingin belajar memasak"]],
  ["Saya ingin membuat aplikasi kasir", ["goal/tech/aplikasi kasir: ingin membuat aplikasi kasir"]],
  ["Saya tidak suka durian", ["dislike/food/durian: tidak suka durian"]],
  ["Saya benci macet", ["dislike/other/macet: benci macet"]],
  ["Tolong jangan sarankan seafood", ["dislike/food/seafood: tidak suka seafood"]],
  [
    "Saya tinggal di Bandung dan bekerja sebagai desainer",
    ["fact/location/city: tinggal di Bandung", "fact/work/job: bekerja sebagai desainer"],
  ],
  ["Nama saya Budi", ["fact/other/name: bernama Budi"]],
];

const NOTHING: string[] = [
  "Do I like sushi?",
  "do i live in bandung",
  "What do you remember about me?",
  "Apakah saya suka sushi?",
  "My friend lives in Paris",
  "my sister loves sushi and hates durian",
  "Teman saya tinggal di Paris",
  "If I move to Jakarta I will need a car",
  "Kalau saya pindah ke Bali, saya mau surfing",
  "I love you",
  "I like it when you explain things step by step",
  "I'm a bit tired",
  "Saya senang sekali hari ini",
  "I want to go to bed",
  "Remember to buy milk",
  "My password is hunter2",
  "Remember that my password is hunter2",
  "Password saya rahasia123",
  "I love my card number 4111 1111 1111 1111",
  "Can you summarise this article for me?",
  "",
];

describe("extractOffline", () => {
  it.each(ENGLISH)("English: %s", (message, expected) => {
    expect(summary(message)).toEqual(expected);
  });

  it.each(INDONESIAN)("Indonesian: %s", (message, expected) => {
    expect(summary(message)).toEqual(expected);
  });

  it.each(NOTHING)("extracts nothing from %j", (message) => {
    expect(extractOffline(message)).toEqual({ preferences: [], forget: [] });
  });

  it("scores clear statements 0.9 and an implied city 0.8", () => {
    const [job, city] = extractOffline("I'm a marine biologist in Bandung").preferences;
    expect(job).toMatchObject({ confidence_score: 0.9, explicit: false });
    expect(city).toMatchObject({ confidence_score: 0.8, explicit: false });
  });

  it("quotes the exact clause, case preserved", () => {
    const message =
      "I'm a marine biologist in Bandung, I want to learn Rust, and please never suggest seafood";
    expect(extractOffline(message).preferences.map((p) => p.source_text)).toEqual([
      "I'm a marine biologist in Bandung",
      "I'm a marine biologist in Bandung",
      "I want to learn Rust",
      "please never suggest seafood",
    ]);
  });

  describe("explicit requests", () => {
    it("remembers an English statement with confidence 1", () => {
      expect(extractOffline("Remember that I'm allergic to peanuts").preferences).toEqual([
        {
          type: "fact",
          category: "health",
          topic: "allergy",
          detail: "allergic to peanuts",
          confidence_score: 1,
          source_text: "Remember that I'm allergic to peanuts",
          explicit: true,
        },
      ]);
    });

    it("remembers an Indonesian statement with confidence 1", () => {
      expect(extractOffline("ingat bahwa saya alergi kacang").preferences).toEqual([
        {
          type: "fact",
          category: "health",
          topic: "allergy",
          detail: "alergi kacang",
          confidence_score: 1,
          source_text: "ingat bahwa saya alergi kacang",
          explicit: true,
        },
      ]);
    });

    it("keeps the request for the rest of the sentence", () => {
      const preferences = extractOffline(
        "Please remember that I live in Depok and love tofu",
      ).preferences;
      expect(preferences.map((p) => [p.topic, p.explicit, p.confidence_score])).toEqual([
        ["city", true, 1],
        ["tofu", true, 1],
      ]);
    });

    it("stores an unknown remembered clause as a note", () => {
      expect(extractOffline("Remember that my birthday is on May 5").preferences).toMatchObject([
        {
          type: "fact",
          category: "other",
          topic: "birthday",
          detail: "my birthday is on May 5",
          explicit: true,
        },
      ]);
    });

    it("treats a polite question as a request", () => {
      expect(summary("Can you remember that I'm vegan?")).toEqual(["fact/food/diet: is vegan"]);
      expect(summary("Tolong ingat bahwa saya vegetarian")).toEqual([
        "fact/food/diet: seorang vegetarian",
      ]);
    });

    it("lets an explicit statement win over an inferred one on the same key", () => {
      const preferences = extractOffline(
        "Remember that I live in Bogor. I live in Depok.",
      ).preferences;
      expect(preferences).toMatchObject([
        { topic: "city", detail: "lives in Bogor", explicit: true },
      ]);
    });
  });

  describe("forget requests", () => {
    it.each([
      ["forget that I live in Bandung", "location", "city"],
      ["Lupakan bahwa saya tinggal di Bandung", "location", "city"],
      ["Please forget my job", "work", "job"],
      ["lupakan pekerjaanku", "work", "job"],
      ["Forget that I'm from Medan", "location", "hometown"],
      ["forget about sushi", "food", "sushi"],
      ["Forget that I want to learn Rust", "education", "rust"],
      ["delete the memory about my job", "work", "job"],
      ["hapus memori tentang alergiku", "health", "allergy"],
    ])("%s → %s/%s", (message, category, topic) => {
      expect(extractOffline(message)).toEqual({
        preferences: [],
        forget: [{ category, topic, source_text: message }],
      });
    });

    it("forgets every item of a list", () => {
      expect(extractOffline("Forget that I love sushi and ramen").forget).toEqual([
        { category: "food", topic: "sushi", source_text: "Forget that I love sushi" },
        { category: "food", topic: "ramen", source_text: "Forget that I love sushi and ramen" },
      ]);
    });

    it("ignores a forget with nothing to point at", () => {
      expect(extractOffline("forget it")).toEqual({ preferences: [], forget: [] });
    });
  });

  it("reads statements around a question in one message", () => {
    expect(summary("Do you know Bandung? I live there now. I live in Bandung.")).toEqual([
      "fact/location/city: lives in Bandung",
    ]);
  });

  it("always returns schema-valid output quoting the user's own words", () => {
    const messages = [
      ...ENGLISH.map(([message]) => message),
      ...INDONESIAN.map(([message]) => message),
      ...NOTHING,
      "Remember that I'm allergic to peanuts",
      "ingat bahwa saya alergi kacang",
      "Forget that I love sushi and ramen",
      "  I  LOVE   Sushi ,and I hate   WASABI!!  ",
    ];
    for (const message of messages) {
      const output = extractOffline(message);
      expect(extractionOutputSchema.parse(output)).toEqual(output);
      for (const item of [...output.preferences, ...output.forget]) {
        expect(message).toContain(item.source_text);
        expect(item.source_text.trim()).toBe(item.source_text);
        expect(item.topic).toBe(item.topic.toLowerCase());
      }
    }
  });

  it("guesses categories from a small keyword map", () => {
    expect(guessCategory("sushi")).toBe("food");
    expect(guessCategory("rust")).toBe("tech");
    expect(guessCategory("go")).toBe("tech");
    expect(guessCategory("machine learning")).toBe("tech");
    expect(guessCategory("football")).toBe("hobbies");
    expect(guessCategory("anime")).toBe("media");
    expect(guessCategory("stamps")).toBe("other");
  });
});

const gate = (message: string) =>
  screenExtraction(extractOffline(message), {
    userMessage: message,
    minConfidence: 0.5,
    autoAcceptConfidence: 0.8,
  });

describe("extractOffline keeps to the write gate's rules", () => {
  it.each([
    ...ENGLISH.map(([message]) => message),
    ...INDONESIAN.map(([message]) => message),
    "Remember that I'm allergic to peanuts",
    "ingat bahwa saya alergi kacang",
    "Please remember that I live in Depok and love tofu",
    "Remember that my birthday is on May 5",
    "Can you remember that I'm vegan?",
  ])("everything it finds in %j passes the gate", (message) => {
    const result = gate(message);
    expect(result.rejected).toEqual([]);
    expect(result.accepted.length).toBeGreaterThan(0);
  });

  it.each([
    "forget that I live in Bandung",
    "Lupakan bahwa saya tinggal di Bandung",
    "Please forget my job",
    "lupakan pekerjaanku",
    "Forget that I love sushi and ramen",
    "delete the memory about my job",
    "hapus memori tentang alergiku",
  ])("its forget for %j passes the gate", (message) => {
    const result = gate(message);
    expect(result.rejectedForgets).toEqual([]);
    expect(result.forgets.length).toBeGreaterThan(0);
  });

  it.each(ATTACKS.map((attack) => [attack.name, attack] as const))(
    "stores nothing of the attack %s",
    (_name, attack) => {
      const result = gate(attack.userMessage);
      const attacked = new Set(
        attack.output.preferences.map(
          (p) => `${normalizeCategory(p.category)}/${topicKey(p.topic)}/${p.detail}`,
        ),
      );
      const stored = result.accepted.filter((item) =>
        attacked.has(`${item.category}/${item.topicKey}/${item.detail}`),
      );
      expect(stored).toEqual([]);
      const aimed = new Set(
        attack.output.forget.map((f) => `${normalizeCategory(f.category)}/${topicKey(f.topic)}`),
      );
      const forgotten = result.forgets.filter(
        (forget) =>
          aimed.has(`${forget.category}/${forget.topicKey}`) &&
          (attack.existing ?? []).some(
            (memory) =>
              memory.category === forget.category &&
              topicKey(memory.topic) === forget.topicKey &&
              forgetMatchesMemory(forget, memory),
          ),
      );
      expect(forgotten).toEqual([]);
    },
  );

  it.each([
    'She always says "I work as a nurse" to strangers',
    "My colleague wrote:\n> I live in Paris and I love jazz",
    "Check this log:\nUser: I love sushi\nAssistant: noted",
    "```\nI work as a nurse\n```",
    "If I were a pilot I would fly every day",
    "Pretend I'm a doctor in Berlin",
    "Let's role-play. I'm a pirate and I love gold.",
    "Seandainya saya dokter, saya akan tinggal di Bali",
    "My sister works as a nurse",
    "Kakak saya bekerja sebagai perawat",
  ])("offers nothing from someone else's text or a pretence: %j", (message) => {
    expect(extractOffline(message)).toEqual({ preferences: [], forget: [] });
  });

  it("reads only the start of a very long message", () => {
    const filler = "This is filler text about nothing in particular. ".repeat(200);
    expect(filler.length).toBeGreaterThan(MAX_SCAN_CHARS);
    expect(summary(`I live in Bandung. ${filler}`)).toEqual([
      "fact/location/city: lives in Bandung",
    ]);
    expect(summary(`${filler} I live in Bandung.`)).toEqual([]);
  });
});
