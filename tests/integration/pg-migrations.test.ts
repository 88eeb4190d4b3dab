import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openPgDb, PG_MIGRATION_LOCK, PG_MIGRATIONS_DIR, type PgDatabase } from '../../server/src/db/pg/open'
import * as pgSchema from '../../server/src/db/pg/schema'
import { connectPg } from './support/pg-client'
import { describeWithPostgres, startPostgres, type PgServer } from './support/postgres'

interface Journal {
  entries: { idx: number; tag: string }[]
}

interface Snapshot {
  tables: Record<string, { name: string; indexes: Record<string, { name: string }> }>
}

const readJson = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(PG_MIGRATIONS_DIR, 'meta', file), 'utf8')) as T
const journal = readJson<Journal>('_journal.json')
/** drizzle-kit's snapshot after the last migration: the schema a migrated database must have. */
const latest = readJson<Snapshot>(`${String(journal.entries.at(-1)?.idx).padStart(4, '0')}_snapshot.json`)
const expectedTables = Object.values(latest.tables)
  .map((table) => table.name)
  .sort()
const expectedIndexes = Object.values(latest.tables)
  .flatMap((table) => Object.values(table.indexes).map((index) => index.name))
  .sort()

async function publicTables({ pool }: PgDatabase): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
  )
  return rows.map((row) => row.name).sort()
}

async function appliedMigrations({ pool }: PgDatabase): Promise<number> {
  const { rows } = await pool.query<{ count: string }>('SELECT count(*) AS count FROM drizzle.__drizzle_migrations')
  return Number(rows[0]?.count)
}

describeWithPostgres('PostgreSQL migrations', () => {
  let postgres: PgServer
  const opened: PgDatabase[] = []
  const open = async (url: string) => {
    const database = await openPgDb({ url })
    opened.push(database)
    return database
  }

  beforeAll(async () => {
    postgres = await startPostgres()
  })

  afterAll(async () => {
    await Promise.all(opened.map((database) => database.close()))
    await postgres?.stop()
  })

  it('apply to a fresh database: every table, index and migration is there, and the types round-trip', async () => {
    const database = await open(await postgres.createDatabase('fresh'))
    expect(expectedTables).toEqual(expect.arrayContaining(['doc_updates', 'plan_leases', 'control_events', 'users']))
    expect(await publicTables(database)).toEqual(expectedTables)
    expect(await appliedMigrations(database)).toBe(journal.entries.length)
    // Every index drizzle-kit knows of; those behind primary keys and unique constraints are theirs, not its.
    const { rows: indexes } = await database.pool.query<{ name: string }>(
      `SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_namespace n ON n.oid = i.relnamespace
        WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    )
    expect(indexes.map((row) => row.name).sort()).toEqual(expectedIndexes)
    expect(expectedIndexes).toEqual(expect.arrayContaining(['doc_updates_doc_idx', 'plan_leases_owner_idx', 'control_events_created_idx']))

    // The column types that differ from SQLite's: bytea as a Buffer, identity order, 64-bit owner keys.
    const { db } = database
    const first = await db
      .insert(pgSchema.docUpdates)
      .values({ docId: 'plan-a', data: Buffer.from([0, 1, 255]), createdAt: Date.now() })
      .returning()
    const second = await db
      .insert(pgSchema.docUpdates)
      .values({ docId: 'plan-b', data: Buffer.from([7]), createdAt: Date.now() })
      .returning()
    expect(Buffer.isBuffer(first[0]?.data) && [...first[0].data]).toEqual([0, 1, 255])
    expect(second[0]!.seq).toBeGreaterThan(first[0]!.seq)
    const ownerKey = 2n ** 62n + 12345n
    await db
      .insert(pgSchema.planLeases)
      .values({ planId: 'plan-a', owner: 'process-1', ownerKey, address: '127.0.0.1:1', epoch: 1, expiresAt: new Date(Date.now() + 5000) })
    const [lease] = await db.select().from(pgSchema.planLeases)
    expect(lease?.ownerKey).toBe(ownerKey)
  })

  it('apply from two processes starting at once, each without error and once only; the migration lock is released', async () => {
    const url = await postgres.createDatabase('raced')
    const started = await Promise.allSettled([open(url), open(url)])
    expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'opened'))).toEqual(['opened', 'opened'])
    const [a, b] = started.map((result) => (result as PromiseFulfilledResult<PgDatabase>).value) as [PgDatabase, PgDatabase]
    expect(await publicTables(a)).toEqual(expectedTables)
    expect(await publicTables(b)).toEqual(expectedTables)
    expect(await appliedMigrations(a)).toBe(journal.entries.length)

    // A later start finds nothing to do.
    const c = await open(url)
    expect(await appliedMigrations(c)).toBe(journal.entries.length)

    // Asked on a connection of its own: the pools may have kept the migrating connection, which holds it re-entrantly.
    const probe = await connectPg(url)
    try {
      const { classId, objectId } = PG_MIGRATION_LOCK
      const { rows } = await probe.query<{ free: boolean }>('SELECT pg_try_advisory_xact_lock($1, $2) AS free', [classId, objectId])
      expect(rows[0]?.free).toBe(true)
    } finally {
      await probe.end()
    }
  })
})
