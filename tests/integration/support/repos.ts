import fs from 'node:fs'
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest'
import { openDb, type Db } from '@hononga/server'
import { createLogger } from '../../../server/src/log'
import { openPgDb, type PgDatabase } from '../../../server/src/db/pg/open'
import { pgRepositories } from '../../../server/src/repos/pg'
import { sqliteRepositories } from '../../../server/src/repos/sqlite'
import type { Repositories } from '../../../server/src/repos/types'
import type { DocStore } from '../../../server/src/collab/doc-store'
import { createPgDocStore } from '../../../server/src/collab/pg-doc-store'
import { createSqliteDocStore } from '../../../server/src/collab/sqlite-doc-store'
import { describeWithPostgres, startPostgres, type PgServer } from './postgres'
import { tempDataDir } from './server'

/** What a contract test may need beyond the repositories, on the same database. */
export interface RepoBackdoor {
  /** The DocStore: writes the rows only documents write (snapshots, idempotency keys). */
  docs: DocStore
  /** How many rows a table holds now (for what no repository reads back: swept or pruned rows). */
  count(table: string): Promise<number>
}

/**
 * One contract suite for the repositories, run on both databases: on SQLite (a fresh data
 * folder per test) and on a real PostgreSQL server (one per file, every table emptied before
 * each test). `suite` gets a function returning the current test's repositories, and one
 * returning its RepoBackdoor.
 */
export function describeRepos(name: string, suite: (repos: () => Repositories, backdoor: () => RepoBackdoor) => void): void {
  describe(`${name} (SQLite)`, () => {
    let dir: string
    let db: Db | undefined
    let repos: Repositories
    beforeEach(() => {
      dir = tempDataDir('hononga-repos-')
      db = openDb({ dataDir: dir })
      repos = sqliteRepositories(db)
    })
    const backdoor = (): RepoBackdoor => ({
      docs: createSqliteDocStore(db!),
      count: async (table) => db!.$client.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${table}"`).get()!.n,
    })
    afterEach(() => {
      db?.$client.close()
      fs.rmSync(dir, { recursive: true, force: true })
    })
    suite(() => repos, backdoor)
  })

  describeWithPostgres(`${name} (PostgreSQL)`, () => {
    let server: PgServer
    let database: PgDatabase
    let repos: Repositories
    beforeAll(async () => {
      server = await startPostgres()
      database = await openPgDb({ url: server.url, log: createLogger('silent') })
      repos = pgRepositories(database.db)
    }, 60_000)
    const backdoor = (): RepoBackdoor => ({
      docs: createPgDocStore(database.pool),
      count: async (table) => Number((await database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]!.n),
    })
    afterAll(async () => {
      await database?.close()
      await server?.stop()
    })
    beforeEach(async () => {
      const { rows } = await database.pool.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)
      const tables = rows.map((row) => `"${row.tablename}"`).join(', ')
      if (tables) await database.pool.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`)
    })
    suite(() => repos, backdoor)
  })
}
