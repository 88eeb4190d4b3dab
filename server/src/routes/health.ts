import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../app-env'
import { AppError } from '../errors'

/**
 * `GET /api/health`: 200 when the process is up and the database answers; 503 while the
 * process is stopping (SHUTDOWN_DRAIN_MS), so the load balancer sends requests elsewhere
 * before it hands its plans over. A database that does not answer is a 503 too (via onError).
 */
export function healthRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/api/health', async (c) => {
    c.header('Cache-Control', 'no-store')
    if (deps.health?.draining) throw new AppError('plan_unavailable', 'This server is stopping', { 'Retry-After': '1' })
    await deps.repos.ping()
    return c.json({ ok: true })
  })
  return app
}
