import os from 'node:os'
import type { ControlChannel } from './collab/control'
import type { DocStore } from './collab/doc-store'
import { soleOwner, type PlanOwnership } from './collab/ownership'
import { PgControlChannel } from './collab/pg-control'
import { createPgDocStore } from './collab/pg-doc-store'
import { PgPlanOwnership } from './collab/pg-ownership'
import { createSqliteDocStore } from './collab/sqlite-doc-store'
import type { Config } from './config'
import { lockDataDir } from './db/data-dir-lock'
import { openDb, type Db } from './db/open'
import { openPgDb } from './db/pg/open'
import type { Logger } from './log'
import { pgRepositories } from './repos/pg'
import { sqliteRepositories } from './repos/sqlite'
import type { Repositories } from './repos/types'

/** Everything durable a server process uses, on SQLite (the embedded default) or PostgreSQL. */
export interface Storage {
  repos: Repositories
  /** Plan documents and their snapshots. */
  store: DocStore
  /** Which plans this process may serve: all of them on SQLite, those it holds a lease on with PostgreSQL. */
  ownership: PlanOwnership
  /** Events between server processes; none on SQLite (one process). */
  control: ControlChannel | undefined
  /** The SQLite database, for backups and tests; undefined on PostgreSQL. */
  db: Db | undefined
  /** Gives up leases and connections (after the engine stored everything). */
  close(): Promise<void>
}

/** Opens PostgreSQL when DATABASE_URL is set, otherwise the SQLite database in DATA_DIR. */
export function openStorage(config: Config, log: Logger, port: number): Promise<Storage> {
  return config.databaseUrl ? openPostgres(config, config.databaseUrl, log, port) : Promise.resolve(openSqlite(config))
}

function openSqlite(config: Config): Storage {
  // One server per SQLite data folder (several processes need PostgreSQL).
  const dataDirLock = lockDataDir(config.dataDir)
  let db: Db
  try {
    db = openDb({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous })
  } catch (error) {
    dataDirLock.release()
    throw error
  }
  return {
    repos: sqliteRepositories(db),
    store: createSqliteDocStore(db),
    ownership: soleOwner,
    control: undefined,
    db,
    async close() {
      db.$client.close()
      dataDirLock.release()
    },
  }
}

async function openPostgres(config: Config, url: string, log: Logger, port: number): Promise<Storage> {
  // A session idle inside a transaction longer than a lease lasts is ended: a frozen process
  // cannot hold a plan's lease row (and so its takeover) beyond the lease.
  const database = await openPgDb({ url, log, idleInTransactionTimeoutMs: config.leaseTtlMs, max: 20 })
  const connection = { connectionString: url }
  const control = new PgControlChannel({ pool: database.pool, connection, log })
  const ownership = new PgPlanOwnership({
    pool: database.pool,
    connection,
    control,
    log,
    address: config.processAddress ?? `${os.hostname()}:${port}`,
    leaseTtlMs: config.leaseTtlMs,
    renewEveryMs: Math.max(100, Math.floor(config.leaseTtlMs / 5)),
  })
  try {
    await control.start()
    await ownership.start()
  } catch (error) {
    await ownership.close().catch(() => undefined)
    await control.close().catch(() => undefined)
    await database.close()
    throw error
  }
  return {
    repos: pgRepositories(database.db),
    store: createPgDocStore(database.pool, { fence: ownership }),
    ownership,
    control,
    db: undefined,
    async close() {
      await ownership.close()
      await control.close()
      await database.close()
    },
  }
}
