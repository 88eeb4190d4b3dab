import { Hono } from 'hono'
import { CreatePlanBody, type Affiliation, type PlanDetail, type PlanJson, type PlanSummary, type WsTicket } from '@hononga/shared'
import type { AppDeps, AppEnv, SessionUser } from '../app-env'
import { requireMembership, requireUser } from '../auth/access'
import { sessionId, sessionToken } from '../auth/session'
import { newId } from '../db/ids'
import { notFound } from '../errors'
import { readJsonBody } from './body'
import { enforceQuota, withQuota } from './quota'
import { iso, toMember, toPlanSummary } from './present'

/**
 * Plans: create, list mine, read one (with its members), render its document, and issue
 * WebSocket tickets. Every route below `/api/plans/:id` answers 404 to non-members.
 */
export function planRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/api/plans', async (c) => {
    const user = requireUser(c)
    await enforceQuota(deps, 'plans', user.id)
    const body = await readJsonBody(c, CreatePlanBody)
    // Checked again and counted while the plan is created, so requests racing in cannot all pass.
    const plan = await withQuota(deps, 'plans', user.id, () =>
      createPlan(deps, user, {
        title: body.title,
        community: body.community,
        district: body.district || null,
        affiliation: body.affiliation ?? 'police',
        organisation: body.organisation || null,
      }),
    )
    return c.json(plan, 201)
  })

  app.get('/api/plans', async (c) => {
    const user = requireUser(c)
    const plans = await deps.repos.plans.listPlansForUser(user.id)
    return c.json(plans.map((plan) => toPlanSummary(plan, deps.collab.activeCount(plan.id))))
  })

  app.get('/api/plans/:id', async (c) => {
    const membership = await requireMembership(c, deps, c.req.param('id'))
    const plan = await deps.repos.plans.getPlanForMember(membership.planId, membership.userId)
    if (!plan) throw notFound()
    const members = await deps.repos.members.listMembers(plan.id)
    const detail: PlanDetail = { ...toPlanSummary(plan, deps.collab.activeCount(plan.id)), members: members.map(toMember) }
    return c.json(detail)
  })

  app.get('/api/plans/:id/document', async (c) => {
    const { planId } = await requireMembership(c, deps, c.req.param('id'))
    return c.json(await deps.collab.renderPlan(planId))
  })

  app.post('/api/plans/:id/ws-ticket', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'))
    const issued = await deps.repos.tickets.issueTicket({
      userId,
      planId,
      ttlMs: deps.config.wsTicketTtlMs,
      now: deps.now(),
      sessionId: sessionId(sessionToken(c)),
    })
    const ticket: WsTicket = { ticket: issued.ticket, expiresAt: iso(issued.expiresAt) }
    return c.json(ticket)
  })

  return app
}

/** A plan about to be created, and the membership of the person creating it. */
export interface NewPlan {
  title: string
  community: string
  district: string | null
  affiliation: Affiliation
  organisation: string | null
  /** Content to start from (an imported plan), written in before the plan is first stored. */
  template?: PlanJson
  /** More for the `plan.created` audit event (e.g. where an imported plan came from). */
  auditDetails?: Record<string, unknown>
}

/**
 * Creates a plan with `user` as its first facilitator: the row, the membership and the audit
 * event in one transaction, then the document. A plan whose document cannot be stored is
 * taken back out, so no plan is ever listed that cannot open.
 */
export async function createPlan(deps: AppDeps, user: SessionUser, plan: NewPlan): Promise<PlanSummary> {
  const planId = newId()
  const now = deps.now()
  const init = { title: plan.title, community: plan.community, district: plan.district }
  const { affiliation, organisation } = plan
  await deps.repos.transaction(async (tx) => {
    await tx.plans.insertPlan({ id: planId, ...init, createdBy: user.id, now })
    await tx.members.insertMember({ planId, userId: user.id, role: 'facilitator', affiliation, organisation, now })
    await tx.audit.recordAudit({
      planId,
      actorId: user.id,
      event: 'plan.created',
      details: { ...init, role: 'facilitator', affiliation, organisation, ...plan.auditDetails },
      at: now,
    })
  })
  try {
    // Imported items are the importer's contribution (issue 13 §1).
    const importer = { userId: user.id, name: user.name, affiliation, organisation }
    await deps.collab.createPlanDocument(planId, init, plan.template, plan.template ? importer : undefined)
  } catch (error) {
    // A plan without a document would be listed but never open: take the row back out.
    await deps.repos.plans.deletePlan(planId)
    throw error
  }
  deps.log.info({ event: 'plan.created', planId, userId: user.id, imported: plan.template !== undefined }, 'plan created')
  const created = await deps.repos.plans.getPlanForMember(planId, user.id)
  if (!created) throw notFound()
  return toPlanSummary(created, deps.collab.activeCount(planId))
}
