/**
 * Typed configuration, parsed from the environment once (SPEC §2). Everything else imports
 * `env` instead of reading `process.env`, so a missing or malformed value fails loudly at start
 * with a message that names the variable.
 */
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

const envSchema = z
  .object({
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
        .optional(),
    ),
    PGLITE_DIR: z.string().trim().default("./.data/pglite"),
    AUTH_SECRET: optionalString,

    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalUrl,
    CHAT_MODEL: z.string().trim().default("gpt-5-mini"),

    EXTRACTION_API_KEY: optionalString,
    EXTRACTION_BASE_URL: optionalUrl,
    EXTRACTION_MODEL: optionalString,

    MEMORY_MIN_CONFIDENCE: probability(0.5),
    MEMORY_AUTO_ACCEPT_CONFIDENCE: probability(0.8),

    CHAT_MAX_MESSAGE_CHARS: positiveInt(8_000),
    CHAT_RATE_LIMIT_PER_MINUTE: positiveInt(20),
    EXTRACTION_TIMEOUT_MS: positiveInt(30_000),
    EXTRACTION_WORKER_INTERVAL_MS: positiveInt(5_000),
    EXTRACTION_LEASE_SECONDS: positiveInt(60),
    EXTRACTION_MAX_ATTEMPTS: positiveInt(5),
    EXTRACTION_BACKOFF_BASE_SECONDS: positiveInt(2),
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
