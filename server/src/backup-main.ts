import path from 'node:path'
import { backupDatabase, defaultBackupPath } from './backup'
import { loadConfig } from './config'

/**
 * `pnpm backup [file]`: a consistent copy of the database of the server on DATA_DIR, made
 * while it runs (see backup.ts). Prints where it went; exits 1 with the reason if it failed.
 */
const args = process.argv.slice(2).filter((arg) => arg !== '--')
const destination = args[0] ? path.resolve(args[0]) : defaultBackupPath()
try {
  const { dataDir } = loadConfig()
  const result = await backupDatabase(dataDir, destination)
  process.stdout.write(`Backed up ${path.join(dataDir, 'hononga.db')} to ${result.path} (${result.bytes} bytes).\n`)
} catch (error) {
  process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
