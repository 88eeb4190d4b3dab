import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/** The generated SQL lives at the repository root, beside client/ and server/. */
export const MIGRATIONS_DIR = path.resolve(new URL('../../../migrations', import.meta.url).pathname)

export interface OpenDbOptions {
  /** Folder that holds `hononga.db`; created when missing. */
  dataDir: string
  synchronous?: 'NORMAL' | 'FULL'
  migrationsFolder?: string
}

/**
 * Opens (or creates) the database, sets the pragmas the durability guarantee depends on,
 * and applies every pending migration before anything else touches it.
 */
export function openDb({ dataDir, synchronous = 'NORMAL', migrationsFolder = MIGRATIONS_DIR }: OpenDbOptions): Db {
  fs.mkdirSync(dataDir, { recursive: true })
  const sqlite = new Database(path.join(dataDir, 'hononga.db'))
  // WAL: readers never block the writer, and a committed transaction survives a killed
  // process (synchronous=NORMAL) or also a power cut (FULL).
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma(`synchronous = ${synchronous}`)
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = drizzle(sqlite, { schema }) as Db
  migrate(db, { migrationsFolder })
  return db
}
