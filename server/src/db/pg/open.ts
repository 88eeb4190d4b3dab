import path from 'node:path'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { createLogger, type Logger } from '../../log'
import * as schema from './schema'

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool }

/** The generated PostgreSQL SQL lives at the repository root, in its own folder beside the SQLite migrations. */
export const PG_MIGRATIONS_DIR = path.resolve(new URL('../../../../migrations/pg', import.meta.url).pathname)

/**
 * The advisory lock held while migrating, as two 32-bit keys: PostgreSQL keeps two-key advisory locks
 * apart from one-bigint-key locks, so it can never collide with a process's liveness lock
 * (`plan_leases.owner_key`, a single bigint key).
 */
export const PG_MIGRATION_LOCK = { classId: 0x484f4e47, objectId: 1 } as const

/**
 * TCP keepalives asked of the PostgreSQL server for every connection (seconds): when the machine
 * running a process vanishes, the server drops its connections after about idle + interval × count,
 * which releases its session advisory lock so its plans can be taken over. A connection string's
 * own `options` parameter takes precedence. Ignored on Unix sockets.
 */
const SERVER_KEEPALIVE_OPTIONS = '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3'

/** Client-side keepalive: how soon this process notices a database machine that vanished. */
const CLIENT_KEEPALIVE_DELAY_MS = 10_000

export interface OpenPgDbOptions {
  /** A PostgreSQL connection string (`DATABASE_URL`). */
  url: string
  migrationsFolder?: string
  /** Where to report errors on idle pooled connections; a quiet logger of its own when not given. */
  log?: Logger
  /** Largest number of pooled connections (node-postgres defaults to 10). */
  max?: number
  /**
   * PostgreSQL ends a session left idle inside a transaction this long (ms), releasing its
   * locks: a frozen process (SIGSTOP, a stalled VM) in the middle of an append would otherwise
   * hold its plan's lease row, and no other process could take the plan over. Its commit then
   * fails and nothing of it is acknowledged. Keep it at about the lease TTL (default 5 s).
   */
  idleInTransactionTimeoutMs?: number
}

export interface PgDatabase {
  db: PgDb
  pool: pg.Pool
  /** Ends every pooled connection; waits for checked-out clients to be released. Safe to call twice. */
  close(): Promise<void>
}

/**
 * Connects to PostgreSQL and applies every pending migration before anything else touches the
 * database. Several processes may start at once: each migrates while holding one advisory lock,
 * so the second finds the work done instead of racing the first.
 */
export async function openPgDb({
  url,
  migrationsFolder = PG_MIGRATIONS_DIR,
  log,
  max,
  idleInTransactionTimeoutMs = 5_000,
}: OpenPgDbOptions): Promise<PgDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    keepAlive: true,
    keepAliveInitialDelayMillis: CLIENT_KEEPALIVE_DELAY_MS,
    options: `${SERVER_KEEPALIVE_OPTIONS} -c idle_in_transaction_session_timeout=${Math.round(idleInTransactionTimeoutMs)}`,
    ...(max === undefined ? {} : { max }),
  })
  const logger = log ?? createLogger('warn')
  // An idle pooled client whose connection breaks (database restarted, network lost) emits
  // `error` on the pool; with no listener that would crash the process. The pool discards it.
  // Log the message only: node-postgres attaches the whole client to the error.
  pool.on('error', (err: Error & { code?: string }) =>
    logger.error({ event: 'pg_pool_error', error: err.message, code: err.code }, 'idle PostgreSQL connection failed'),
  )

  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await pool.end()
  }

  try {
    await migrateWithLock(pool, migrationsFolder)
  } catch (err) {
    await close()
    throw err
  }
  return { db: drizzle(pool, { schema }), pool, close }
}

/** Applies the migrations on one dedicated connection while it holds the migration lock. */
async function migrateWithLock(pool: pg.Pool, migrationsFolder: string): Promise<void> {
  const client = await pool.connect()
  const { classId, objectId } = PG_MIGRATION_LOCK
  let failure: Error | undefined
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [classId, objectId])
    try {
      // drizzle over this one client: the migrator's transaction runs on the connection that holds the lock.
      await migrate(drizzle(client, { schema }), { migrationsFolder })
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [classId, objectId])
    }
  } catch (err) {
    failure = err instanceof Error ? err : new Error(String(err))
    throw err
  } finally {
    // A client that failed mid-way may still hold the lock or an open transaction: destroy it
    // (closing the connection releases both) rather than return it to the pool.
    client.release(failure)
  }
}
