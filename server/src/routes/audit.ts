import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership } from '../auth/access'
import { readQuery } from './body'
import { toAuditEvent } from './present'

export const AUDIT_PAGE_DEFAULT = 50
export const AUDIT_PAGE_MAX = 200

const AuditQuery = z.object({
  /** Id of the oldest event the client already has; the page continues below it. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
})

/** `GET /api/plans/:id/audit?before=&limit=`: the plan's audit log, newest first, for every member. */
export function auditRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.get('/api/plans/:id/audit', async (c) => {
    const { planId } = await requireMembership(c, deps, c.req.param('id'))
    const page = readQuery(c, AuditQuery)
    return c.json((await deps.repos.audit.listAudit(planId, page)).map(toAuditEvent))
  })
  return app
}
