import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3'
import { getTableConfig as getPgTableConfig } from 'drizzle-orm/pg-core'
import type pg from 'pg'
import { CopyRefusedError, pgTables, planCopy, quote, type TablePlan } from './copy-to-postgres-plan'
import { DataDirInUseError, lockDataDir } from './db/data-dir-lock'
import { openDb } from './db/open'
import { openPgDb } from './db/pg/open'
import * as pgSchema from './db/pg/schema'

/**
 * `pnpm copy-to-postgres`: one SQLite installation (DATA_DIR) copied into an empty PostgreSQL
 * database, so an installation that outgrows one machine can move to several processes (issue 12).
 * The tables and columns come from the drizzle schemas, so a new table is copied without editing
 * this file; a table the PostgreSQL schema lacks stops the copy instead of being left behind
 * (copy-to-postgres-plan.ts decides what is copied; this file copies it).
 */

export { CopyRefusedError, foreignKeyOrder } from './copy-to-postgres-plan'

export interface CopyOptions {
  /** The data folder holding `hononga.db`. */
  dataDir: string
  /** The PostgreSQL database to fill (migrated first; must be empty). */
  databaseUrl: string
  /** Most rows in one INSERT (also bounded by PostgreSQL's 65,535 parameters). */
  batchRows?: number
  /** Rough byte size of one INSERT's values; a single larger row goes alone. Bounds memory. */
  batchBytes?: number
  /** Called as each table is copied (before the transaction commits), for progress output. */
  onTable?: (table: TableCopy) => void
}

/** One copied table: its row count and the bytes in its blob columns, checked equal on both sides. */
export interface TableCopy {
  table: string
  rows: number
  blobBytes: number
  /** The value the identity column hands out next, when the table has one. */
  nextId?: string
}

export interface CopyReport {
  /** The SQLite database file copied. */
  source: string
  /** The target, with any password hidden. */
  target: string
  /** In the order copied (foreign-key order). */
  tables: TableCopy[]
  /** PostgreSQL-only tables (leases, control events), left empty. */
  leftEmpty: string[]
}

const DEFAULT_BATCH_ROWS = 1_000
const DEFAULT_BATCH_BYTES = 8 * 1024 * 1024
/** PostgreSQL's limit on bind parameters in one statement. */
const MAX_PARAMETERS = 65_535
/** How long to wait for another session's hold on a target table before giving up. */
const LOCK_TIMEOUT = '15s'

/** `url` with its password (if any) replaced, for messages and output. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(the PostgreSQL URL given)'
  }
}

/** Roughly how many bytes a value adds to an INSERT (enough to bound a batch, not exact). */
function sizeOf(value: unknown): number {
  if (Buffer.isBuffer(value)) return value.length
  if (typeof value === 'string') return value.length * 2
  return 8
}

async function insertRows(client: pg.PoolClient, table: TablePlan, rows: unknown[][]): Promise<void> {
  const width = table.columns.length
  const tuples = rows.map((_, r) => `(${table.columns.map((_, c) => `$${r * width + c + 1}`).join(',')})`).join(',')
  const columns = table.columns.map((column) => quote(column.name)).join(',')
  const overriding = table.identity ? ' OVERRIDING SYSTEM VALUE' : ''
  await client.query(`INSERT INTO ${quote(table.name)} (${columns})${overriding} VALUES ${tuples}`, rows.flat())
}

