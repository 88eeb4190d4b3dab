import { Hono } from 'hono'
import { canFacilitate } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership } from '../auth/access'
import { recordAudit } from '../db/audit'

/**
 * Running a hui happens in the plan document (the agenda, the timer, attendance, the parking
 * lot); ending one goes through the server, which keeps the minutes as a named snapshot.
 */
export function huiRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/api/plans/:id/hui/end', async (c) => {
    const { planId, userId } = requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const result = await deps.collab.endHui(planId, { userId, at: deps.now() })
    recordAudit(deps.db, { planId, actorId: userId, event: 'hui.ended', details: { huiId: result.huiId, snapshotId: result.snapshot.id }, at: deps.now() })
    return c.json(result)
  })

  return app
}
