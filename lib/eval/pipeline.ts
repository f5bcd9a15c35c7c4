/**
 * Runs eval cases through the product itself. An extraction case gets a new user and chat; its
 * `memories` are inserted as rows, then each turn is saved as messages, queued as an extraction
 * job (the outbox) and run by the job runner — prompt, extraction model, write gate, conflict
 * rule, rows — exactly as after a chat reply. A retrieval case gets its memories and asks the
 * prompt's memory selection what it would send with `query`.
 *
 * Nothing here knows how the gate decides: it only reads the rows the runner left. Each case
 * has its own user (every memory query filters by user, so a new user is an empty memory store)
 * and is deleted afterwards; callers may also give each case its own database.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Database, Executor } from "@/lib/db/open";
import { ensureChat } from "@/lib/db/queries/chats";
import { deleteUser, insertUser } from "@/lib/db/queries/users";
import { extractionJobs, memories, messages } from "@/lib/db/schema";
import { claimJob, enqueueExtractionJob } from "@/lib/jobs/extraction-queue";
import { runClaimedJob } from "@/lib/jobs/run-extraction";
import { type Embedder, embedPendingMemories } from "@/lib/memory/embeddings";
import { topicKey } from "@/lib/memory/normalize";
import { DEFAULT_MEMORY_TOKEN_BUDGET, selectMemoriesForPrompt } from "@/lib/memory/prompt-memories";
import type { ExtractionCase, RetrievalCase, SeedMemory } from "./dataset";
import type { MatchableMemory } from "./match";
import type { ExtractionRun, StoredRow } from "./score";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Message times of a case: turns a minute apart from `base`; its memories a week earlier, or a
 * day after the last turn when they are marked `observed: "after"`.
 */
export function caseTimes(base: Date, turns: number) {
  return {
    turn: (index: number) => new Date(base.getTime() + (index + 1) * MINUTE),
    seed: (observed: SeedMemory["observed"]) =>
      new Date(
        observed === "after"
          ? base.getTime() + (turns + 1) * MINUTE + DAY
          : base.getTime() - 7 * DAY,
      ),
  };
}

/** One row per (category, topic key, status): a background memory never clashes with a case's. */
const keyOf = (memory: SeedMemory) =>
  `${memory.category}\u0000${topicKey(memory.topic)}\u0000${memory.status}`;

async function createEvalUser(db: Executor): Promise<string> {
  const user = await insertUser(db, {
    email: `eval-${randomUUID()}@eval.invalid`,
    passwordHash: "eval-user-cannot-sign-in",
  });
  return user.id;
}

async function insertSeedMemories(
  db: Executor,
  userId: string,
  seeds: { memory: SeedMemory; at: Date }[],
): Promise<void> {
  if (seeds.length === 0) return;
  await db.insert(memories).values(
    seeds.map(({ memory, at }) => ({
      userId,
      type: memory.type,
      category: memory.category,
      topic: memory.topic,
      topicKey: topicKey(memory.topic),
      detail: memory.detail,
      confidenceScore: memory.confidence ?? (memory.source === "inferred" ? 0.9 : 1),
      sourceText: memory.source === "user" ? null : memory.detail,
      source: memory.source,
      status: memory.status,
      confirmedAt: memory.confirmed ? at : null,
      observedAt: at,
      lastSeenAt: at,
    })),
  );
}

async function userMemories(db: Executor, userId: string): Promise<StoredRow[]> {
  return db
    .select({
      id: memories.id,
      type: memories.type,
      category: memories.category,
      topic: memories.topic,
      detail: memories.detail,
      status: memories.status,
      source: memories.source,
    })
    .from(memories)
    .where(and(eq(memories.userId, userId), inArray(memories.status, ["active", "suggested"])))
    .orderBy(memories.category, memories.topicKey, memories.status);
}

async function runTurn(
  db: Database,
  turn: { userId: string; chatId: string; user: string; assistant: string; at: Date },
): Promise<string | null> {
  const [said, answered] = await db
    .insert(messages)
    .values([
      {
        chatId: turn.chatId,
        userId: turn.userId,
        role: "user" as const,
        parts: [{ type: "text", text: turn.user }],
        createdAt: turn.at,
      },
      {
        chatId: turn.chatId,
        userId: turn.userId,
        role: "assistant" as const,
        parts: [{ type: "text", text: turn.assistant }],
        createdAt: new Date(turn.at.getTime() + 1000),
      },
    ])
    .returning({ id: messages.id });
  if (!said || !answered) throw new Error("the turn's messages were not saved");
  const jobId = await enqueueExtractionJob(db, {
    userId: turn.userId,
    chatId: turn.chatId,
    userMessageId: said.id,
    assistantMessageId: answered.id,
  });
  const job = jobId ? await claimJob(db, jobId) : null;
  if (!job) return "the extraction job could not be queued and claimed";
  const outcome = await runClaimedJob(db, job);
  if (outcome === "done") return null;
  const [row] = await db
    .select({ lastError: extractionJobs.lastError })
    .from(extractionJobs)
    .where(eq(extractionJobs.id, job.id));
  return `${outcome}${row?.lastError ? ` — ${row.lastError}` : ""}`;
}

export async function runExtractionCase(
  db: Database,
  evalCase: ExtractionCase,
  base: Date,
): Promise<ExtractionRun> {
  const times = caseTimes(base, evalCase.turns.length);
  const userId = await createEvalUser(db);
  try {
    await insertSeedMemories(
      db,
      userId,
      evalCase.memories.map((memory) => ({ memory, at: times.seed(memory.observed) })),
    );
    const seeded = await userMemories(db, userId);
    const chatId = randomUUID();
    await ensureChat(db, { userId, chatId });
    const errors: string[] = [];
    for (const [index, turn] of evalCase.turns.entries()) {
      const error = await runTurn(db, { userId, chatId, ...turn, at: times.turn(index) });
      if (error) errors.push(`turn ${index + 1}: ${error}`);
    }
    return { seeded, final: await userMemories(db, userId), errors };
  } finally {
    await deleteUser(db, { userId });
  }
}

export async function runRetrievalCase(
  db: Database,
  evalCase: RetrievalCase,
  {
    base,
    background,
    embedder = null,
  }: { base: Date; background: SeedMemory[]; embedder?: Embedder | null },
): Promise<{ memories: number; selected: MatchableMemory[] }> {
  const times = caseTimes(base, 0);
  const userId = await createEvalUser(db);
  try {
    // The case's memories are older than the background: only relevance, not recency, can
    // bring them into a prompt that cannot hold everything.
    const own = new Set(evalCase.memories.map(keyOf));
    const pool = background
      .slice(0, evalCase.background)
      .filter((memory) => !own.has(keyOf(memory)));
    await insertSeedMemories(db, userId, [
      ...evalCase.memories.map((memory) => ({ memory, at: times.seed("before") })),
      ...pool.map((memory, index) => ({ memory, at: new Date(base.getTime() + index * MINUTE) })),
    ]);
    // As in the app after the memories were written (there in the background).
    if (embedder) await embedPendingMemories(db, { userId, embedder });
    const selected = await selectMemoriesForPrompt(db, {
      userId,
      latestMessage: evalCase.query,
      tokenBudget: evalCase.budget ?? DEFAULT_MEMORY_TOKEN_BUDGET,
      embedder,
    });
    return { memories: evalCase.memories.length + pool.length, selected };
  } finally {
    await deleteUser(db, { userId });
  }
}
