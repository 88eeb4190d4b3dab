import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

/** Where `pnpm backup` writes when not told: `backups/hononga-<UTC time>.db` under the working folder. */
export function defaultBackupPath(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  return path.resolve('backups', `hononga-${stamp}.db`)
}

/**
 * A consistent copy of the server's SQLite database, made while the server runs: SQLite's
 * online backup (better-sqlite3's `backup`) copies the database page by page and starts over
 * on its own if a write lands meanwhile, so the copy is the database as it was at one moment,
 * with every committed write up to it (including those still in the WAL). The copy is a
 * complete database in one file: put it at `DATA_DIR/hononga.db` of a stopped server (README
 * "Backups") to restore. Refuses to overwrite a file that exists.
 */
export async function backupDatabase(dataDir: string, destination: string): Promise<{ path: string; bytes: number }> {
  const source = path.join(dataDir, 'hononga.db')
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source}: is DATA_DIR right?`)
  if (fs.existsSync(destination)) throw new Error(`${destination} exists already; choose another name.`)
  fs.mkdirSync(path.dirname(destination), { recursive: true })
  // Read-only: a backup never changes the live database (the server keeps the WAL in order).
  const db = new Database(source, { readonly: true, fileMustExist: true })
  try {
    await db.backup(destination)
  } finally {
    db.close()
  }
  // The copy is checked before it is reported: a backup that does not open is no backup.
  const copy = new Database(destination, { readonly: true })
  try {
    const check = copy.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new Error(`The copy at ${destination} failed SQLite's integrity check: ${String(check)}`)
  } finally {
    copy.close()
  }
  return { path: destination, bytes: fs.statSync(destination).size }
}
