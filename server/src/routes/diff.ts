import { Hono } from 'hono'
import { z } from 'zod'
import { diffPlans, type PlanDiff, type PlanJson } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership } from '../auth/access'
import { notFound } from '../errors'
import { recordAccessQuietly } from './access-log'
import { readQuery } from './body'
import { iso } from './present'

const DiffQuery = z.object({
  from: z.string().min(1).max(64),
  /** Omitted: the plan as it is now. */
  to: z.string().min(1).max(64).optional(),
})

/** What changed in a plan between two of its snapshots, or between a snapshot and now (members). */
export function diffRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/api/plans/:id/diff', async (c) => {
    const member = await requireMembership(c, deps, c.req.param('id'))
    const { planId } = member
    const query = readQuery(c, DiffQuery)
    const snapshots = await deps.collab.listSnapshots(planId)
    const side = async (snapshotId: string): Promise<{ plan: PlanJson; end: PlanDiff['from'] }> => {
      const summary = snapshots.find((s) => s.id === snapshotId)
      const plan = summary ? await deps.collab.renderSnapshot(planId, snapshotId) : null
      if (!summary || !plan) throw notFound('No such snapshot in this plan')
      return { plan, end: { snapshotId, label: summary.label, at: summary.createdAt } }
    }
    const from = await side(query.from)
    const to =
      query.to === undefined
        ? { plan: await deps.collab.renderPlan(planId), end: { snapshotId: null, label: 'Now', at: iso(deps.now()) } }
        : await side(query.to)
    const sections = diffPlans(from.plan, to.plan)
    const diff: PlanDiff = { from: from.end, to: to.end, sections, unchanged: sections.length === 0 }
    await recordAccessQuietly(deps, member, 'diff.viewed', { from: query.from, to: query.to ?? null })
    return c.json(diff)
  })

  return app
}
