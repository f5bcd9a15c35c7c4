/**
 * Fresh databases for integration tests: an in-memory PGlite always, and a brand-new database on
 * the Postgres server at TEST_DATABASE_URL when it is set, so runs never see each other's rows.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe } from "vitest";
import { type Database, openPglite, openPostgres } from "@/lib/db/open";

export type TestDatabaseKind = "pglite" | "postgres";

export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export async function createTestDatabase(kind: TestDatabaseKind): Promise<Database> {
  if (kind === "pglite") return openPglite(undefined);
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `ingat_test_${randomBytes(6).toString("hex")}`;
  const { default: postgres } = await import("postgres");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), { max: 5 });
  const close = db.$close;
  db.$close = async () => {
    await close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
  return db;
}

/**
 * Declares the suite once per database kind. `getDb()` gives the suite's database, created
 * before its tests and dropped after them.
 */
export function describeWithDatabase(
  title: string,
  body: (getDb: () => Database, kind: TestDatabaseKind) => void,
): void {
  for (const kind of testDatabaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      let db: Database | undefined;
      beforeAll(async () => {
        db = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await db?.$close();
      });
      body(() => {
        if (!db) throw new Error("test database not ready");
        return db;
      }, kind);
    });
  }
}
