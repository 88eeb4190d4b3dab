import { is } from 'drizzle-orm'
import { getTableConfig as getPgConfig, PgTable } from 'drizzle-orm/pg-core'
import { getTableConfig as getSqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { describe, expect, it } from 'vitest'
import * as sqliteSchema from '../schema'
import * as pgSchema from './schema'

/**
 * The two drizzle schemas describe one data model: every table but the PostgreSQL-only ones
 * exists in both, with the same columns, keys, indexes and foreign keys, so a repository written
 * against one works against the other and the SQLite → PostgreSQL copy loses nothing.
 */

/** What the parity check compares of one table, in a dialect-neutral form. */
interface TableShape {
  columns: string[]
  notNull: string[]
  /** Columns an INSERT may omit (a default, an identity or SQLite's rowid). */
  filledWhenOmitted: string[]
  primaryKey: string[]
  indexes: string[]
  unique: string[]
  foreignKeys: string[]
}

const sorted = (values: Iterable<string>) => [...values].sort()

function sqliteShapes(): Map<string, TableShape> {
  const shapes = new Map<string, TableShape>()
  for (const table of Object.values(sqliteSchema).filter((value) => is(value, SQLiteTable))) {
    const config = getSqliteConfig(table)
    // An INTEGER PRIMARY KEY is SQLite's rowid: assigned on insert, with or without AUTOINCREMENT.
    const isRowid = (column: (typeof config.columns)[number]) => column.primary && column.columnType === 'SQLiteInteger'
    shapes.set(config.name, {
      columns: sorted(config.columns.map((c) => c.name)),
      notNull: sorted(config.columns.filter((c) => c.notNull).map((c) => c.name)),
      filledWhenOmitted: sorted(config.columns.filter((c) => c.hasDefault || isRowid(c)).map((c) => c.name)),
      primaryKey: sorted([
        ...config.columns.filter((c) => c.primary).map((c) => c.name),
        ...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)),
      ]),
      indexes: sorted(config.indexes.map((i) => i.config.name)),
      unique: sorted([
        ...config.columns.filter((c) => c.isUnique).map((c) => `${c.uniqueName ?? ''}(${c.name})`),
        ...config.uniqueConstraints.map((u) => `${u.getName()}(${u.columns.map((c) => c.name).join(',')})`),
      ]),
      foreignKeys: sorted(
        config.foreignKeys.map((fk) => {
          const ref = fk.reference()
          const target = getSqliteConfig(ref.foreignTable).name
          return `${ref.columns.map((c) => c.name).join(',')} -> ${target}(${ref.foreignColumns.map((c) => c.name).join(',')}) on delete ${fk.onDelete ?? 'no action'}`
        }),
      ),
    })
  }
  return shapes
}

function pgShapes(): Map<string, TableShape> {
  const shapes = new Map<string, TableShape>()
  for (const table of Object.values(pgSchema).filter((value) => is(value, PgTable))) {
    const config = getPgConfig(table)
    shapes.set(config.name, {
      columns: sorted(config.columns.map((c) => c.name)),
      notNull: sorted(config.columns.filter((c) => c.notNull).map((c) => c.name)),
      filledWhenOmitted: sorted(config.columns.filter((c) => c.hasDefault || c.generatedIdentity !== undefined).map((c) => c.name)),
      primaryKey: sorted([
        ...config.columns.filter((c) => c.primary).map((c) => c.name),
        ...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)),
      ]),
      indexes: sorted(config.indexes.map((i) => i.config.name ?? '(unnamed)')),
      unique: sorted([
        ...config.columns.filter((c) => c.isUnique).map((c) => `${c.uniqueName ?? ''}(${c.name})`),
        ...config.uniqueConstraints.map((u) => `${u.getName() ?? ''}(${u.columns.map((c) => c.name).join(',')})`),
      ]),
      foreignKeys: sorted(
        config.foreignKeys.map((fk) => {
          const ref = fk.reference()
          const target = getPgConfig(ref.foreignTable).name
          return `${ref.columns.map((c) => c.name).join(',')} -> ${target}(${ref.foreignColumns.map((c) => c.name).join(',')}) on delete ${fk.onDelete ?? 'no action'}`
        }),
      ),
    })
  }
  return shapes
}

const sqlite = sqliteShapes()
const postgres = pgShapes()
const pgOnly = new Set<string>(pgSchema.PG_ONLY_TABLES)
const shared = sorted([...sqlite.keys()].filter((name) => postgres.has(name)))

describe('the SQLite and PostgreSQL schemas', () => {
  it('have the same tables, apart from the PostgreSQL-only ones', () => {
    const missingFromPg = sorted([...sqlite.keys()].filter((name) => !postgres.has(name)))
    const missingFromSqlite = sorted([...postgres.keys()].filter((name) => !sqlite.has(name) && !pgOnly.has(name)))
    expect(missingFromPg, 'tables in server/src/db/schema.ts with no mirror in server/src/db/pg/schema.ts').toEqual([])
    expect(missingFromSqlite, 'tables in server/src/db/pg/schema.ts missing from server/src/db/schema.ts (or from PG_ONLY_TABLES)').toEqual(
      [],
    )
    for (const name of pgOnly) expect(sqlite.has(name), `${name} is listed as PostgreSQL-only but SQLite has it`).toBe(false)
    for (const name of pgOnly) expect(postgres.has(name), `${name} is listed as PostgreSQL-only but is not in pg/schema.ts`).toBe(true)
    // The comparison below must have something to compare.
    expect(shared.length).toBeGreaterThanOrEqual(16)
  })

  it.each(shared)('agree on the table %s', (name) => {
    const a = sqlite.get(name)
    const b = postgres.get(name)
    if (!a || !b) throw new Error(`table ${name} vanished`)
    for (const aspect of Object.keys(a) as (keyof TableShape)[]) {
      expect(b[aspect], `${name}: ${aspect} differ (expected: SQLite, received: PostgreSQL)`).toEqual(a[aspect])
    }
  })
})
