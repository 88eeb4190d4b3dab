import { Hono, type MiddlewareHandler } from 'hono'
import {
  attachment,
  canFacilitate,
  DeletePlanBody,
  getPlanMeta,
  partnerKey,
  PLAN_DELETION_GRACE_DAYS,
  UpdatePlanBody,
  type PlanSummary,
} from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership } from '../auth/access'
import { isWellFormedId } from '../db/ids'
import type { PlanLifecycle } from '../db/plans'
import { AppError, notFound } from '../errors'
import { partnerContributions } from '../lifecycle/contributions'
import { recordDownload } from './access-log'
import { readJsonBody } from './body'
import { toPlanSummary } from './present'

const DAY_MS = 24 * 60 * 60 * 1000

/** Why a locked plan refuses a change: 409 `plan_deleted` or `plan_archived`, or null when it is in use. */
export function lockedError(lifecycle: Pick<PlanLifecycle, 'archivedAt' | 'deletedAt'> | null): AppError | null {
  if (lifecycle?.deletedAt != null) {
    return new AppError('plan_deleted', 'This plan is deleted. A facilitator can undo the deletion until it is removed.')
  }
  if (lifecycle?.archivedAt != null) return new AppError('plan_archived', 'This plan is archived. A facilitator can restore it.')
  return null
}

/** What a locked plan still takes: leaving, handing over, tickets to read it, and its own lifecycle. */
const ALLOWED_WHEN_LOCKED = /^\/(archive|deletion|ws-ticket|members\/[^/]+)$/

/**
 * Middleware for `/api/plans/:id/*`: every request that changes an archived or deleted plan
 * (anything but GET and HEAD) is refused with 409, except those ALLOWED_WHEN_LOCKED. Its
 * sockets are read-only as well (the socket identity's `readOnly`), so nothing writes to it.
 */
export function lifecycleGuard(deps: Pick<AppDeps, 'repos'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method
    if (method !== 'GET' && method !== 'HEAD') {
      const match = /^\/api\/plans\/([^/]+)(\/.*)?$/.exec(c.req.path)
      const planId = match?.[1]
      const rest = match?.[2] ?? ''
      if (planId && rest !== '' && isWellFormedId(planId) && !ALLOWED_WHEN_LOCKED.test(rest)) {
        const refusal = lockedError(await deps.repos.plans.getPlanLifecycle(planId))
        if (refusal) throw refusal
      }
    }
    await next()
  }
}

/**
 * A plan's life (README "Plan lifecycle"): rename and re-describe it, archive and restore
 * it, delete it (typed confirmation; 30 days in which any facilitator can undo it and each
 * partner can download its contributions), and that download.
 */
