/**
 * The one Drizzle schema for Postgres and PGlite. Every table that holds a user's data carries
 * `user_id`, so every query can (and must) filter by it.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
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

export const USER_ROLES = ["user", "admin"] as const;

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    name: text("name"),
    memoryEnabled: boolean("memory_enabled").notNull().default(true),
    /** The first account of an instance is its admin. */
    role: text("role", { enum: USER_ROLES }).notNull().default("user"),
    /** Set by an admin: the account can neither sign in nor use a session it already has. */
    disabledAt: timestamptz("disabled_at"),
    lastSignInAt: timestamptz("last_sign_in_at"),
    /** The UI language the user chose ("en", "id"); null follows the browser. */
    language: text("language"),
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
    /** Not listed, nothing read from or written to memory; deleted when left, or by the sweep. */
    temporary: boolean("temporary").notNull().default(false),
    /**
     * The reply being written in this chat, on whichever instance: one at a time. The lease runs
     * on the database's clock and is renewed while the reply streams, so a crashed instance's
     * chat takes messages again once it runs out.
     */
    replyStreamId: uuid("reply_stream_id"),
    replyLeaseUntil: timestamptz("reply_lease_until"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("chats_user_updated_idx").on(t.userId, t.updatedAt.desc()),
    // Search chats: titles (the expression must match lib/db/queries/chat-search.ts).
    index("chats_title_search_idx")
      .using("gin", sql`to_tsvector('simple', ${t.title})`)
      .with({ fastupdate: false }),
    index("chats_temporary_idx").on(t.createdAt).where(sql`${t.temporary}`),
  ],
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
    /**
     * An assistant message: the memories its prompt carried, as they read then ("Used N
     * memories"). A forgotten one keeps only its id. Null when the reply used none.
     */
    usedMemories: jsonb("used_memories").$type<UsedMemory[]>(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    /** Search chats: the words of the message's text parts. */
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`jsonb_to_tsvector('simple', jsonb_path_query_array(parts, '$[*] ? (@.type == "text").text'), '["string"]')`,
    ),
  },
  (t) => [
    index("messages_chat_created_idx").on(t.chatId, t.createdAt),
    index("messages_search_idx").using("gin", t.searchVector).with({ fastupdate: false }),
    // Forgetting a memory finds the replies that used it (`used_memories @> '[{"id": …}]'`).
    index("messages_used_memories_idx").using("gin", sql`${t.usedMemories} jsonb_path_ops`),
  ],
);

