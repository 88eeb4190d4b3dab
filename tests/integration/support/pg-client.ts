import { createRequire } from 'node:module'
import path from 'node:path'

/**
 * node-postgres for tests. `pg` is a dependency of the server package, not of tests/, so it is
 * loaded from the server workspace (`server/node_modules/pg`), and typed here by the little the
 * tests use. Once tests/package.json lists `pg` and `@types/pg`, this can become a plain import.
 */

/** The part of `pg.Client` the tests use. */
export interface PgClient {
  connect(): Promise<void>
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>
  end(): Promise<void>
  on(event: 'error', listener: (error: Error) => void): unknown
}

interface PgModule {
  Client: new (config: { connectionString: string; connectionTimeoutMillis?: number }) => PgClient
}

const SERVER_PACKAGE = path.resolve(new URL('../../../server/package.json', import.meta.url).pathname)

let pgModule: PgModule | undefined

/**
 * A connected client for `url`. Errors the server sends while the client is idle (a restart, a
 * crash) are kept in `errors` rather than thrown from an event emitter, which would end the test run.
 */
export async function connectPg(url: string): Promise<PgClient & { errors: Error[] }> {
  pgModule ??= createRequire(SERVER_PACKAGE)('pg') as PgModule
  const client = new pgModule.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  const errors: Error[] = []
  client.on('error', (error) => errors.push(error))
  await client.connect()
  return Object.assign(client, { errors })
}
