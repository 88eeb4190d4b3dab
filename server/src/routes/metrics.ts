import { timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../app-env'
import { notFound } from '../errors'

/**
 * `GET /api/metrics`: live counters for operators and benchmarks (plans in memory, sockets,
 * updates and bytes written). It exists only when METRICS_TOKEN is set, and answers only to
 * `Authorization: Bearer <token>`; otherwise it is indistinguishable from an unknown route.
 */
export function metricsRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const token = deps.config.metricsToken
  if (!token) return app
  const expected = Buffer.from(`Bearer ${token}`)
  app.get('/api/metrics', (c) => {
    const given = Buffer.from(c.req.header('authorization') ?? '')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw notFound(`No route for GET ${c.req.path}`)
    const memory = process.memoryUsage()
    return c.json({
      ...deps.collab.stats(),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      uptimeSeconds: Math.round(process.uptime()),
    })
  })
  return app
}
