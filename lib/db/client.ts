/**
 * The database connection: postgres.js when DATABASE_URL is set, otherwise embedded PGlite in
 * PGLITE_DIR. Opened lazily (so `next build` never touches a database) and migrated once per
 * process before first use.
 */
import "server-only";
import { getEnv } from "@/lib/env";
import { type Database, openDatabase } from "./open";

const globalForDb = globalThis as unknown as { ingatDb?: Promise<Database> };

/** The process-wide database, opened and migrated on first call. */
export function getDb(): Promise<Database> {
  globalForDb.ingatDb ??= openDatabase(getEnv()).catch((error: unknown) => {
    globalForDb.ingatDb = undefined;
    throw error;
  });
  return globalForDb.ingatDb;
}

export type { Database, Executor } from "./open";
