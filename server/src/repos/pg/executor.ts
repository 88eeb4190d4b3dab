import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres'
import type { PgDatabase } from 'drizzle-orm/pg-core'
import type * as schema from '../../db/pg/schema'

/**
 * The PostgreSQL database or a transaction on it (drizzle's PgTransaction extends PgDatabase):
 * every PostgreSQL repository is built over one of these, so the same code runs alone or
 * inside `Repositories.transaction`.
 */
export type PgExecutor = PgDatabase<NodePgQueryResultHKT, typeof schema>
