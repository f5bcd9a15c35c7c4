/**
 * Prepares the bench's database before the server opens it (PGlite has one owner at a time):
 * accounts for the chat users and users holding 100 … 10,000 memories, and measures memory
 * selection for the prompt in-process on the same data.
 */
import { randomUUID } from "node:crypto";
import { registerAccount } from "@/lib/auth/credentials";
import type { Database } from "@/lib/db/open";
import { memories } from "@/lib/db/schema";
import { topicKey } from "@/lib/memory/normalize";
import { selectMemoriesForPrompt } from "@/lib/memory/prompt-memories";
import { MEMORY_TYPES, SUGGESTED_CATEGORIES } from "@/lib/memory/vocabulary";

export const BENCH_PASSWORD = "bench-password-1234";

const WORDS = [
  "sailing",
  "rust",
  "sushi",
  "hiking",
  "jazz",
  "chess",
  "python",
  "coffee",
  "yoga",
  "bandung",
  "tea",
  "cycling",
  "photography",
  "gardening",
  "piano",
  "running",
  "anime",
  "baking",
  "surfing",
  "poetry",
];

export async function createAccounts(db: Database, count: number, label: string) {
  const accounts: { id: string; email: string }[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${label}-${i}-${randomUUID().slice(0, 6)}@bench.example`;
    accounts.push(await registerAccount(db, { email, password: BENCH_PASSWORD }));
  }
  return accounts;
}

export async function seedMemories(db: Database, userId: string, count: number): Promise<void> {
  const now = Date.now();
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, offset) => {
      const i = start + offset;
      const word = WORDS[i % WORDS.length] ?? "thing";
      const topic = `${word} ${i}`;
      const at = new Date(now - i * 60_000);
      return {
        userId,
        type: MEMORY_TYPES[i % MEMORY_TYPES.length] ?? "fact",
        category: SUGGESTED_CATEGORIES[i % SUGGESTED_CATEGORIES.length] ?? "other",
        topic,
        topicKey: topicKey(topic),
        detail: `cares about ${word} (note ${i})`,
        confidenceScore: 0.5 + ((i * 37) % 50) / 100,
        source: i % 10 === 0 ? ("user" as const) : ("inferred" as const),
        status: i % 7 === 0 ? ("suggested" as const) : ("active" as const),
        confirmedAt: i % 10 === 0 ? at : null,
        observedAt: at,
        lastSeenAt: at,
      };
    });
    await db.insert(memories).values(rows);
  }
}

/** Times selectMemoriesForPrompt for one user over varied latest messages. */
export async function timeMemorySelection(db: Database, userId: string, iterations: number) {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const word = WORDS[i % WORDS.length];
    const started = performance.now();
    await selectMemoriesForPrompt(db, {
      userId,
      latestMessage: `Any tips about ${word} this weekend?`,
    });
    samples.push(performance.now() - started);
  }
  return samples;
}
