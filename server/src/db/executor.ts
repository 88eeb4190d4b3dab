import type { RunResult } from 'better-sqlite3'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type * as schema from './schema'

/**
 * Either the database or a transaction on it: store functions take this so that a route can
 * compose several of them inside one `db.transaction(...)`.
 */
export type DbExecutor = BaseSQLiteDatabase<'sync', RunResult, typeof schema>

/** True when better-sqlite3 refused a write because it broke a UNIQUE or PRIMARY KEY constraint. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}
