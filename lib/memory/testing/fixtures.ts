/**
 * Rows the memory tests need for their foreign keys — users, chats, messages and extraction
 * jobs — inserted directly with Drizzle, plus a builder for extraction output.
 */
import { randomUUID } from "node:crypto";
import type { Executor } from "@/lib/db/open";
import { chats, extractionJobs, memories, messages, users } from "@/lib/db/schema";
import type { ExtractionOutput, Preference } from "../extraction-schema";
import { type MemoryRow, memoryColumns } from "../memory-row";
import { topicKey } from "../normalize";

export async function createUser(db: Executor, name = "user"): Promise<string> {
  const [user] = await db
    .insert(users)
    .values({ email: `${name}-${randomUUID()}@example.com`, passwordHash: "not-a-real-hash" })
    .returning({ id: users.id });
  if (!user) throw new Error("no user inserted");
  return user.id;
}

export type Turn = {
  userId: string;
  chatId: string;
  userMessageId: string;
  assistantMessageId: string;
  jobId: string;
  observedAt: Date;
  userMessage: string;
};

let clock = Date.parse("2025-01-01T00:00:00.000Z");

/** A distinct, increasing message time per call (tests order turns explicitly when needed). */
export function nextTime(): Date {
  clock += 60_000;
  return new Date(clock);
}

/** A user message, the assistant's answer and the extraction job of that turn. */
export async function createTurn(
  db: Executor,
  options: { userId: string; userMessage: string; at?: Date; chatId?: string },
): Promise<Turn> {
  const observedAt = options.at ?? nextTime();
  let chatId = options.chatId;
  if (!chatId) {
    const [chat] = await db
      .insert(chats)
      .values({ userId: options.userId })
      .returning({ id: chats.id });
    if (!chat) throw new Error("no chat inserted");
    chatId = chat.id;
  }
  const [userMessage, assistantMessage] = await db
    .insert(messages)
    .values([
      {
        chatId,
        userId: options.userId,
        role: "user",
        parts: [{ type: "text", text: options.userMessage }],
        createdAt: observedAt,
      },
      {
        chatId,
        userId: options.userId,
        role: "assistant",
        parts: [{ type: "text", text: "Noted." }],
        createdAt: new Date(observedAt.getTime() + 1000),
      },
    ])
    .returning({ id: messages.id });
  if (!userMessage || !assistantMessage) throw new Error("no messages inserted");
  const [job] = await db
    .insert(extractionJobs)
    .values({
      userId: options.userId,
      chatId,
      userMessageId: userMessage.id,
      assistantMessageId: assistantMessage.id,
      status: "running",
    })
    .returning({ id: extractionJobs.id });
  if (!job) throw new Error("no job inserted");
  return {
    userId: options.userId,
    chatId,
    userMessageId: userMessage.id,
    assistantMessageId: assistantMessage.id,
    jobId: job.id,
    observedAt,
    userMessage: options.userMessage,
  };
}

/** A preference with sensible defaults: inferred, confident, quoting `source_text`. */
export function preference(
  fields: Partial<Preference> & Pick<Preference, "topic" | "detail">,
): Preference {
  return {
    type: "fact",
    category: "other",
    confidence_score: 0.9,
    source_text: fields.detail,
    explicit: false,
    ...fields,
  };
}

export function output(
  preferences: Preference[],
  forget: ExtractionOutput["forget"] = [],
): ExtractionOutput {
  return { preferences, forget };
}

export const THRESHOLDS = { minConfidence: 0.5, autoAcceptConfidence: 0.8 };

/** Inserts memory rows directly (no rules applied): for query and selection tests. */
export async function seedMemories(
  db: Executor,
  userId: string,
  rows: (Partial<typeof memories.$inferInsert> & { topic: string; detail: string })[],
): Promise<MemoryRow[]> {
  if (rows.length === 0) return [];
  const at = nextTime();
  return db
    .insert(memories)
    .values(
      rows.map((row) => ({
        type: "fact" as const,
        category: "other",
        topicKey: topicKey(row.topic),
        confidenceScore: 0.9,
        source: "inferred" as const,
        status: "active" as const,
        observedAt: at,
        lastSeenAt: at,
        ...row,
        userId,
      })),
    )
    .returning(memoryColumns);
}
