import { Hono } from 'hono'
import {
  canEdit,
  canFacilitate,
  parseTargetKey,
  partnerKey,
  partnersOf,
  RaiseItemBody,
  releasedPlan,
  ShareWithDistrictBody,
  targetKey,
  toPlanJson,
  type AgreementTarget,
  type Partner,
  type PartnerConsentState,
  type PlanDistrict,
  type PlanJson,
  type RaisedItem,
} from '@hononga/shared'
import type { AppDeps, AppEnv, Membership } from '../app-env'
import { requireMembership } from '../auth/access'
import { raiseSubject, SHARE_SUBJECT, type ConsentRow, type RaisedItemRow } from '../db/districts'
import { isWellFormedId, newId } from '../db/ids'
import { AppError, forbidden, notFound } from '../errors'
import type { Repos } from '../repos/types'
import { recordAccessQuietly } from './access-log'
import { readJsonBody } from './body'
import { iso } from './present'

/**
 * The plan's side of district sharing (issue 13 §6): a facilitator asks to share the plan's
 * summary with one district group; each partner consents (a member who speaks for it, for their
 * own partner from their membership row, never from the body) or withdraws; editors raise items
 * to the district with a note, each needing the same consent. A subject is in effect only while
 * every current partner of the plan consents, so a partner who joins later pauses it.
 */

/** The partners of a plan (from its members only) and every consent in force on it. */
export interface ConsentState {
  partners: Partner[]
  consents: ConsentRow[]
}

export async function consentState(repos: Pick<Repos, 'members' | 'districts'>, planId: string): Promise<ConsentState> {
  const [members, consents] = await Promise.all([repos.members.listMembers(planId), repos.districts.listConsents(planId)])
  return { partners: partnersOf(members), consents }
}

/** Whether `subject` is in effect: the plan has partners and every one of them consents now. */
export function inEffect(state: ConsentState, subject: string): boolean {
  const given = new Set(state.consents.filter((c) => c.subject === subject).map((c) => c.partner))
  return state.partners.length > 0 && state.partners.every((partner) => given.has(partner.key))
}

function partnerStates(state: ConsentState, subject: string): PartnerConsentState[] {
  const bySubject = new Map(state.consents.filter((c) => c.subject === subject).map((c) => [c.partner, c]))
  return state.partners.map((partner) => {
    const consent = bySubject.get(partner.key)
    return {
      partner: partner.key,
      affiliation: partner.affiliation,
      organisation: partner.organisation,
      consent: consent ? { givenByName: consent.givenByName, givenAt: iso(consent.givenAt) } : null,
    }
  })
}

/** A stored raised item as the HTTP contract gives it. */
export function toRaisedItem(row: RaisedItemRow): RaisedItem {
  const target = parseTargetKey(row.target) ?? { kind: 'action', id: row.target }
  return {
    id: row.id,
    planId: row.planId,
    groupId: row.groupId,
    target,
    title: row.title,
    note: row.note,
    raisedByName: row.raisedByName,
    raisedAt: iso(row.raisedAt),
    status: row.status,
    answer: row.answer,
    answeredByName: row.answeredByName,
    answeredAt: row.answeredAt === null ? null : iso(row.answeredAt),
  }
}

/** The title of an item of the plan as it may leave the plan (withheld items are not there), or null. */
export function releasedItemTitle(plan: PlanJson, target: AgreementTarget): string | null {
  const { plan: released } = releasedPlan(plan, null)
  switch (target.kind) {
    case 'focusArea':
      return released.focusAreas.find((f) => f.id === target.id)?.title ?? null
    case 'condition':
      return released.conditions.find((c) => c.id === target.id)?.title ?? null
    case 'action':
      return released.actions.find((a) => a.id === target.id)?.title ?? null
    case 'monitoring': {
      const action = released.actions.find((a) => a.id === target.id)
      // Withholding monitoring empties the action's measures: nothing of it may be raised.
      const withheld = released.withheld.some((m) => m.target.kind === 'monitoring' && m.target.id === target.id)
      return action && !withheld ? `Monitoring: ${action.title}` : null
    }
  }
}

async function planDistrict(deps: AppDeps, me: Membership): Promise<PlanDistrict> {
  const { repos } = deps
  const [share, state, groups, raised] = await Promise.all([
    repos.districts.findDistrictShare(me.planId),
    consentState(repos, me.planId),
    repos.districts.listDistrictGroups(null),
    repos.districts.listRaisedItems(me.planId),
  ])
  const shareInEffect = share !== null && inEffect(state, SHARE_SUBJECT)
  return {
    share: share && {
      groupId: share.groupId,
      groupName: share.groupName,
      requestedByName: share.requestedByName,
      requestedAt: iso(share.requestedAt),
    },
    inEffect: shareInEffect,
    partners: partnerStates(state, SHARE_SUBJECT),
    groups: groups.map(({ id, name }) => ({ id, name })),
    raised: raised.map((row) => ({
      ...toRaisedItem(row),
      // The district sees a raised item only while it sees the plan, in the group it was raised to.
      inEffect: shareInEffect && share.groupId === row.groupId && inEffect(state, raiseSubject(row.id)),
      partners: partnerStates(state, raiseSubject(row.id)),
    })),
    canConsent: me.speaksFor,
    callerPartner: partnerKey(me.affiliation, me.organisation),
  }
}

/** The caller's partner, when they speak for it; 403 otherwise. */
function speakingPartner(me: Membership): string {
  if (!me.speaksFor) throw forbidden('You do not speak for your partner in this plan, so you cannot give or withdraw its consent')
  return partnerKey(me.affiliation, me.organisation)
}

