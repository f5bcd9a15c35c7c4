/**
 * Typed configuration, parsed from the environment once. Everything else imports
 * `env` instead of reading `process.env`, so a missing or malformed value fails loudly at start
 * with a message that names the variable.
 */
import "server-only";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalUrl = optionalString.pipe(
  z.url({ message: "must be a URL such as http://127.0.0.1:11434/v1" }).optional(),
);

const probability = (fallback: number) => z.coerce.number().min(0).max(1).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** How many proxies in front of the app append to X-Forwarded-For: `true` is one, unset none. */
const proxyHops = optionalString
  .transform((value) => {
    if (value === undefined || value === "false") return 0;
    return value === "true" ? 1 : Number(value);
  })
  .pipe(z.number().int("must be true, false or a number of proxies").min(0).max(10));

const envSchema = z
  .object({
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
        .optional(),
    ),
    /**
     * Postgres itself, bypassing a pooler, for the one session that LISTENs (PgBouncer in
     * transaction mode cannot hold a LISTEN). Defaults to DATABASE_URL.
     */
    DATABASE_DIRECT_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
        .optional(),
    ),
    /** `transaction` behind PgBouncer in transaction mode: no prepared statements. */
    DATABASE_POOL_MODE: optionalString
      .pipe(z.enum(["session", "transaction"]).optional())
      .transform((value) => value ?? "session"),
    /** Connections this process keeps open to Postgres (the LISTEN session not counted). */
    DATABASE_POOL_SIZE: positiveInt(10),
    PGLITE_DIR: z.string().trim().default("./.data/pglite"),
    AUTH_SECRET: optionalString,

    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalUrl,
    CHAT_MODEL: z.string().trim().default("gpt-5-mini"),

    EXTRACTION_API_KEY: optionalString,
    EXTRACTION_BASE_URL: optionalUrl,
    EXTRACTION_MODEL: optionalString,
    // Semantic retrieval of memories: off unless EMBEDDING_MODEL is set.
    EMBEDDING_MODEL: optionalString,
    EMBEDDING_API_KEY: optionalString,
    EMBEDDING_BASE_URL: optionalUrl,
    EMBEDDING_TIMEOUT_MS: positiveInt(400),
    /** How extraction asks for JSON; `auto` tries the best mode first and learns what works. */
    EXTRACTION_STRUCTURED_OUTPUT: optionalString
      .pipe(z.enum(["auto", "json_schema", "json_object", "tool", "text"]).optional())
      .transform((value) => value ?? "auto"),

    /** Who may create an account until an admin sets it on the admin page. */
    REGISTRATION_MODE: optionalString
      .pipe(z.enum(["open", "invite", "closed"]).optional())
      .transform((value) => value ?? "open"),

    MEMORY_MIN_CONFIDENCE: probability(0.5),
    MEMORY_AUTO_ACCEPT_CONFIDENCE: probability(0.8),
    MEMORY_UNDO_SECONDS: positiveInt(600),

    MEMORY_MAX_PER_USER: positiveInt(2_000),
    MEMORY_HISTORY_MAX_PER_MEMORY: positiveInt(50),
    MEMORY_WRITE_RATE_LIMIT_PER_MINUTE: positiveInt(120),

    TRUST_PROXY: proxyHops,
    SIGN_IN_LIMIT_PER_EMAIL: positiveInt(10),
    SIGN_IN_LIMIT_PER_ADDRESS: positiveInt(50),
    SIGN_IN_LIMIT_WINDOW_SECONDS: positiveInt(900),
    SIGN_UP_LIMIT_PER_ADDRESS: positiveInt(20),
    SIGN_UP_LIMIT_WINDOW_SECONDS: positiveInt(3_600),

    CHAT_MAX_MESSAGE_CHARS: positiveInt(8_000),
    CHAT_RATE_LIMIT_PER_MINUTE: positiveInt(20),
    /**
     * How long a chat stays reserved for the reply being written in it without a sign of life
     * from the instance writing it (renewed while it streams): after a crash, the wait before
     * the chat takes a new message.
     */
    CHAT_REPLY_LEASE_SECONDS: positiveInt(30),
    CHAT_HISTORY_MAX_MESSAGES: positiveInt(30),
    CHAT_HISTORY_TOKEN_BUDGET: positiveInt(8_000),
    CHAT_MAX_OUTPUT_TOKENS: positiveInt(8_192),
    EXTRACTION_MAX_OUTPUT_TOKENS: positiveInt(4_000),
    EXTRACTION_TIMEOUT_MS: positiveInt(30_000),
    /**
     * `inline` (the default): the web server extracts after each reply and runs the worker
     * loop. `off`: it only queues jobs, for `npm run worker` processes to run.
     */
    EXTRACTION_WORKER: optionalString
      .pipe(z.enum(["inline", "off"]).optional())
      .transform((value) => value ?? "inline"),
    EXTRACTION_WORKER_INTERVAL_MS: positiveInt(5_000),
    EXTRACTION_LEASE_SECONDS: positiveInt(60),
    EXTRACTION_MAX_ATTEMPTS: positiveInt(5),
    EXTRACTION_BACKOFF_BASE_SECONDS: positiveInt(2),

    // "1" sends the reply's step durations as a Server-Timing header (the bench reads it); off by
    // default, since it tells anyone how long the server's steps take.
    SERVER_TIMING: optionalString
      .pipe(z.enum(["0", "1"], { message: "must be 0 or 1" }).optional())
      .transform((value) => value === "1"),
  })
  .refine((value) => value.MEMORY_MIN_CONFIDENCE <= value.MEMORY_AUTO_ACCEPT_CONFIDENCE, {
    message: "MEMORY_MIN_CONFIDENCE must not be above MEMORY_AUTO_ACCEPT_CONFIDENCE",
    path: ["MEMORY_MIN_CONFIDENCE"],
  })
  // A lease that ends before the call's time limit hands a job still being worked on to a
  // second runner: harmless (applying is idempotent) but wasted work.
  .refine((value) => value.EXTRACTION_LEASE_SECONDS * 1000 > value.EXTRACTION_TIMEOUT_MS, {
    message: "EXTRACTION_LEASE_SECONDS must be longer than EXTRACTION_TIMEOUT_MS",
    path: ["EXTRACTION_LEASE_SECONDS"],
  });

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `  ${issue.path.join(".")}: ${issue.message}`)
      .join("\n");
    throw new Error(`Invalid configuration (see .env.example):\n${problems}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated configuration of this process. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