/** Copies one table in batches read lazily from SQLite, then checks rows and blob bytes on both sides. */
async function copyTable(
  sqlite: Database.Database,
  client: pg.PoolClient,
  table: TablePlan,
  limits: { rows: number; bytes: number },
): Promise<TableCopy> {
  const select = sqlite.prepare(`SELECT ${table.columns.map((column) => quote(column.name)).join(',')} FROM ${quote(table.name)}`)
  const maxRows = Math.max(1, Math.min(limits.rows, Math.floor(MAX_PARAMETERS / table.columns.length)))
  let batch: unknown[][] = []
  let batchBytes = 0
  let copied = 0
  for (const raw of select.raw(true).safeIntegers(true).iterate() as IterableIterator<unknown[]>) {
    const row = raw.map((value, i) => table.columns[i]!.convert(value))
    const bytes = row.reduce<number>((sum, value) => sum + sizeOf(value), 0)
    if (batch.length > 0 && (batch.length >= maxRows || batchBytes + bytes > limits.bytes)) {
      await insertRows(client, table, batch)
      copied += batch.length
      batch = []
      batchBytes = 0
    }
    batch.push(row)
    batchBytes += bytes
  }
  if (batch.length > 0) await insertRows(client, table, batch)
  copied += batch.length

  const name = quote(table.name)
  const sqliteRows = (sqlite.prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }).n
  const { rows: pgCount } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`)
  const pgRows = Number(pgCount[0]!.n)
  if (sqliteRows !== copied || pgRows !== sqliteRows) {
    throw new Error(`${table.name}: SQLite has ${sqliteRows} rows, ${copied} were read and PostgreSQL has ${pgRows}.`)
  }
  let blobBytes = 0
  for (const column of table.blobColumns) {
    const sqliteBytes = (sqlite.prepare(`SELECT coalesce(sum(length(${quote(column)})), 0) AS n FROM ${name}`).get() as { n: number }).n
    const { rows } = await client.query<{ n: string }>(`SELECT coalesce(sum(octet_length(${quote(column)})), 0) AS n FROM ${name}`)
    if (Number(rows[0]!.n) !== sqliteBytes) {
      throw new Error(`${table.name}.${column}: SQLite holds ${sqliteBytes} bytes, PostgreSQL ${rows[0]!.n}.`)
    }
    blobBytes += sqliteBytes
  }
  const nextId = table.identity ? await advanceSequence(sqlite, client, table.name, table.identity) : undefined
  return { table: table.name, rows: pgRows, blobBytes, ...(nextId === undefined ? {} : { nextId }) }
}

/**
 * Sets the identity sequence of `table.column` past every id SQLite ever handed out: the highest
 * id present, or for an AUTOINCREMENT table the one in `sqlite_sequence` when higher (compaction
 * deletes the newest updates too, and `doc_states.compacted_through` still names their seq: a
 * reused seq would be skipped when the plan loads). Returns the next id PostgreSQL hands out.
 */
async function advanceSequence(sqlite: Database.Database, client: pg.PoolClient, table: string, column: string): Promise<string> {
  const highest = sqlite
    .prepare(`SELECT max(${quote(column)}) AS n FROM ${quote(table)}`)
    .safeIntegers(true)
    .get() as { n: bigint | null }
  const hasSequence = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'").get() !== undefined
  const issued = hasSequence
    ? (sqlite.prepare('SELECT seq AS n FROM sqlite_sequence WHERE name = ?').safeIntegers(true).get(table) as { n: bigint } | undefined)
    : undefined
  const last = [highest.n ?? 0n, issued?.n ?? 0n].reduce((a, b) => (a > b ? a : b))
  if (last < 1n) return '1'
  await client.query('SELECT setval(pg_get_serial_sequence($1, $2), $3, true)', [quote(table), column, last.toString()])
  return (last + 1n).toString()
}

/** Holds every target table against writers for the copy, then refuses unless all are empty. */
async function lockAndCheckEmpty(client: pg.PoolClient, target: string): Promise<void> {
  const names = pgTables().map((table) => getPgTableConfig(table).name)
  await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`)
  try {
    await client.query(`LOCK TABLE ${names.map(quote).join(', ')} IN EXCLUSIVE MODE`)
  } catch (error) {
    if ((error as { code?: string }).code !== '55P03') throw error
    throw new CopyRefusedError(`Another session is writing to ${target} (a Hononga server on it?); stop it, then copy.`)
  }
  const filled: string[] = []
  for (const name of names) {
    const { rows } = await client.query<{ filled: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(name)}) AS filled`)
    if (rows[0]!.filled) filled.push(name)
  }
  if (filled.length > 0) {
    throw new CopyRefusedError(
      `The PostgreSQL database ${target} is not empty: the table "${filled[0]}" has rows` +
        `${filled.length > 1 ? ` (so do ${filled.slice(1).join(', ')})` : ''}. The copy goes only into an empty database, ` +
        'so two installations are never mixed and a copy never runs twice: create a new database and copy into it.',
    )
  }
}

/**
 * Copies the SQLite database of `dataDir` into the PostgreSQL database at `databaseUrl`: takes
 * the data-folder lock (so no SQLite server runs on it meanwhile), applies pending migrations on
 * both sides, refuses unless every PostgreSQL table is empty, copies every table in foreign-key
 * order in one PostgreSQL transaction, and commits only once every table's row count and blob
 * bytes match. On any failure no row reaches PostgreSQL (its migrations may have run). Throws
 * {@link CopyRefusedError} when it will not start.
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyReport> {
  const { dataDir, databaseUrl } = options
  const source = path.join(dataDir, 'hononga.db')
  const target = redactUrl(databaseUrl)
  // Checked before the lock, which would create the folder.
  if (!fs.existsSync(source)) throw new CopyRefusedError(`There is no Hononga database at ${source}: is DATA_DIR (or --from) right?`)
  let lock: { release(): void }
  try {
    lock = lockDataDir(dataDir)
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error
    throw new CopyRefusedError(
      `A Hononga server is running on the data folder ${dataDir}. Stop it before copying, so that nothing changes while ` +
        'its database is copied (and start the PostgreSQL servers only after the copy).',
    )
  }
  try {
    // Pending SQLite migrations run first, as a server start would: the columns then match the schemas.
    const sqlite = openDb({ dataDir }).$client
    try {
      const tables = planCopy(sqlite)
      // One connection; PostgreSQL may end a transaction idle for a minute (a frozen copy releases its locks).
      const database = await openPgDb({ url: databaseUrl, max: 1, idleInTransactionTimeoutMs: 60_000 })
      try {
        const copied = await copyInOneTransaction(sqlite, database.pool, tables, target, options)
        const leftEmpty = [...pgSchema.PG_ONLY_TABLES]
        return { source, target, tables: copied, leftEmpty }
      } finally {
        await database.close()
      }
    } finally {
      sqlite.close()
    }
  } finally {
    lock.release()
  }
}

async function copyInOneTransaction(
  sqlite: Database.Database,
  pool: pg.Pool,
  tables: TablePlan[],
  target: string,
  options: CopyOptions,
): Promise<TableCopy[]> {
  const limits = { rows: options.batchRows ?? DEFAULT_BATCH_ROWS, bytes: options.batchBytes ?? DEFAULT_BATCH_BYTES }
  const client = await pool.connect()
  let failure: Error | undefined
  try {
    await client.query('BEGIN')
    await lockAndCheckEmpty(client, target)
    const copied: TableCopy[] = []
    // One read transaction: every table as of one moment.
    sqlite.exec('BEGIN')
    try {
      for (const table of tables) {
        const result = await copyTable(sqlite, client, table, limits)
        copied.push(result)
        options.onTable?.(result)
      }
    } finally {
      sqlite.exec('ROLLBACK')
    }
    await client.query('COMMIT')
    return copied
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error))
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    // A connection that failed mid-transaction is closed rather than reused.
    client.release(failure)
  }
}