export function planDistrictRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const { repos } = deps

  /** A raised item of this plan, or 404. */
  const raisedOf = async (planId: string, raisedId: string | undefined): Promise<RaisedItemRow> => {
    const row = isWellFormedId(raisedId) ? await repos.districts.findRaisedItem(raisedId) : null
    if (!row || row.planId !== planId) throw notFound('No such raised item in this plan')
    return row
  }

  const setConsent = async (me: Membership, subject: string, give: boolean) => {
    const partner = speakingPartner(me)
    const at = deps.now()
    await repos.transaction(async (tx) => {
      const changed = give
        ? (await tx.districts.giveConsent({ planId: me.planId, subject, partner, givenBy: me.userId, givenAt: at }), true)
        : await tx.districts.withdrawConsent(me.planId, subject, partner)
      if (changed) {
        await tx.audit.recordAudit({
          planId: me.planId,
          actorId: me.userId,
          event: give ? 'district.consent.given' : 'district.consent.withdrawn',
          details: { subject, partner },
          at,
        })
      }
    })
  }

  app.get('/api/plans/:id/district', async (c) => {
    const me = await requireMembership(c, deps, c.req.param('id'))
    return c.json((await planDistrict(deps, me)) satisfies PlanDistrict)
  })

  app.put('/api/plans/:id/district', async (c) => {
    const me = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const { groupId } = await readJsonBody(c, ShareWithDistrictBody)
    const group = isWellFormedId(groupId) ? await repos.districts.findDistrictGroup(groupId) : null
    if (!group) throw notFound('No such district group')
    const at = deps.now()
    await repos.transaction(async (tx) => {
      const current = await tx.districts.findDistrictShare(me.planId)
      if (current?.groupId === group.id) return
      // Consent was given to share with one group: another group needs it afresh.
      if (current) await tx.districts.clearConsents(me.planId, SHARE_SUBJECT)
      await tx.districts.setDistrictShare({ planId: me.planId, groupId: group.id, requestedBy: me.userId, requestedAt: at })
      await tx.audit.recordAudit({
        planId: me.planId,
        actorId: me.userId,
        event: 'district.share.requested',
        details: { groupId: group.id, groupName: group.name },
        at,
      })
    })
    return c.json((await planDistrict(deps, me)) satisfies PlanDistrict)
  })

  app.delete('/api/plans/:id/district', async (c) => {
    const me = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const at = deps.now()
    await repos.transaction(async (tx) => {
      if (!(await tx.districts.deleteDistrictShare(me.planId))) return
      await tx.districts.clearConsents(me.planId, SHARE_SUBJECT)
      await tx.audit.recordAudit({
        planId: me.planId,
        actorId: me.userId,
        event: 'district.share.requested',
        details: { groupId: null },
        at,
      })
    })
    return c.body(null, 204)
  })

  app.put('/api/plans/:id/district/consent', async (c) => {
    const me = await requireMembership(c, deps, c.req.param('id'))
    if (!(await repos.districts.findDistrictShare(me.planId)))
      throw new AppError('conflict', 'This plan is not being shared with a district group')
    await setConsent(me, SHARE_SUBJECT, true)
    return c.json((await planDistrict(deps, me)) satisfies PlanDistrict)
  })

  app.delete('/api/plans/:id/district/consent', async (c) => {
    const me = await requireMembership(c, deps, c.req.param('id'))
    await setConsent(me, SHARE_SUBJECT, false)
    return c.json((await planDistrict(deps, me)) satisfies PlanDistrict)
  })

  app.post('/api/plans/:id/district/raised', async (c) => {
    const me = await requireMembership(c, deps, c.req.param('id'), canEdit)
    const body = await readJsonBody(c, RaiseItemBody)
    const share = await repos.districts.findDistrictShare(me.planId)
    if (!share) throw new AppError('conflict', 'Share this plan with a district group before raising an item to it')
    const plan = await deps.collab.readPlan(me.planId, toPlanJson)
    const title = releasedItemTitle(plan, body.target)
    if (title === null) throw notFound('No such item in this plan, or a partner has withheld it')
    const at = deps.now()
    const id = newId()
    await repos.transaction(async (tx) => {
      await tx.districts.insertRaisedItem({
        id,
        planId: me.planId,
        groupId: share.groupId,
        target: targetKey(body.target),
        title,
        note: body.note,
        raisedBy: me.userId,
        raisedAt: at,
      })
      await tx.audit.recordAudit({
        planId: me.planId,
        actorId: me.userId,
        event: 'district.raised',
        details: { raisedId: id, groupId: share.groupId, target: body.target },
        at,
      })
    })
    await recordAccessQuietly(deps, me, 'district.raised', { raisedId: id, groupId: share.groupId, target: body.target })
    const row = await repos.districts.findRaisedItem(id)
    if (!row) throw notFound('No such raised item in this plan')
    return c.json(toRaisedItem(row) satisfies RaisedItem, 201)
  })

  app.put('/api/plans/:id/district/raised/:raisedId/consent', async (c) => {
    const me = await requireMembership(c, deps, c.req.param('id'))
    const row = await raisedOf(me.planId, c.req.param('raisedId'))
    await setConsent(me, raiseSubject(row.id), true)
    return c.json((await planDistrict(deps, me)) satisfies PlanDistrict)
  })

  app.delete('/api/plans/:id/district/raised/:raisedId/consent', async (c) => {
    const me = await requireMembership(c, deps, c.req.param('id'))
    const row = await raisedOf(me.planId, c.req.param('raisedId'))
    await setConsent(me, raiseSubject(row.id), false)
    return c.json((await planDistrict(deps, me)) satisfies PlanDistrict)
  })

  return app
}
