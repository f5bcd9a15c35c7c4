/**
 * Opens and migrates a database of either kind. Shared by the server (through getDb) and the
 * test helpers, which open fresh databases of their own.
 */
import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { lockPgliteFolder } from "./pglite-lock";
import * as schema from "./schema";

type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>> & {
  /** Closes the underlying connection or PGlite instance. */
  $close: () => Promise<void>;
  $kind: "postgres" | "pglite";
};
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;
/** Either the database or an open transaction: query functions accept both. */
export type Executor = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

const migrationsFolder = path.join(process.cwd(), "drizzle");

// Any fixed number: several server instances starting together migrate one after another.
const MIGRATION_LOCK_KEY = 7_362_841;

export async function openDatabase(options: {
  DATABASE_URL?: string;
  PGLITE_DIR?: string;
  DATABASE_POOL_SIZE?: number;
  DATABASE_POOL_MODE?: "session" | "transaction";
}): Promise<Database> {
  if (options.DATABASE_URL) {
    return openPostgres(options.DATABASE_URL, {
      max: options.DATABASE_POOL_SIZE,
      // PgBouncer in transaction mode hands each transaction to any server connection, where a
      // statement prepared on another one does not exist.
      prepare: options.DATABASE_POOL_MODE !== "transaction",
    });
  }
  return openPglite(options.PGLITE_DIR ?? "./.data/pglite");
}

export async function openPostgres(
  url: string,
  { max = 10, prepare = true }: { max?: number; prepare?: boolean } = {},
): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // At least two connections: one holds the migration lock while another migrates.
  const client = postgres(url, { max: Math.max(max, 2), prepare, onnotice: () => {} });
  const db = drizzle({ client, schema });
  await client.begin(async (lockTx) => {
    await lockTx`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(db, { migrationsFolder });
  });
  return Object.assign(db, {
    $close: () => client.end({ timeout: 5 }),
    $kind: "postgres" as const,
  }) as unknown as Database;
}

/** `dataDir` undefined opens an in-memory database (tests). */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  // Likely duplicates are found by trigram similarity (pg_trgm, created by a migration); pgvector
  // serves semantic retrieval of memories (only used when EMBEDDING_MODEL is set).
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { vector } = await import("@electric-sql/pglite-pgvector");
  if (dataDir) mkdirSync(path.resolve(dataDir), { recursive: true });
  const releaseLock = dataDir ? lockPgliteFolder(path.resolve(dataDir)) : () => {};
  const options = { extensions: { pg_trgm, vector } };
  const client = dataDir ? new PGlite(path.resolve(dataDir), options) : new PGlite(options);
  const db = drizzle({ client, schema });
  try {
    await migrate(db, { migrationsFolder });
  } catch (error) {
    await client.close().catch(() => {});
    releaseLock();
    throw error;
  }
  return Object.assign(db, {
    $close: async () => {
      await client.close();
      releaseLock();
    },
    $kind: "pglite" as const,
  }) as unknown as Database;
}
