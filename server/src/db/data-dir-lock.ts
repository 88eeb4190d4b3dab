import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

/** The file in DATA_DIR whose lock says a server process has the folder. */
export const DATA_DIR_LOCK_FILE = 'hononga.lock'

/** Another server process (or another server in this process) has the data folder open. */
export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Another Hononga server is using the data folder ${dataDir}. Two servers on one SQLite data folder would ` +
        'overwrite each other’s plans; stop the other one, or give this one its own DATA_DIR. (Several processes ' +
        'need PostgreSQL: see the README.)',
    )
    this.name = 'DataDirInUseError'
  }
}

/** A held data-folder lock; `release` lets another server have the folder (idempotent). */
export interface DataDirLock {
  release(): void
}

/**
 * Takes the data folder for this server, or throws {@link DataDirInUseError}. The lock is
 * SQLite's own: an exclusive transaction, held open, on a small file beside the database.
 * The operating system drops it when the process ends however it ends (`kill -9`, a crash),
 * so there is no stale lock to clean up and no process id to guess from; SQLite also refuses
 * a second connection in the same process, so two servers in one test process are caught too.
 * The database itself stays open to readers such as `pnpm backup`.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true })
  const lock = new Database(path.join(dataDir, DATA_DIR_LOCK_FILE), { timeout: 0 })
  try {
    lock.pragma('locking_mode = EXCLUSIVE')
    lock.exec('BEGIN EXCLUSIVE')
  } catch (error) {
    lock.close()
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirInUseError(dataDir)
    throw error
  }
  let held = true
  return {
    release() {
      if (!held) return
      held = false
      lock.close()
    },
  }
}
