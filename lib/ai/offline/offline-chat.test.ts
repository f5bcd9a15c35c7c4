import { describe, expect, it } from "vitest";
import { formatMemoryBlock, type PromptMemory } from "@/lib/ai/prompt-format";
import { offlineChatReply, SCAN_LIMIT } from "./offline-chat";

const memories: PromptMemory[] = [
  { type: "interest", category: "food", topic: "sushi", detail: "loves sushi" },
  { type: "fact", category: "work", topic: "job", detail: "works as a marine biologist" },
  { type: "dislike", category: "food", topic: "seafood", detail: "dislikes seafood" },
  { type: "goal", category: "education", topic: "rust", detail: "wants to learn Rust" },
  { type: "fact", category: "location", topic: "city", detail: "lives in Bandung" },
];
const system = `You are Ingat.\n\n${formatMemoryBlock(memories)}\n\nBe concise.`;

describe("offlineChatReply", () => {
  it("acknowledges the message and says it is the offline model", () => {
    const reply = offlineChatReply({ system: "You are Ingat.", lastUserMessage: "How are you?" });
    expect(reply).toContain('You said: "How are you?"');
    expect(reply).toContain("**Ingat's offline model**");
  });

  it("answers in Indonesian to an Indonesian message", () => {
    const reply = offlineChatReply({ system: "", lastUserMessage: "Halo, apa kabar?" });
    expect(reply).toContain('Kamu bilang: "Halo, apa kabar?"');
    expect(reply).toContain("model offline Ingat");
  });

  it("quotes long messages on one bounded line with Markdown neutralised", () => {
    const reply = offlineChatReply({
      system: "",
      lastUserMessage: `**bold**\n\n${"word ".repeat(100)}`,
    });
    const quoted = reply.split("\n")[0] ?? "";
    expect(quoted).toContain("\\*\\*bold\\*\\*");
    expect(quoted).toContain("…");
    expect(quoted.length).toBeLessThan(220);
  });

  it("mentions how many memories it keeps in mind", () => {
    expect(offlineChatReply({ system, lastUserMessage: "hello" })).toContain("5 things about you");
  });

  it.each([
    "What do you remember about me?",
    "what do you know about me",
    "WHAT ELSE DO YOU REMEMBER ABOUT ME",
    "Hey, what do you recall about me?",
    "Do you remember anything about me?",
    "Tell me what you know about me.",
    "What’ve you learned about me so far?",
  ])("recalls memories grouped by type for %j", (question) => {
    const reply = offlineChatReply({ system, lastUserMessage: question });
    expect(reply).toBe(
      [
        "Here's what I remember about you:",
        "**Facts**\n- **job** (work): works as a marine biologist\n- **city** (location): lives in Bandung",
        "**Interests**\n- **sushi** (food): loves sushi",
        "**Goals**\n- **rust** (education): wants to learn Rust",
        "**Dislikes**\n- **seafood** (food): dislikes seafood",
        "You can edit or delete any of it on the **Memory** page.",
      ].join("\n\n"),
    );
  });

  it.each([
    "Apa yang kamu ingat tentang saya?",
    "apa yang kamu tahu tentang saya",
    "Apa saja yang kau ingat tentang aku?",
    "Kamu ingat apa tentang saya?",
  ])("recalls in Indonesian for %j", (question) => {
    const reply = offlineChatReply({ system, lastUserMessage: question });
    expect(reply.startsWith("Ini yang aku ingat tentang kamu:")).toBe(true);
    expect(reply).toContain("**Fakta**\n- **job** (work): works as a marine biologist");
    expect(reply).toContain("**Tidak disukai**\n- **seafood** (food): dislikes seafood");
  });

  it("says so when it remembers nothing yet", () => {
    expect(
      offlineChatReply({
        system: "You are Ingat.",
        lastUserMessage: "What do you remember about me?",
      }),
    ).toMatch(/^I don't remember anything about you yet/);
    expect(
      offlineChatReply({
        system: formatMemoryBlock([]),
        lastUserMessage: "apa yang kamu ingat tentang saya?",
      }),
    ).toMatch(/^Aku belum mengingat apa pun tentang kamu/);
  });

  it("does not mistake other questions for a recall request", () => {
    const reply = offlineChatReply({ system, lastUserMessage: "What do you know about Rust?" });
    expect(reply).toMatch(/^You said:/);
  });

  it("escapes Markdown inside memories", () => {
    const reply = offlineChatReply({
      system: formatMemoryBlock([
        { type: "interest", category: "tech", topic: "c#", detail: "likes *bold* [links](x)" },
      ]),
      lastUserMessage: "what do you remember about me",
    });
    expect(reply).toContain("- **c\\#** (tech): likes \\*bold\\* \\[links\\](x)");
  });

  it("is deterministic", () => {
    const input = { system, lastUserMessage: "I like sushi" };
    expect(offlineChatReply(input)).toBe(offlineChatReply(input));
  });

  it("answers a recall question at the start of a long message", () => {
    const long = `What do you remember about me? ${"what you know of me, ".repeat(400)}`;
    expect(offlineChatReply({ system, lastUserMessage: long })).toMatch(
      /^Here's what I remember about you:/,
    );
  });

  it("reads only the start of a message, so a long one costs no more than a short one", () => {
    const buried = `${"filler ".repeat(SCAN_LIMIT / 7 + 1)} what do you remember about me?`;
    expect(offlineChatReply({ system, lastUserMessage: buried })).toMatch(/^You said:/);
  });

  it("matches the words in order, not just anywhere", () => {
    expect(
      offlineChatReply({ system, lastUserMessage: "About me: you know what, I remember it" }),
    ).toMatch(/^You said:/);
    expect(
      offlineChatReply({ system, lastUserMessage: "what do you remember about meatballs" }),
    ).toMatch(/^You said:/);
  });
});
