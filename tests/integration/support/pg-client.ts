import pg from 'pg'

/** The part of `pg.Client` the tests use. */
export type PgClient = pg.Client

/**
 * A connected node-postgres client for `url`. Errors the server sends while the client is idle
 * (a restart, a crash) are kept in `errors` rather than thrown from an event emitter, which
 * would end the test run.
 */
export async function connectPg(url: string): Promise<pg.Client & { errors: Error[] }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  const errors: Error[] = []
  client.on('error', (error) => errors.push(error))
  await client.connect()
  return Object.assign(client, { errors })
}
