/**
 * Rate limits before sign-in, kept in the database so every instance counts together: sign-in
 * attempts per account email and per client address, sign-ups per client address. Every
 * attempt is counted up front (parallel guesses cannot slip past), and a successful sign-in
 * takes its own attempt back, so only failures add up.
 */
import "server-only";
import { clientAddress } from "@/lib/api/client-address";
import type { Executor } from "@/lib/db/client";
import {
  clearClientRateLimit,
  deleteStaleClientRateLimits,
  hitClientRateLimit,
  type RateLimitResult,
  refundClientRateLimit,
} from "@/lib/db/queries/rate-limit";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

const SIGN_IN_EMAIL = "sign-in:email";
const SIGN_IN_ADDRESS = "sign-in:address";
const SIGN_UP_ADDRESS = "sign-up:address";

export type SignInSubject = { email: string; address: string };

/** The client address of a request, as the configured proxies allow it to be known. */
export function requestAddress(headers: Headers): string {
  return clientAddress(headers, getEnv().TRUST_PROXY);
}

/** "Too many attempts. Try again in 42 seconds." (minutes once it is more than two). */
export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const wait =
    retryAfterSeconds < 120
      ? `${retryAfterSeconds} ${retryAfterSeconds === 1 ? "second" : "seconds"}`
      : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return `Too many attempts. Try again in ${wait}.`;
}

const emailKey = (email: string) => email.trim().toLowerCase();

export async function countSignInAttempt(
  db: Executor,
  { email, address }: SignInSubject,
): Promise<RateLimitResult> {
  const env = getEnv();
  const windowSeconds = env.SIGN_IN_LIMIT_WINDOW_SECONDS;
  const results = await Promise.all([
    hitClientRateLimit(db, {
      bucket: SIGN_IN_EMAIL,
      subject: emailKey(email),
      limit: env.SIGN_IN_LIMIT_PER_EMAIL,
      windowSeconds,
    }),
    hitClientRateLimit(db, {
      bucket: SIGN_IN_ADDRESS,
      subject: address,
      limit: env.SIGN_IN_LIMIT_PER_ADDRESS,
      windowSeconds,
    }),
  ]);
  return combine(results);
}

/** The account got in: its earlier failures are forgotten and this attempt is not counted. */
export async function signInSucceeded(
  db: Executor,
  { email, address }: SignInSubject,
): Promise<void> {
  await Promise.all([
    clearClientRateLimit(db, { bucket: SIGN_IN_EMAIL, subject: emailKey(email) }),
    refundClientRateLimit(db, { bucket: SIGN_IN_ADDRESS, subject: address }),
  ]);
}

/** Counts a sign-up from this address; throws `rate_limited` when there were too many. */
export async function limitSignUp(db: Executor, { address }: { address: string }): Promise<void> {
  const env = getEnv();
  const result = await hitClientRateLimit(db, {
    bucket: SIGN_UP_ADDRESS,
    subject: address,
    limit: env.SIGN_UP_LIMIT_PER_ADDRESS,
    windowSeconds: env.SIGN_UP_LIMIT_WINDOW_SECONDS,
  });
  if (!result.allowed) {
    throw new AppError("rate_limited", tooManyAttemptsMessage(result.retryAfterSeconds), {
      retryAfterSeconds: result.retryAfterSeconds,
    });
  }
}

function combine(results: RateLimitResult[]): RateLimitResult {
  const blocked = results.filter((result) => !result.allowed);
  if (blocked.length === 0) return { allowed: true, retryAfterSeconds: 0 };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(...blocked.map((result) => result.retryAfterSeconds)),
  };
}

const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const globalForSweep = globalThis as unknown as { ingatClientLimitSweep?: NodeJS.Timeout };

/**
 * Every email and address ever tried leaves a counter: once its window is over it only takes
 * room, so the server removes those hourly.
 */
export function startClientRateLimitSweep(db: () => Promise<Executor>): void {
  if (globalForSweep.ingatClientLimitSweep) return;
  const env = getEnv();
  const longestWindowMs =
    Math.max(env.SIGN_IN_LIMIT_WINDOW_SECONDS, env.SIGN_UP_LIMIT_WINDOW_SECONDS) * 1000;
  const run = async () => {
    try {
      await deleteStaleClientRateLimits(await db(), {
        before: new Date(Date.now() - longestWindowMs),
      });
    } catch (error) {
      console.error("[rate-limits] sweep failed:", error instanceof Error ? error.name : error);
    }
  };
  globalForSweep.ingatClientLimitSweep = setInterval(run, SWEEP_INTERVAL_MS);
  globalForSweep.ingatClientLimitSweep.unref();
}
