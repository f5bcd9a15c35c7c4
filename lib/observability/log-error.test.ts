import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { loggableError } from "./log-error";

const SECRET = "user text that must not be logged";

function driverError(code: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(`invalid input syntax for type uuid: "${SECRET}"`), {
    code,
    ...extra,
  });
}

describe("loggableError", () => {
  it("keeps only the SQLSTATE of a failed Drizzle query, never its parameters", () => {
    const error = new DrizzleQueryError(
      'insert into "messages" ("parts") values ($1)',
      [`[{"type":"text","text":"${SECRET}"}]`],
      driverError("22P05"),
    );
    const line = loggableError(error);
    expect(line).toBe("database error (SQLSTATE 22P05)");
    expect(line).not.toContain(SECRET);
  });

  it("names the constraint of a unique violation (Postgres and PGlite spell it differently)", () => {
    expect(loggableError(driverError("23505", { constraint_name: "users_email_unique" }))).toBe(
      "database error (SQLSTATE 23505, constraint users_email_unique)",
    );
    const wrapped = new Error("Failed query", {
      cause: driverError("23505", { constraint: "memories_topic_unique" }),
    });
    expect(loggableError(Object.assign(wrapped, { query: "…", params: [SECRET] }))).toBe(
      "database error (SQLSTATE 23505, constraint memories_topic_unique)",
    );
  });

  it("keeps the name and first line of other errors, bounded", () => {
    expect(loggableError(new TypeError("x is not a function\n    at y (file.ts:1:1)"))).toBe(
      "TypeError: x is not a function",
    );
    expect(loggableError(new Error("a".repeat(500))).length).toBeLessThan(220);
  });

  it("says nothing of a thrown non-Error's value", () => {
    expect(loggableError(SECRET)).not.toContain(SECRET);
    expect(loggableError({ secret: SECRET })).not.toContain(SECRET);
  });
});
