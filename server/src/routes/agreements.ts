import { Hono } from 'hono'
import { canFacilitate, MarkAgreedBody, partnersOf } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership, requireUser } from '../auth/access'
import { recordAudit } from '../db/audit'
import { listMembers } from '../db/members'
import { readJsonBody } from './body'

/**
 * Agreement at a hui. Partners record their own positions in the plan document (the server
 * enforces whose they are: collab/guards.ts); marking an item agreed is the facilitators',
 * through the server, which checks that every partner present agrees and keeps a named
 * snapshot of what was agreed.
 */
export function agreementRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/api/plans/:id/agreements/mark', async (c) => {
    const user = requireUser(c)
    const { planId, userId } = requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const { target, label } = await readJsonBody(c, MarkAgreedBody)
    const memberPartners = partnersOf(listMembers(deps.db, planId))
    const { result, partners } = await deps.collab.markAgreed(planId, { target, label, userId, userName: user.name, memberPartners, at: deps.now() })
    recordAudit(deps.db, {
      planId,
      actorId: userId,
      event: 'item.agreed',
      details: { target, snapshotId: result.snapshot.id, label: result.mark.label, partners: partners.map((p) => p.key) },
      at: deps.now(),
    })
    return c.json(result)
  })

  return app
}
