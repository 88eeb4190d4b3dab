import { Hono } from 'hono'
import { actionsCsv, monitoringCsv, partnersOf, PlanExport, toPlanExport } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership, requireUser } from '../auth/access'
import { listMembers } from '../db/members'
import { readJsonBody } from './body'
import { attachment } from './filename'
import { createPlan } from './plans'

/** The path whose body may be larger than the API's default (an exported plan with its history). */
export const IMPORT_PATH = '/api/plans/import'
export const IMPORT_MAX_BODY_BYTES = 5 * 1024 * 1024

/**
 * How much one import may hold. Far beyond any real plan (a hui agrees a handful of focus
 * areas and actions), and low enough that filling the document stays well under a second:
 * placing each item sorts its collection, so the cost grows with the square of the count.
 */
export const IMPORT_LIMITS = { focusAreas: 500, conditions: 500, actions: 500, measures: 2000 } as const

const ImportBody = PlanExport.superRefine(({ plan }, ctx) => {
  const counts = {
    focusAreas: plan.focusAreas.length,
    conditions: plan.conditions.length,
    actions: plan.actions.length,
    measures: plan.actions.reduce((sum, action) => sum + action.measures.length, 0),
  }
  for (const [what, count] of Object.entries(counts) as [keyof typeof IMPORT_LIMITS, number][]) {
    if (count > IMPORT_LIMITS[what]) {
      ctx.addIssue({ code: 'custom', path: ['plan', what], message: `A plan to import can hold at most ${IMPORT_LIMITS[what]} ${what}; this one has ${count}` })
    }
  }
})

const AFFILIATION_NAMES = { iwi: 'Iwi', agency: 'Agency', police: 'Police', community: 'Community' } as const

/**
 * Downloads of a plan (members): the versioned JSON export and two CSV files, rendered from
 * the live document; and starting a new plan from an exported one (anyone signed in).
 */
export function exportRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/api/plans/:id/export.json', async (c) => {
    const user = requireUser(c)
    const { planId } = requireMembership(c, deps, c.req.param('id'))
    const plan = await deps.collab.renderPlan(planId)
    const body = JSON.stringify(toPlanExport(plan, { id: user.id, name: user.name }, deps.now()), null, 2)
    return c.body(body, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': attachment(plan.meta.title, '.hononga.json'),
    })
  })

  app.get('/api/plans/:id/export/actions.csv', async (c) => {
    const { planId } = requireMembership(c, deps, c.req.param('id'))
    const plan = await deps.collab.renderPlan(planId)
    const partnerNames = new Map(
      partnersOf(listMembers(deps.db, planId)).map((partner) => [partner.key, partner.organisation ?? AFFILIATION_NAMES[partner.affiliation]]),
    )
    return c.body(actionsCsv(plan, { partnerNames }), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(plan.meta.title, '.actions.csv'),
    })
  })

  app.get('/api/plans/:id/export/monitoring.csv', async (c) => {
    const { planId } = requireMembership(c, deps, c.req.param('id'))
    const plan = await deps.collab.renderPlan(planId)
    return c.body(monitoringCsv(plan), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(plan.meta.title, '.monitoring.csv'),
    })
  })

  app.post(IMPORT_PATH, async (c) => {
    const user = requireUser(c)
    const file = await readJsonBody(c, ImportBody)
    const { meta } = file.plan
    const created = await createPlan(deps, user, {
      title: `${meta.title.trim() || 'Plan'} (from template)`,
      community: meta.community.trim(),
      district: meta.district?.trim() || null,
      affiliation: 'police',
      organisation: null,
      template: file.plan,
      // Not who exported it: that person belongs to another plan, whose members are not this one's.
      auditDetails: { importedFrom: { title: meta.title, exportedAt: file.exportedAt } },
    })
    return c.json(created, 201)
  })

  return app
}
