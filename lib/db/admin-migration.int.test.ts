import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { expect, it } from "vitest";

const migrations = path.join(process.cwd(), "drizzle");

it("an instance upgraded with accounts already in it gets its oldest account as admin", async () => {
  // The migrations before the one that added roles.
  const before = mkdtempSync(path.join(tmpdir(), "ingat-migrations-"));
  cpSync(migrations, before, { recursive: true });
  const journalFile = path.join(before, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((entry) => entry.tag.endsWith("_admin_roles_invites"));
  expect(index).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, index);
  writeFileSync(journalFile, JSON.stringify(journal));

  // The extensions later migrations create (trigram similarity, vectors), as lib/db/open.ts loads them.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { vector } = await import("@electric-sql/pglite-pgvector");
  const client = new PGlite({ extensions: { pg_trgm, vector } });
  const db = drizzle({ client });
  try {
    await migrate(db, { migrationsFolder: before });
    await client.exec(`
      insert into users (email, password_hash, created_at) values
        ('second@example.com', 'x', '2026-02-01'),
        ('oldest@example.com', 'x', '2026-01-01'),
        ('third@example.com', 'x', '2026-03-01');`);
    await migrate(db, { migrationsFolder: migrations });
    const { rows } = await client.query<{ email: string; role: string }>(
      "select email, role from users order by created_at",
    );
    expect(rows).toEqual([
      { email: "oldest@example.com", role: "admin" },
      { email: "second@example.com", role: "user" },
      { email: "third@example.com", role: "user" },
    ]);
  } finally {
    await client.close();
    rmSync(before, { recursive: true, force: true });
  }
}, 120_000);
