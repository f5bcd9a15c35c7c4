/**
 * What a log line may say about an error. Database errors are reduced to their class, SQLSTATE
 * and constraint: Drizzle's message holds the query's parameters (a message, a password hash),
 * and a driver's message may quote a value ("invalid input syntax for type uuid: …"). Other
 * errors keep their name and the first line of their message, bounded.
 */
const SQLSTATE = /^[0-9A-Z]{5}$/u;
const MESSAGE_LIMIT = 200;

type ErrorFields = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  query?: unknown;
  params?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
};

export function loggableError(error: unknown): string {
  if (!(error instanceof Error))
    return typeof error === "string" ? "non-Error thrown" : String(typeof error);
  const database = databaseErrorOf(error);
  if (database) return database;
  const firstLine = error.message.split("\n")[0] ?? "";
  const message =
    firstLine.length > MESSAGE_LIMIT ? `${firstLine.slice(0, MESSAGE_LIMIT)}…` : firstLine;
  return message ? `${error.name}: ${message}` : error.name;
}

export function isDatabaseError(error: unknown): boolean {
  return error instanceof Error && databaseErrorOf(error) !== null;
}

/** "database error (SQLSTATE 22P05)" when the error or one of its causes came from the database. */
function databaseErrorOf(error: Error): string | null {
  let fromDrizzle = false;
  let code: string | null = null;
  let constraint: string | null = null;
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const fields = e as ErrorFields;
    if ("query" in fields && "params" in fields) fromDrizzle = true;
    if (typeof fields.code === "string" && SQLSTATE.test(fields.code)) code ??= fields.code;
    const name = fields.constraint_name ?? fields.constraint;
    if (typeof name === "string") constraint ??= name;
    e = fields.cause;
  }
  if (!fromDrizzle && code === null) return null;
  const details = [code && `SQLSTATE ${code}`, constraint && `constraint ${constraint}`]
    .filter(Boolean)
    .join(", ");
  return `database error${details ? ` (${details})` : ""}`;
}
