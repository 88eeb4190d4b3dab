import type Database from 'better-sqlite3'
import { lt } from 'drizzle-orm'
import type { DbExecutor } from './executor'
import { idempotencyKeys } from './schema'

/**
 * Idempotency keys of governance commands: the first answer to a (user, key), kept so a
 * retry gets it instead of applying the command again. Written by the SQLite DocStore,
 * inside the transaction that appends the command's document update (see
 * collab/sqlite-doc-store.ts), or on its own for a command that changed nothing.
 */

export interface StoredIdempotency {
  userId: string
  key: string
  planId: string
  command: string
  status: number
  body: string
}

/** Prepared statements (better-sqlite3), for use inside the append transaction. */
export function idempotencyStatements(sqlite: Database.Database) {
  const insert = sqlite.prepare<[string, string, string, string, number, string, number]>(
    // OR IGNORE: a key already stored keeps its first answer (and a duplicate never fails
    // the batch of updates it travels with).
    'INSERT OR IGNORE INTO idempotency_keys (user_id, key, plan_id, command, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const select = sqlite.prepare<
    [string, string],
    { user_id: string; key: string; plan_id: string; command: string; status: number; body: string }
  >('SELECT user_id, key, plan_id, command, status, body FROM idempotency_keys WHERE user_id = ? AND key = ?')
  return {
    insert(record: StoredIdempotency, at: number): void {
      insert.run(record.userId, record.key, record.planId, record.command, record.status, record.body, at)
    },
    find(userId: string, key: string): StoredIdempotency | null {
      const row = select.get(userId, key)
      return row
        ? { userId: row.user_id, key: row.key, planId: row.plan_id, command: row.command, status: row.status, body: row.body }
        : null
    },
  }
}

/** Deletes keys older than `before`; returns how many. */
export function pruneIdempotencyKeys(db: DbExecutor, before: number): number {
  return db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before)).run().changes
}
