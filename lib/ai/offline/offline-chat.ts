/**
 * The offline model's chat replies: deterministic Markdown that acknowledges the
 * user's message and, when asked "what do you remember about me?" (English or Indonesian),
 * answers from the memory block of the system prompt — so the memory loop can be tried and
 * tested end to end without any API key. Replies in Indonesian when the user writes Indonesian.
 */
import { type PromptMemory, parseMemoryBlock } from "@/lib/ai/prompt-format";

export type OfflineChatInput = { system: string; lastUserMessage: string };

type Lang = "en" | "id";

const QUOTE_LIMIT = 160;

/** Only the start of a message is read: a recall question is short, and the scan stays bounded. */
export const SCAN_LIMIT = 500;

type WordSet = ReadonlySet<string>;
const words = (list: string) => new Set(list.split(" "));

/**
 * A question asked with words in order and anything between them ("what ELSE do you
 * remember about me"). Matched over words by a single forward pass, never by a backtracking
 * regex: `what.*you.*remember.*about me` is quadratic or worse on a long message.
 */
type OrderedQuestion = { inOrder: WordSet[]; endsWith: [WordSet, WordSet] };

const RECALL_EN_ORDERED: OrderedQuestion = {
  // "what do you remember about me", "what else do you know about me", "what have you learned of me"
  inOrder: [
    words("what"),
    words("you"),
    words("remember know recall learned learnt memorised memorized stored"),
  ],
  endsWith: [words("about of"), words("me")],
};
const RECALL_EN = [
  // "do you remember anything about me", "tell me what you know about me"
  /\b(?:do|did|can)\s+you\s+(?:remember|know|recall)\s+anything\s+about\s+me\b/u,
  /\btell\s+me\s+what\s+you\s+(?:remember|know)\s+about\s+me\b/u,
];
const RECALL_ID_ORDERED: OrderedQuestion = {
  // "apa yang kamu ingat tentang saya", "apa saja yang kau tahu tentang aku"
  inOrder: [words("apa"), words("ingat tahu ketahui kenal simpan")],
  endsWith: [words("tentang"), words("saya aku diriku gue gw")],
};
const RECALL_ID = [
  // "kamu ingat apa tentang saya"
  /\b(?:kamu|kau|anda)\s+(?:ingat|tahu)\s+apa\s+(?:saja\s+)?tentang\s+(?:saya|aku|diriku)\b/u,
];

const ID_WORDS =
  /\b(?:saya|aku|kamu|anda|yang|tidak|apa|ini|itu|dan|dengan|ingin|mau|suka|tinggal|bagaimana|halo|terima\s+kasih|tolong|bisa|ingat|tentang)\b/u;

const TYPE_ORDER = ["fact", "interest", "goal", "dislike"];
const HEADINGS: Record<Lang, Record<string, string>> = {
  en: { fact: "Facts", interest: "Interests", goal: "Goals", dislike: "Dislikes", other: "Other" },
  id: {
    fact: "Fakta",
    interest: "Minat",
    goal: "Tujuan",
    dislike: "Tidak disukai",
    other: "Lainnya",
  },
};

export function offlineChatReply({ system, lastUserMessage }: OfflineChatInput): string {
  const folded = fold(lastUserMessage.slice(0, SCAN_LIMIT));
  const tokens = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (asks(tokens, RECALL_ID_ORDERED) || RECALL_ID.some((pattern) => pattern.test(folded))) {
    return recallReply(parseMemoryBlock(system), "id");
  }
  if (asks(tokens, RECALL_EN_ORDERED) || RECALL_EN.some((pattern) => pattern.test(folded))) {
    return recallReply(parseMemoryBlock(system), "en");
  }
  return acknowledgement(lastUserMessage, ID_WORDS.test(folded) ? "id" : "en", system);
}

/** Linear: each word of the question is taken at its first occurrence after the previous one. */
function asks(tokens: string[], question: OrderedQuestion): boolean {
  let at = 0;
  for (const step of question.inOrder) {
    while (at < tokens.length && !step.has(tokens[at] ?? "")) at++;
    if (at === tokens.length) return false;
    at++;
  }
  const [first, second] = question.endsWith;
  for (; at < tokens.length - 1; at++) {
    if (first.has(tokens[at] ?? "") && second.has(tokens[at + 1] ?? "")) return true;
  }
  return false;
}

function recallReply(memories: PromptMemory[], lang: Lang): string {
  if (memories.length === 0) {
    return lang === "id"
      ? "Aku belum mengingat apa pun tentang kamu. Ceritakan sedikit tentang dirimu — misalnya *saya tinggal di Bandung* atau *saya suka sushi* — dan aku akan mengingatnya."
      : "I don't remember anything about you yet. Tell me a little about yourself — for example *I live in Bandung* or *I love sushi* — and I'll remember it.";
  }
  const intro =
    lang === "id" ? "Ini yang aku ingat tentang kamu:" : "Here's what I remember about you:";
  const outro =
    lang === "id"
      ? "Kamu bisa mengubah atau menghapus semuanya di halaman **Memori**."
      : "You can edit or delete any of it on the **Memory** page.";
  return [intro, ...groups(memories, lang), outro].join("\n\n");
}

function groups(memories: PromptMemory[], lang: Lang): string[] {
  const types = [
    ...TYPE_ORDER,
    ...new Set(memories.map((m) => m.type).filter((t) => !TYPE_ORDER.includes(t))),
  ];
  return types.flatMap((type) => {
    const ofType = memories.filter((memory) => memory.type === type);
    if (ofType.length === 0) return [];
    const heading = HEADINGS[lang][type] ?? HEADINGS[lang].other ?? type;
    const bullets = ofType.map(
      (memory) =>
        `- **${escapeMarkdown(memory.topic)}** (${escapeMarkdown(memory.category)}): ${escapeMarkdown(memory.detail)}`,
    );
    return [`**${heading}**\n${bullets.join("\n")}`];
  });
}

function acknowledgement(message: string, lang: Lang, system: string): string {
  const quoted = quote(message);
  const remembered = parseMemoryBlock(system).length;
  if (lang === "id") {
    const said = quoted ? `Kamu bilang: "${quoted}".` : "Pesanmu kosong.";
    const hint =
      remembered > 0
        ? `Aku sedang mengingat ${remembered} hal tentang kamu — tanya *apa yang kamu ingat tentang saya?* untuk melihatnya.`
        : "Ceritakan tentang dirimu (misalnya *saya bekerja sebagai guru*) dan aku akan mengingatnya.";
    return `${said}\n\nAku adalah **model offline Ingat**, jadi aku belum bisa benar-benar memikirkannya, tapi aku mendengarkan. ${hint}`;
  }
  const said = quoted ? `You said: "${quoted}".` : "Your message was empty.";
  const hint =
    remembered > 0
      ? `I'm keeping ${remembered} ${remembered === 1 ? "thing" : "things"} about you in mind — ask *what do you remember about me?* to see them.`
      : "Tell me about yourself (for example *I work as a teacher*) and I'll remember it.";
  return `${said}\n\nI'm **Ingat's offline model**, so I can't really think about it, but I'm listening. ${hint}`;
}

/** One line, bounded, with Markdown neutralised so the quote renders as the user typed it. */
function quote(message: string): string {
  const line = message.replace(/\s+/gu, " ").trim();
  const short = line.length > QUOTE_LIMIT ? `${line.slice(0, QUOTE_LIMIT).trimEnd()}…` : line;
  return escapeMarkdown(short);
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/gu, (char) => `\\${char}`);
}

function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`´]/gu, "'")
    .replace(/\s+/gu, " ");
}
