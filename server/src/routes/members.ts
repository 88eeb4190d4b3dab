import { Hono } from 'hono'
import { UpdateMemberBody, canFacilitate } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership } from '../auth/access'
import { isWellFormedId } from '../db/ids'
import type { MemberRow } from '../db/members'
import { AppError, forbidden, notFound } from '../errors'
import { readJsonBody } from './body'
import { planPartners, refuseLookalikePartner } from './partners'
import { toMember } from './present'

const noSuchMember = () => notFound('No such member in this plan')
const lastFacilitator = () =>
  new AppError('last_facilitator', 'A plan needs at least one facilitator. Make someone else a facilitator first.')

const describe = (m: Pick<MemberRow, 'role' | 'affiliation' | 'organisation' | 'speaksFor'>) => ({
  role: m.role,
  affiliation: m.affiliation,
  organisation: m.organisation,
  speaksFor: m.speaksFor,
})

/**
 * `PATCH` and `DELETE /api/plans/:id/members/:userId`. Facilitators change and remove
 * members (their role, partner, and whether they speak for it); anyone may leave. A plan is never left without a facilitator: the check and the
 * change share one transaction. Live sockets are told afterwards (membershipChanged).
 */
export function memberRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.patch('/api/plans/:id/members/:userId', async (c) => {
    const me = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const body = await readJsonBody(c, UpdateMemberBody)
    const targetId = c.req.param('userId')
    if (!isWellFormedId(targetId)) throw noSuchMember()
    const { planId } = me
    const { member, changed } = await deps.repos.transaction(async (tx) => {
      const target = await tx.members.findMember(planId, targetId)
      if (!target) throw noSuchMember()
      const next = {
        role: body.role ?? target.role,
        affiliation: body.affiliation ?? target.affiliation,
        organisation: body.organisation === undefined ? target.organisation : body.organisation || null,
        speaksFor: body.speaksFor ?? target.speaksFor,
      }
      const changed =
        next.role !== target.role ||
        next.affiliation !== target.affiliation ||
        next.organisation !== target.organisation ||
        next.speaksFor !== target.speaksFor
      if (!changed) return { member: target, changed }
      if (next.affiliation !== target.affiliation || next.organisation !== target.organisation) {
        const others = await planPartners(tx, planId, deps.now(), targetId)
        refuseLookalikePartner(others, next.affiliation, next.organisation, body.newPartner)
      }
      if (target.role === 'facilitator' && next.role !== 'facilitator' && (await tx.members.countFacilitators(planId)) <= 1) {
        throw lastFacilitator()
      }
      await tx.members.updateMember(planId, targetId, next)
      await tx.audit.recordAudit({
        planId,
        actorId: me.userId,
        event: 'member.updated',
        details: { userId: targetId, name: target.name, from: describe(target), to: next },
        at: deps.now(),
      })
      return { member: { ...target, ...next }, changed }
    })
    if (changed) {
      deps.log.info({ event: 'member.updated', planId, userId: targetId, by: me.userId }, 'member updated')
      deps.collab.membershipChanged(planId, targetId)
    }
    return c.json(toMember(member))
  })

  app.delete('/api/plans/:id/members/:userId', async (c) => {
    const me = await requireMembership(c, deps, c.req.param('id'))
    const targetId = c.req.param('userId')
    const leaving = targetId === me.userId
    if (!leaving && !canFacilitate(me.role)) throw forbidden('Only a facilitator can remove other members')
    if (!isWellFormedId(targetId)) throw noSuchMember()
    const { planId } = me
    await deps.repos.transaction(async (tx) => {
      const target = await tx.members.findMember(planId, targetId)
      if (!target) throw noSuchMember()
      if (target.role === 'facilitator' && (await tx.members.countFacilitators(planId)) <= 1) throw lastFacilitator()
      await tx.members.deleteMember(planId, targetId)
      await tx.tickets.revokeTickets(planId, targetId)
      await tx.audit.recordAudit({
        planId,
        actorId: me.userId,
        event: 'member.removed',
        details: { userId: targetId, name: target.name, ...describe(target), left: leaving },
        at: deps.now(),
      })
    })
    deps.log.info({ event: 'member.removed', planId, userId: targetId, by: me.userId }, 'member removed')
    deps.collab.membershipChanged(planId, targetId)
    return c.body(null, 204)
  })

  return app
}
