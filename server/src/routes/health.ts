import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../app-env'

/** `GET /api/health`: 200 when the process is up and the database answers. */
export function healthRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/api/health', (c) => {
    deps.db.get(sql`select 1`)
    c.header('Cache-Control', 'no-store')
    return c.json({ ok: true })
  })
  return app
}
