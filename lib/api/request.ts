/** Request guards shared by the JSON routes: session, body parsing, ids. */
import "server-only";
import { z } from "zod";
import { getSessionUser, type SessionUser } from "@/lib/auth";
import { AppError, notFound } from "@/lib/errors";

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
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
    throw new AppError("bad_request", "The request body must be valid JSON.");
  }
  return parseInput(schema, json);
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const nul = pathOfNulCharacter(input);
  if (nul !== null) {
    // Postgres text and jsonb cannot hold U+0000: refuse it here rather than fail in the database.
    throw new AppError(
      "bad_request",
      `${nul || "The request"}: must not contain NUL characters (U+0000).`,
      { field: nul || undefined },
    );
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || undefined;
  throw new AppError(
    "bad_request",
    field ? `${field}: ${issue?.message}` : (issue?.message ?? "Invalid request."),
    { field },
  );
}

/**
 * The path ("message.parts.0.text") of the first string or key holding U+0000; "" for the input
 * itself; null when there is none. Iterative, so deeply nested input cannot overflow the stack.
 */
export function pathOfNulCharacter(input: unknown): string | null {
  const pending: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return path.join(".");
    } else if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        if (key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "")].join(".");
        pending.push({ value: child, path: [...path, key] });
      }
    }
  }
  return null;
}

/** A malformed id can't be one of the caller's, so it is simply not found. */
export function parseId(id: string, what = "Not found"): string {
  if (!z.uuid().safeParse(id).success) throw notFound(what);
  return id;
}

function tooLarge(maxBytes: number) {
  return new AppError(
    "payload_too_large",
    `The request is too large (limit ${Math.round(maxBytes / 1024)} KB).`,
  );
}
