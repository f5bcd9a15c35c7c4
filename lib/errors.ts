/**
 * One error type for everything a client may be told. Route handlers turn it into
 * `{ error: { code, message, field? } }` with the status of its code; anything else becomes a
 * generic 500 with no details.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  /** A per-user quota is full (memories): the message says what to free. */
  quota_exceeded: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  model_unavailable: 502,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * What exactly went wrong, finer than the code, for clients that say it in the user's language
 * ("current_password_wrong"). The message stays the English sentence for the same thing.
 */
export type ErrorReason = string;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly retryAfterSeconds?: number;
  readonly reason?: ErrorReason;
  /** Numbers the reason's sentence needs ("at most {max} characters"). */
  readonly params?: Record<string, number>;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      field?: string;
      retryAfterSeconds?: number;
      reason?: ErrorReason;
      params?: Record<string, number>;
    } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.reason = options.reason;
    this.params = options.params;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = "Not found", reason?: ErrorReason) =>
  new AppError("not_found", what, { reason });

/** "topic_required", "detail_too_long", "type_invalid": what is wrong with which field. */
export function fieldReason(field: string, issueCode: string | undefined): string {
  const kind =
    issueCode === "too_small" ? "required" : issueCode === "too_big" ? "too_long" : "invalid";
  return `${field.replaceAll(".", "_")}_${kind}`;
}

// Postgres (postgres.js) and PGlite both report the SQLSTATE, possibly wrapped by Drizzle.
function hasSqlState(error: unknown, state: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === state) return true;
  }
  return false;
}

export const isUniqueViolation = (error: unknown) => hasSqlState(error, "23505");
export const isForeignKeyViolation = (error: unknown) => hasSqlState(error, "23503");
