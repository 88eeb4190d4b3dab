import type { DbExecutor } from './executor'

/**
 * A query prepared once per database (or transaction) and reused. Drizzle otherwise builds
 * the SQL text and has SQLite prepare it on every call: on the paths every request and
 * every socket takes (the session, the membership) that was most of the server's time in a
 * storm of 1,500 joins. `build` must use `sql.placeholder` for every value that varies.
 */
export function preparedQuery<Q>(build: (db: DbExecutor) => Q): (db: DbExecutor) => Q {
  const cache = new WeakMap<DbExecutor, Q>()
  return (db) => {
    let query = cache.get(db)
    if (query === undefined) {
      query = build(db)
      cache.set(db, query)
    }
    return query
  }
}