/** A memory as a reply's prompt carried it; `forgotten` once the user forgot it. */
export type UsedMemory =
  | { id: string; type: string; category: string; topic: string; detail: string }
  | { id: string; forgotten: true };

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
    /** New on every claim: only the runner holding it may complete, fail or apply the job. */
    leaseToken: uuid("lease_token"),
    lastError: text("last_error"),
    model: text("model"),
    latencyMs: integer("latency_ms"),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    memoriesChanged: integer("memories_changed"),
    /** What the job forgot, by key only: forgotten content is not kept anywhere. */
    forgotten: jsonb("forgotten").$type<{ category: string; topic: string }[]>(),
    /** When the user undid this job's changes from the chat's notice. */
    undoneAt: timestamptz("undone_at"),
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
    /** Came from text the user pasted from another assistant (shown as "Imported" in Review). */
    imported: boolean("imported").notNull().default(false),
    /** Time of the message the memory came from; the conflict rule compares this. */
    observedAt: timestamptz("observed_at").notNull(),
    lastSeenAt: timestamptz("last_seen_at").notNull(),
    /** How many replies used this memory, and when the last did (counted after the reply). */
    useCount: integer("use_count").notNull().default(0),
    lastUsedAt: timestamptz("last_used_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
    // Words as written ('simple') and stemmed for English and Indonesian, so "nursing" finds
    // "nurse" and "kerja" finds "bekerja" whatever language the memory was written in.
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce(topic, '') || ' ' || coalesce(detail, '') || ' ' || coalesce(category, '')) || to_tsvector('english', coalesce(topic, '') || ' ' || coalesce(detail, '')) || to_tsvector('indonesian', coalesce(topic, '') || ' ' || coalesce(detail, ''))`,
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

/**
 * Embeddings of memories for semantic retrieval (only when EMBEDDING_MODEL is set): a cache
 * derived from the memory, rebuilt whenever the model or the memory's text changes. Stored as
 * a float array so one schema serves databases with and without pgvector.
 */
export const memoryEmbeddings = pgTable(
  "memory_embeddings",
  {
    memoryId: uuid("memory_id")
      .primaryKey()
      .references(() => memories.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    model: text("model").notNull(),
    /** Hash of the text that was embedded: a memory edited since then is embedded again. */
    contentHash: text("content_hash").notNull(),
    embedding: real("embedding").array().notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("memory_embeddings_user_idx").on(t.userId, t.model)],
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

/**
 * What the user (or an extraction job, on the user's "forget…") just forgot or deleted: gone
 * from memories, the page, the API, export and prompts at once, kept here only for Undo within
 * the undo window and purged when `purge_after` passes (the worker's durable purge job). One row
 * per action: the memory with its pending change, their history, and the other memories' quotes
 * and history as they were before the forgotten words were scrubbed from them.
 */
export const forgottenMemories = pgTable(
  "forgotten_memories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** SHA-256 of the undo token handed to the client; null when only the job's Undo restores it. */
    undoTokenHash: text("undo_token_hash"),
    /** The extraction job whose forget this was (the "Memory updated" notice's Undo). */
    jobId: uuid("job_id").references(() => extractionJobs.id, { onDelete: "set null" }),
    memories: jsonb("memories").notNull(),
    history: jsonb("history").notNull(),
    scrubbed: jsonb("scrubbed").notNull(),
    purgeAfter: timestamptz("purge_after").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("forgotten_memories_token_idx").on(t.undoTokenHash),
    index("forgotten_memories_user_idx").on(t.userId),
    index("forgotten_memories_purge_idx").on(t.purgeAfter),
    index("forgotten_memories_job_idx").on(t.jobId),
  ],
);

/**
 * Two memories the user said are not the same thing ("Keep both"): the pair is not offered as a
 * likely duplicate again. Stored with the smaller id first; leaves with either memory.
 */
export const memoryDistinctPairs = pgTable(
  "memory_distinct_pairs",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    firstMemoryId: uuid("first_memory_id")
      .notNull()
      .references(() => memories.id, { onDelete: "cascade" }),
    secondMemoryId: uuid("second_memory_id")
      .notNull()
      .references(() => memories.id, { onDelete: "cascade" }),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.firstMemoryId, t.secondMemoryId] }),
    index("memory_distinct_pairs_user_idx").on(t.userId),
    index("memory_distinct_pairs_second_idx").on(t.secondMemoryId),
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

export const REGISTRATION_MODES = ["open", "invite", "closed"] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

/**
 * Settings of the whole instance, set on the admin page: one row (id is always 1), shared by
 * every server on the database. No row means the defaults from the environment.
 */
export const instanceSettings = pgTable(
  "instance_settings",
  {
    id: integer("id").primaryKey().default(1),
    registrationMode: text("registration_mode", { enum: REGISTRATION_MODES }).notNull(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [check("instance_settings_one_row", sql`${t.id} = 1`)],
);

/** Single-use sign-up links an admin created. Only a SHA-256 of the link's token is kept. */
export const invites = pgTable(
  "invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamptz("expires_at").notNull(),
    usedAt: timestamptz("used_at"),
    usedBy: uuid("used_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invites_token_idx").on(t.tokenHash)],
);

/**
 * Counters for requests made before anyone is signed in (sign-in per email and per client
 * address, sign-up per address). `key` is a SHA-256 of the subject, so neither emails nor
 * addresses are kept in clear.
 */
export const clientRateLimits = pgTable(
  "client_rate_limits",
  {
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    windowStart: timestamptz("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bucket, t.key] }),
    index("client_rate_limits_window_idx").on(t.windowStart),
  ],
);

export type User = typeof users.$inferSelect;
export type Chat = typeof chats.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type ExtractionJob = typeof extractionJobs.$inferSelect;
export type Memory = typeof memories.$inferSelect;
export type MemoryHistoryEntry = typeof memoryHistory.$inferSelect;
export type ForgottenMemories = typeof forgottenMemories.$inferSelect;
