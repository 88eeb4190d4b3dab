import { parseArgs } from 'node:util'
import { loadConfig } from './config'
import { copySqliteToPostgres, CopyRefusedError, redactUrl, type TableCopy } from './copy-to-postgres'

/**
 * `pnpm copy-to-postgres [--from DIR] [--to URL]`: copies the SQLite installation in DATA_DIR
 * (or DIR) into the empty PostgreSQL database at DATABASE_URL (or URL), with the SQLite server
 * stopped (see copy-to-postgres.ts). Prints a line per table and the totals; exits 1 with the
 * reason when it refused or failed, having copied no rows.
 */

const USAGE =
  'Usage: pnpm copy-to-postgres [--from DATA_DIR] [--to postgres://user@host:5432/database]\n' +
  'Copies a stopped SQLite installation into an empty PostgreSQL database (DATA_DIR and DATABASE_URL by default).\n'

const bytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`

function tableLine(table: TableCopy): string {
  const parts = [`${table.rows} ${table.rows === 1 ? 'row' : 'rows'}`]
  if (table.blobBytes > 0) parts.push(bytes(table.blobBytes))
  if (table.nextId !== undefined) parts.push(`next id ${table.nextId}`)
  return `  ${table.table.padEnd(22)} ${parts.join(', ')}\n`
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    return
  }
  const config = loadConfig({
    ...process.env,
    // An empty DATABASE_URL (as in `DATABASE_URL= pnpm …`) means none, not a malformed one.
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    ...(values.from === undefined ? {} : { DATA_DIR: values.from }),
    ...(values.to === undefined ? {} : { DATABASE_URL: values.to }),
  })
  if (!config.databaseUrl) throw new CopyRefusedError(`Say where to copy to: DATABASE_URL=postgres://… or --to postgres://…\n${USAGE}`)
  process.stdout.write(`Copying ${config.dataDir} into ${redactUrl(config.databaseUrl)} (one transaction)…\n`)
  const report = await copySqliteToPostgres({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onTable: (table) => process.stdout.write(tableLine(table)),
  })
  for (const table of report.leftEmpty) process.stdout.write(`  ${table.padEnd(22)} PostgreSQL only: left empty\n`)
  const rows = report.tables.reduce((sum, table) => sum + table.rows, 0)
  process.stdout.write(
    `Copied ${rows} rows in ${report.tables.length} tables from ${report.source}; every table's row count matches. ` +
      'Start the servers with DATABASE_URL; keep DATA_DIR aside as the copy’s source.\n',
  )
}

try {
  await main()
} catch (error) {
  const refused = error instanceof CopyRefusedError
  const message = error instanceof Error ? error.message : String(error)
  const badArguments = String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')
  process.stderr.write(`${refused ? 'Copy refused' : 'Copy failed'}: ${message}\nNo rows were copied into PostgreSQL.\n`)
  if (badArguments) process.stderr.write(USAGE)
  process.exit(1)
}
