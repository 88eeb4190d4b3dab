import type Database from 'better-sqlite3'
import { is } from 'drizzle-orm'
import { getTableConfig as getPgTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core'
import { getTableConfig as getSqliteTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import * as pgSchema from './db/pg/schema'
import * as sqliteSchema from './db/schema'

/**
 * What `pnpm copy-to-postgres` copies (copy-to-postgres.ts does the copying): the tables and
 * columns of the drizzle schemas, checked against the SQLite database as it is, in foreign-key
 * order, with a converter per column from SQLite's values to PostgreSQL's.
 */

/** The copy would lose or mix data (a running server, a non-empty target, a schema mismatch): no row was copied. */
export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CopyRefusedError'
  }
}

export interface ColumnPlan {
  name: string
  convert: (value: unknown) => unknown
}

/** One table to copy: its columns (those both sides have), identity column and blob columns. */
export interface TablePlan {
  name: string
  columns: ColumnPlan[]
  /** The identity column (copied with OVERRIDING SYSTEM VALUE; its sequence set past the highest id). */
  identity: string | undefined
  blobColumns: string[]
}

/** A double-quoted SQL identifier (the same in SQLite and PostgreSQL). */
export const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`

/** Every table of the PostgreSQL schema, PostgreSQL-only ones included. */
export const pgTables = (): PgTable[] =>
  Object.values(pgSchema as Record<string, unknown>).filter((value): value is PgTable => is(value, PgTable))

/**
 * The PostgreSQL tables in an order where every table comes after those its foreign keys point
 * to (otherwise in the schema module's export order), so each row's references exist when it is inserted.
 */
export function foreignKeyOrder(tables: PgTable[] = pgTables()): PgTable[] {
  const byName = new Map(tables.map((table) => [getPgTableConfig(table).name, table]))
  const needs = new Map(
    [...byName].map(([name, table]) => [
      name,
      new Set(
        getPgTableConfig(table)
          .foreignKeys.map((fk) => getPgTableConfig(fk.reference().foreignTable).name)
          .filter((target) => target !== name && byName.has(target)),
      ),
    ]),
  )
  const ordered: PgTable[] = []
  while (needs.size > 0) {
    const ready = [...needs].find(([, targets]) => [...targets].every((target) => !needs.has(target)))
    if (!ready) throw new Error(`Foreign keys form a cycle among ${[...needs.keys()].join(', ')}: no insert order exists.`)
    needs.delete(ready[0])
    ordered.push(byName.get(ready[0])!)
  }
  return ordered
}

function describeValue(value: unknown): string {
  if (Buffer.isBuffer(value)) return `a blob of ${value.length} bytes`
  return `${typeof value} ${String(value).slice(0, 40)}`
}

/**
 * How a SQLite value becomes a PostgreSQL parameter for `column`: SQLite's 0/1 to a boolean, a
 * blob to bytea, an integer (read as a BigInt, exactly) as its decimal text. Anything else that
 * does not fit the column stops the copy rather than being stored as something else.
 */
function converter(table: string, column: PgColumn): (value: unknown) => unknown {
  const type = column.getSQLType()
  return (value) => {
    if (value === null) return null
    if (type === 'boolean') {
      if (value === 0n || value === 1n) return value === 1n
    } else if (type === 'bytea') {
      if (Buffer.isBuffer(value)) return value
    } else if (typeof value === 'bigint') {
      return value.toString()
    } else if (typeof value === 'string' || typeof value === 'number') {
      return value
    }
    throw new Error(`${table}.${column.name}: cannot copy ${describeValue(value)} into a ${type} column.`)
  }
}

/**
 * What to copy, from the drizzle schemas and the SQLite database as it is: refuses when the SQLite
 * database (or its schema) has a table or a column PostgreSQL lacks, or PostgreSQL needs a value
 * SQLite does not have.
 */
export function planCopy(sqlite: Database.Database): TablePlan[] {
  const present = new Set(
    sqlite
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => row.name)
      .filter((name) => !name.startsWith('sqlite_') && !name.startsWith('__drizzle')),
  )
  const pgNames = new Set(pgTables().map((table) => getPgTableConfig(table).name))
  const sqliteNames = Object.values(sqliteSchema)
    .filter((value) => is(value, SQLiteTable))
    .map((table) => getSqliteTableConfig(table).name)
  for (const name of new Set([...present, ...sqliteNames])) {
    if (!pgNames.has(name)) {
      throw new CopyRefusedError(
        `The SQLite database has a table "${name}" that the PostgreSQL schema (server/src/db/pg/schema.ts) lacks, so its rows ` +
          'would be left behind. Add the table there, with its migration (migrations/pg/README.md), then copy.',
      )
    }
  }
  const pgOnly = new Set<string>(pgSchema.PG_ONLY_TABLES)
  return foreignKeyOrder()
    .map((table) => getPgTableConfig(table))
    .filter((config) => !pgOnly.has(config.name))
    .map((config) => {
      const { name } = config
      if (!present.has(name)) throw new CopyRefusedError(`The SQLite database has no table "${name}", which PostgreSQL has.`)
      const info = sqlite.pragma(`table_info(${quote(name)})`) as { name: string }[]
      const sqliteColumns = new Set(info.map((column) => column.name))
      const pgColumns = new Map(config.columns.map((column) => [column.name, column]))
      for (const column of sqliteColumns) {
        if (!pgColumns.has(column)) {
          throw new CopyRefusedError(`The SQLite column ${name}.${column} has no place in PostgreSQL: its values would be lost.`)
        }
      }
      const columns = config.columns.filter((column) => sqliteColumns.has(column.name))
      for (const column of config.columns) {
        if (!sqliteColumns.has(column.name) && column.notNull && !column.hasDefault && column.generatedIdentity === undefined) {
          throw new CopyRefusedError(`PostgreSQL needs a value for ${name}.${column.name}, and the SQLite database has no such column.`)
        }
      }
      return {
        name,
        columns: columns.map((column) => ({ name: column.name, convert: converter(name, column) })),
        identity: columns.find((column) => column.generatedIdentity !== undefined)?.name,
        blobColumns: columns.filter((column) => column.getSQLType() === 'bytea').map((column) => column.name),
      }
    })
}
