/**
 * The one Drizzle schema for Postgres and PGlite. Every table that holds a user's data carries
 * `user_id`, so every query can (and must) filter by it.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    name: text("name"),
    memoryEnabled: boolean("memory_enabled").notNull().default(true),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`)],
);

export const chats = pgTable(
  "chats",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull().default("New chat"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [index("chats_user_updated_idx").on(t.userId, t.updatedAt.desc())],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    chatId: uuid("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["user", "assistant"] }).notNull(),
    /** AI SDK UI message parts, as the client renders them. */
    parts: jsonb("parts").notNull(),
    /** Set on assistant messages that ended in an error or were stopped. */
    status: text("status", { enum: ["complete", "stopped", "error"] })
      .notNull()
      .default("complete"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("messages_chat_created_idx").on(t.chatId, t.createdAt)],
);

export const EXTRACTION_JOB_STATUSES = ["pending", "running", "done", "failed", "skipped"] as const;

export const extractionJobs = pgTable(
  "extraction_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    chatId: uuid("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    userMessageId: uuid("user_message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    /** One job per turn: the idempotency key of extraction. */
    assistantMessageId: uuid("assistant_message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    status: text("status", { enum: EXTRACTION_JOB_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    runAfter: timestamptz("run_after").notNull().defaultNow(),
    leaseExpiresAt: timestamptz("lease_expires_at"),
    lastError: text("last_error"),
    model: text("model"),
    latencyMs: integer("latency_ms"),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    memoriesChanged: integer("memories_changed"),
    /** What the job forgot, by key only: forgotten content is not kept anywhere. */
    forgotten: jsonb("forgotten").$type<{ category: string; topic: string }[]>(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
    completedAt: timestamptz("completed_at"),
  },
  (t) => [
    uniqueIndex("extraction_jobs_turn_idx").on(t.assistantMessageId),
    index("extraction_jobs_claim_idx").on(t.status, t.runAfter),
    index("extraction_jobs_user_idx").on(t.userId, t.createdAt),
  ],
);

export const MEMORY_SOURCES = ["inferred", "explicit", "user"] as const;
export const MEMORY_STATUSES = ["active", "suggested"] as const;

export const memories = pgTable(
  "memories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type", { enum: ["fact", "interest", "goal", "dislike"] }).notNull(),
    category: text("category").notNull(),
    topic: text("topic").notNull(),
    topicKey: text("topic_key").notNull(),
    detail: text("detail").notNull(),
    confidenceScore: real("confidence_score").notNull(),
    sourceText: text("source_text"),
    source: text("source", { enum: MEMORY_SOURCES }).notNull(),
    status: text("status", { enum: MEMORY_STATUSES }).notNull(),
    confirmedAt: timestamptz("confirmed_at"),
    chatId: uuid("chat_id").references(() => chats.id, { onDelete: "set null" }),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    /** A suggestion that would change an active memory ("Ingat thinks this changed"). */
    replacesMemoryId: uuid("replaces_memory_id").references((): AnyPgColumn => memories.id, {
      onDelete: "cascade",
    }),
    /** Time of the message the memory came from; the conflict rule compares this. */
    observedAt: timestamptz("observed_at").notNull(),
    lastSeenAt: timestamptz("last_seen_at").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce(topic, '') || ' ' || coalesce(detail, '') || ' ' || coalesce(category, ''))`,
    ),
  },
  (t) => [
    // One live (active) memory and at most one pending suggestion per key.
    uniqueIndex("memories_key_idx").on(t.userId, t.category, t.topicKey, t.status),
    index("memories_user_type_idx").on(t.userId, t.type, t.updatedAt.desc()),
    // Prompt selection (lib/memory/prompt-memories.ts): a user's active memories, most
    // important first, read straight off the index. Its ORDER BY must match this exactly.
    index("memories_prompt_idx").on(
      t.userId,
      t.status,
      sql`(${t.confirmedAt} is not null or ${t.source} <> 'inferred') desc`,
      t.confidenceScore.desc(),
      t.lastSeenAt.desc(),
      t.id,
    ),
    // fastupdate off: memories are written a few at a time, and a pending list (flushed only by
    // vacuum, which embedded PGlite never runs) would make searches fall back to full scans.
    index("memories_search_idx").using("gin", t.searchVector).with({ fastupdate: false }),
  ],
);

export const MEMORY_ACTORS = ["extractor", "explicit", "user"] as const;

export const memoryHistory = pgTable(
  "memory_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Cascade: deleting a memory deletes every copy of its content.
    memoryId: uuid("memory_id")
      .notNull()
      .references(() => memories.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    actor: text("actor", { enum: MEMORY_ACTORS }).notNull(),
    action: text("action").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    jobId: uuid("job_id").references(() => extractionJobs.id, { onDelete: "set null" }),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("memory_history_memory_idx").on(t.memoryId, t.createdAt),
    index("memory_history_job_idx").on(t.jobId),
  ],
);

export const rateLimits = pgTable(
  "rate_limits",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    bucket: text("bucket").notNull(),
    windowStart: timestamptz("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.bucket] })],
);

export type User = typeof users.$inferSelect;
export type Chat = typeof chats.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type ExtractionJob = typeof extractionJobs.$inferSelect;
export type Memory = typeof memories.$inferSelect;
export type MemoryHistoryEntry = typeof memoryHistory.$inferSelect;