export function lifecycleRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  const summary = async (planId: string, userId: string): Promise<PlanSummary> => {
    const plan = await deps.repos.plans.getPlanForMember(planId, userId)
    if (!plan) throw notFound()
    return toPlanSummary(plan, deps.collab.activeCount(planId))
  }

  app.patch('/api/plans/:id', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const body = await readJsonBody(c, UpdatePlanBody)
    const refusal = lockedError(await deps.repos.plans.getPlanLifecycle(planId))
    if (refusal) throw refusal
    const change = {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.community !== undefined ? { community: body.community } : {}),
      ...(body.district !== undefined ? { district: body.district || null } : {}),
    }
    // Through the document, so everyone connected sees the new heading at once; the plans
    // row follows now rather than at the derived-tables hook's next pass.
    const heading = await deps.collab.readPlan(planId, (doc) => {
      const meta = getPlanMeta(doc)
      return { title: meta.title?.toString() ?? '', community: meta.community?.toString() ?? '', district: meta.district }
    })
    await deps.collab.updatePlanMeta(planId, change)
    const next = { ...heading, ...change }
    await deps.repos.transaction(async (tx) => {
      await tx.plans.updatePlanHeading(planId, next, deps.now())
      await tx.audit.recordAudit({ planId, actorId: userId, event: 'plan.updated', details: { from: heading, to: next }, at: deps.now() })
    })
    deps.log.info({ event: 'plan.updated', planId, userId }, 'plan renamed or re-described')
    return c.json(await summary(planId, userId))
  })

  app.post('/api/plans/:id/archive', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const changed = await deps.repos.transaction(async (tx) => {
      const lifecycle = await tx.plans.getPlanLifecycle(planId)
      if (lifecycle?.deletedAt != null) throw lockedError(lifecycle)!
      if (lifecycle?.archivedAt != null) return false
      await tx.plans.setPlanArchived(planId, deps.now())
      await tx.audit.recordAudit({ planId, actorId: userId, event: 'plan.archived', details: {}, at: deps.now() })
      return true
    })
    if (changed) deps.collab.planAccessChanged(planId)
    return c.json(await summary(planId, userId))
  })

  app.delete('/api/plans/:id/archive', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const changed = await deps.repos.transaction(async (tx) => {
      const lifecycle = await tx.plans.getPlanLifecycle(planId)
      if (lifecycle?.deletedAt != null) throw lockedError(lifecycle)!
      if (lifecycle?.archivedAt == null) return false
      await tx.plans.setPlanArchived(planId, null)
      await tx.audit.recordAudit({ planId, actorId: userId, event: 'plan.unarchived', details: {}, at: deps.now() })
      return true
    })
    if (changed) deps.collab.planAccessChanged(planId)
    return c.json(await summary(planId, userId))
  })

  app.post('/api/plans/:id/deletion', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const { confirmTitle } = await readJsonBody(c, DeletePlanBody)
    // The title everyone sees in the workspace is the document's; the row may lag it by a moment.
    const docTitle = await deps.collab.readPlan(planId, (doc) => getPlanMeta(doc).title?.toString() ?? '')
    const typed = confirmTitle.normalize('NFC').trim()
    await deps.repos.transaction(async (tx) => {
      const lifecycle = await tx.plans.getPlanLifecycle(planId)
      if (lifecycle?.deletedAt != null) throw lockedError(lifecycle)!
      const titles = [docTitle, lifecycle?.title ?? ''].map((title) => title.normalize('NFC').trim())
      if (typed === '' || !titles.includes(typed)) {
        throw new AppError('validation_failed', 'confirmTitle: type the plan’s title exactly to delete it')
      }
      const at = deps.now()
      const purgeAt = at + PLAN_DELETION_GRACE_DAYS * DAY_MS
      await tx.plans.setPlanDeletion(planId, { deletedAt: at, purgeAt })
      await tx.audit.recordAudit({
        planId,
        actorId: userId,
        event: 'plan.deleted',
        details: { title: docTitle || lifecycle?.title, purgeAt: new Date(purgeAt).toISOString() },
        at,
      })
    })
    deps.log.info({ event: 'plan.deleted', planId, userId }, 'plan deleted; content removed after the grace period')
    deps.collab.planAccessChanged(planId)
    return c.json(await summary(planId, userId))
  })

  app.delete('/api/plans/:id/deletion', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const changed = await deps.repos.transaction(async (tx) => {
      const lifecycle = await tx.plans.getPlanLifecycle(planId)
      if (lifecycle?.deletedAt == null) return false
      await tx.plans.setPlanDeletion(planId, null)
      await tx.audit.recordAudit({ planId, actorId: userId, event: 'plan.undeleted', details: {}, at: deps.now() })
      return true
    })
    if (changed) {
      deps.log.info({ event: 'plan.undeleted', planId, userId }, 'plan deletion undone')
      deps.collab.planAccessChanged(planId)
    }
    return c.json(await summary(planId, userId))
  })

  app.get('/api/plans/:id/contributions.json', async (c) => {
    const me = await requireMembership(c, deps, c.req.param('id'))
    const key = partnerKey(me.affiliation, me.organisation)
    const memberIds = new Set(
      (await deps.repos.members.listMembers(me.planId))
        .filter((member) => partnerKey(member.affiliation, member.organisation) === key)
        .map((member) => member.userId),
    )
    const partner = { key, affiliation: me.affiliation, organisation: me.organisation, memberIds }
    const contributions = await deps.collab.readPlan(me.planId, (doc) => partnerContributions(doc, partner, deps.now()))
    await recordDownload(deps, me, 'export.contributions')
    const name = `${contributions.plan.title || 'plan'} - ${me.organisation ?? me.affiliation}`
    return c.body(JSON.stringify(contributions, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': attachment(name, '.contributions.json'),
    })
  })

  return app
}
