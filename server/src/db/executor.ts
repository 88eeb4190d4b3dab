import type { RunResult } from 'better-sqlite3'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type * as schema from './schema'

/**
 * Either the database or a transaction on it: store functions take this so that a route can
 * compose several of them inside one `db.transaction(...)`.
 */
export type DbExecutor = BaseSQLiteDatabase<'sync', RunResult, typeof schema>

/**
 * True when the database refused a write because it broke a UNIQUE or PRIMARY KEY constraint:
 * better-sqlite3's codes, or PostgreSQL's 23505 (which drizzle wraps, keeping it as `cause`).
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') return true
  }
  return false
}
