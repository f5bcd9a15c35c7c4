/**
 * Statements on the reply path, built once per database and then only executed: building a
 * Drizzle query costs more CPU than sending it, and these run on every chat message. Values
 * are `sql.placeholder`s filled at execution. (Whether the server also prepares them is the
 * driver's choice: postgres.js does unless DATABASE_POOL_MODE=transaction.)
 */
import "server-only";
import type { Executor } from "./open";

const statements = new WeakMap<Executor, Map<string, unknown>>();

export function preparedStatement<T>(db: Executor, name: string, build: (db: Executor) => T): T {
  let forDb = statements.get(db);
  if (!forDb) {
    forDb = new Map();
    statements.set(db, forDb);
  }
  let statement = forDb.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    forDb.set(name, statement);
  }
  return statement;
}
