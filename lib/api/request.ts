/** Request guards shared by the JSON routes: session, body parsing, ids. */
import "server-only";
import { z } from "zod";
import { getSessionAccount, getSessionUser, type SessionUser } from "@/lib/auth";
import { ACCOUNT_DISABLED_MESSAGE } from "@/lib/auth/credentials";
import { AppError, fieldReason, notFound } from "@/lib/errors";

/** The signed-in user whose account is still active (read from the database): 401 otherwise. */
export async function requireUser(): Promise<SessionUser> {
  const account = await getSessionAccount();
  if (account?.status === "disabled")
    throw new AppError("unauthorized", ACCOUNT_DISABLED_MESSAGE, { reason: "account_disabled" });
  if (account?.status !== "active")
    throw new AppError("unauthorized", "Sign in to continue.", { reason: "sign_in" });
  return account.user;
}

/**
 * The session's user without reading the account, for a route that reads it in a query of its
 * own (the chat reply checks the account in its first statement).
 */
export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.", { reason: "sign_in" });
  return user;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Reads and validates a JSON body: 413 when too large, 400 naming the first failing field. */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  { maxBytes = DEFAULT_MAX_BODY_BYTES } = {},
): Promise<z.infer<S>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body must be valid JSON.", {
      reason: "invalid_json",
    });
  }
  return parseInput(schema, json);
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const unstorable = findUnstorableText(input);
  if (unstorable) {
    const { path, problem } = unstorable;
    throw new AppError("bad_request", `${path || "The request"}: ${UNSTORABLE_MESSAGES[problem]}`, {
      field: path || undefined,
    });
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  throw new AppError(
    "bad_request",
    field ? `${field}: ${issue?.message}` : (issue?.message ?? "Invalid request."),
    { field, reason: field ? fieldReason(field, issue?.code) : undefined },
  );
}

type UnstorableProblem = "nul" | "lone_surrogate";

// Postgres text and jsonb hold neither U+0000 nor half of a surrogate pair (JSON can spell both
// as escapes): refuse them here, naming the field, rather than fail in the database.
const UNSTORABLE_MESSAGES: Record<UnstorableProblem, string> = {
  nul: "must not contain NUL characters (U+0000).",
  lone_surrogate:
    "is not valid Unicode text (it holds half of a surrogate pair, such as \\ud800 on its own).",
};

function problemOf(text: string): UnstorableProblem | null {
  if (text.includes("\u0000")) return "nul";
  if (!text.isWellFormed()) return "lone_surrogate";
  return null;
}

/**
 * The path ("message.parts.0.text") and problem of the first string or key Postgres cannot
 * store; path "" for the input itself; null when there is none. Iterative, so deeply nested
 * input cannot overflow the stack.
 */
export function findUnstorableText(
  input: unknown,
): { path: string; problem: UnstorableProblem } | null {
  const pending: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === "string") {
      const problem = problemOf(value);
      if (problem) return { path: path.join("."), problem };
    } else if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        const problem = problemOf(key);
        if (problem) return { path: [...path, printableKey(key)].join("."), problem };
        pending.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}

/** A key as it can be shown in a message: without the characters that made it unstorable. */
function printableKey(key: string): string {
  return key.replaceAll("\u0000", "").toWellFormed().replaceAll("\ufffd", "");
}

/** A malformed id can't be one of the caller's, so it is simply not found. */
export function parseId(id: string, what = "Not found"): string {
  if (!z.uuid().safeParse(id).success) throw notFound(what);
  return id;
}

function tooLarge(maxBytes: number) {
  const limit =
    maxBytes >= 1024 * 1024
      ? `${Math.round(maxBytes / (1024 * 1024))} MB`
      : `${Math.round(maxBytes / 1024)} KB`;
  const reason: { reason: string; params: Record<string, number> } =
    maxBytes >= 1024 * 1024
      ? {
          reason: "request_too_large_mb",
          params: { limitMb: Math.round(maxBytes / (1024 * 1024)) },
        }
      : { reason: "request_too_large", params: { limitKb: Math.round(maxBytes / 1024) } };
  return new AppError("payload_too_large", `The request is too large (limit ${limit}).`, reason);
}
