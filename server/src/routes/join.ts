import { Hono, type Context } from 'hono'
import {
  AdmitJoinRequestBody,
  CreateJoinCodeBody,
  DEFAULT_JOIN_CODE_MINUTES,
  DEFAULT_JOIN_CODE_USES,
  JoinRequestBody,
  canFacilitate,
  getHuiState,
  normaliseJoinCode,
  type JoinCode,
  type JoinPreview,
  type JoinRequestList,
  type JoinRequestStatus,
  type Member,
} from '@hononga/shared'
import type { z } from 'zod'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership, requireUser } from '../auth/access'
import { clientAddress } from '../auth/client-address'
import { createJoinThrottle } from '../auth/throttle'
import { newId } from '../db/ids'
import { hashJoinCode, isJoinCodeLive, newJoinCode, type JoinCodeRow, type JoinRequestRow } from '../db/join-codes'
import { AppError, notFound } from '../errors'
import type { Repos } from '../repos/types'
import { admitMember, announceNewMember } from './admit-member'
import { readJsonBody } from './body'
import { planPartners, refuseLookalikePartner } from './partners'
import { iso, toMember } from './present'

/** Path of the client page a join code's QR code opens. */
export const JOIN_PAGE_PATH = '/join/'

/** One answer for an unknown, stopped, expired or used-up code, so codes cannot be probed. */
const noSuchCode = () =>
  notFound('This join code does not work: it may have been stopped or used up. Ask the facilitator for the code on screen.')
const noHui = () => new AppError('conflict', 'No hui is running in this plan')
const noSuchRequest = () => notFound('No such request to join')

/** An empty body means "all defaults". */
async function readOptionalBody<Schema extends z.ZodType>(c: Context, schema: Schema): Promise<z.output<Schema>> {
  return (await c.req.text()).trim() === '' ? schema.parse({}) : readJsonBody(c, schema)
}

function toJoinRequest(request: JoinRequestRow): JoinRequestList['requests'][number] {
  const { id, userId, name, email, affiliation, organisation, createdAt } = request
  return { id, userId, name, email, affiliation, organisation, requestedAt: iso(createdAt) }
}

async function recordStopped(tx: Repos, stopped: readonly JoinCodeRow[], actorId: string, now: number): Promise<void> {
  for (const code of stopped) {
    await tx.audit.recordAudit({
      planId: code.planId,
      actorId,
      event: 'joincode.stopped',
      details: { huiId: code.huiId, uses: code.uses },
      at: now,
    })
  }
}

/**
 * Join at the hui by QR code. A facilitator shows a join code while a hui runs (one per plan;
 * only its hash is stored) and stops it; anyone holding it sees the plan's title and community
 * and, signed in, asks to join; facilitators list the requests and admit each person with a
 * partner and role (the membership path of invites) or decline them. A code works only while
 * the hui it was shown in runs, until stopped, expired or used up; failed lookups are limited
 * per address (429 with Retry-After), and every unusable code gets the same 404.
 */
export function joinRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const failures = createJoinThrottle(deps.repos.throttles, deps.config)

  /** The id of the hui running in the plan, or null. Read from the live plan (the server writes `huiState`), not rendered whole. */
  async function runningHuiId(planId: string): Promise<string | null> {
    const state = await deps.collab.readPlan(planId, getHuiState)
    return state.active ? state.huiId : null
  }

  /**
   * The live code a request names, within the guessing limit: 429 while the address is over
   * it, else 404 (counted against the address) for anything but a live code.
   */
  async function liveCode(c: Context<AppEnv>): Promise<JoinCodeRow> {
    const address = `ip:${clientAddress(c)}`
    const now = deps.now()
    const wait = await failures.retryAfterMs(address, now)
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait / 1000))
      throw new AppError('rate_limited', `Too many join codes tried. Try again in ${seconds} seconds.`, { 'Retry-After': String(seconds) })
    }
    const code = normaliseJoinCode(c.req.param('code') ?? '')
    const row = code === null ? null : await deps.repos.joinCodes.findJoinCodeByHash(hashJoinCode(code))
    if (!row || !isJoinCodeLive(row, now)) {
      await failures.record(address, now)
      throw noSuchCode()
    }
    return row
  }

  /** The code's plan, while the hui the code was shown in still runs (409 otherwise). */
  async function requireHuiOf(code: JoinCodeRow): Promise<void> {
    if ((await runningHuiId(code.planId)) !== code.huiId) throw noHui()
  }

  app.post('/api/plans/:id/join-code', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const body = await readOptionalBody(c, CreateJoinCodeBody)
    const huiId = await runningHuiId(planId)
    if (huiId === null) throw noHui()
    const now = deps.now()
    const code = newJoinCode()
    const shown = {
      id: newId(),
      planId,
      codeHash: hashJoinCode(code),
      huiId,
      createdBy: userId,
      now,
      expiresAt: now + (body.expiresInMinutes ?? DEFAULT_JOIN_CODE_MINUTES) * 60_000,
      maxUses: body.maxUses ?? DEFAULT_JOIN_CODE_USES,
    }
    await deps.repos.transaction(async (tx) => {
      // One code per plan: showing a new one stops the one shown before.
      await recordStopped(tx, await tx.joinCodes.stopJoinCodes(planId, now), userId, now)
      await tx.joinCodes.insertJoinCode(shown)
      const details = { huiId, maxUses: shown.maxUses, expiresAt: iso(shown.expiresAt) }
      await tx.audit.recordAudit({ planId, actorId: userId, event: 'joincode.shown', details, at: now })
    })
    const origin = deps.config.publicOrigins[0] ?? new URL(c.req.url).origin
    const answer: JoinCode = {
      code,
      url: `${origin}${JOIN_PAGE_PATH}${code}`,
      expiresAt: iso(shown.expiresAt),
      maxUses: shown.maxUses,
      uses: 0,
    }
    return c.json(answer, 201)
  })

  app.delete('/api/plans/:id/join-code', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const now = deps.now()
    // `?code=` stops only that code: a facilitator closing their dialog leaves a newer code shown by another alone.
    const named = c.req.query('code')
    const code = named === undefined ? undefined : normaliseJoinCode(named)
    if (code === null) return c.body(null, 204)
    const codeHash = code === undefined ? undefined : hashJoinCode(code)
    // Stopping twice is harmless and recorded once.
    await deps.repos.transaction(async (tx) => recordStopped(tx, await tx.joinCodes.stopJoinCodes(planId, now, codeHash), userId, now))
    return c.body(null, 204)
  })

  app.get('/api/plans/:id/join-requests', async (c) => {
    const { planId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const shown = await deps.repos.joinCodes.findShownJoinCode(planId, deps.now())
    const answer: JoinRequestList = {
      requests: (await deps.repos.joinCodes.listPendingJoinRequests(planId)).map(toJoinRequest),
      joinCode: shown ? { expiresAt: iso(shown.expiresAt), maxUses: shown.maxUses, uses: shown.uses } : null,
    }
    return c.json(answer)
  })

  app.post('/api/plans/:id/join-requests/:requestId/admit', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const body = await readJsonBody(c, AdmitJoinRequestBody)
    const now = deps.now()
    const organisation = body.organisation || null
    const requestId = c.req.param('requestId')
    const joined = await deps.repos.transaction(async (tx): Promise<{ personId: string; joined: boolean }> => {
      const request = await tx.joinCodes.findJoinRequest(requestId)
      if (!request || request.planId !== planId || request.status !== 'pending') throw noSuchRequest()
      // Someone who joined another way meanwhile keeps their membership as it is.
      const existing = await tx.members.findMembership(planId, request.userId)
      if (!existing) refuseLookalikePartner(await planPartners(tx, planId, now), body.affiliation, organisation, body.newPartner)
      await tx.joinCodes.decideJoinRequest(request.id, { status: 'admitted', by: userId, now })
      if (existing) return { personId: request.userId, joined: false }
      const member = {
        planId,
        userId: request.userId,
        name: request.name,
        role: body.role,
        affiliation: body.affiliation,
        organisation,
        speaksFor: body.speaksFor ?? true,
        actorId: userId,
        via: { via: 'join code', requestId: request.id },
      }
      await admitMember(tx, member, now)
      return { personId: request.userId, joined: true }
    })
    if (joined.joined) announceNewMember(deps, planId, joined.personId)
    const member = await deps.repos.members.findMember(planId, joined.personId)
    if (!member) throw noSuchRequest()
    const answer: Member = toMember(member)
    return c.json(answer)
  })

  app.post('/api/plans/:id/join-requests/:requestId/decline', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const now = deps.now()
    const requestId = c.req.param('requestId')
    await deps.repos.transaction(async (tx) => {
      const request = await tx.joinCodes.findJoinRequest(requestId)
      if (!request || request.planId !== planId) throw noSuchRequest()
      if (!(await tx.joinCodes.decideJoinRequest(request.id, { status: 'declined', by: userId, now }))) throw noSuchRequest()
      const details = { requestId: request.id, userId: request.userId, name: request.name }
      await tx.audit.recordAudit({ planId, actorId: userId, event: 'join.declined', details, at: now })
    })
    return c.body(null, 204)
  })

  app.get('/api/join/:code', async (c) => {
    const code = await liveCode(c)
    await requireHuiOf(code)
    const plan = await deps.repos.plans.getPlanHeading(code.planId)
    if (!plan) throw noSuchCode()
    const preview: JoinPreview = { planTitle: plan.title, community: plan.community }
    return c.json(preview)
  })

  app.post('/api/join/:code', async (c) => {
    const user = requireUser(c)
    const code = await liveCode(c)
    const body = await readOptionalBody(c, JoinRequestBody)
    await requireHuiOf(code)
    const now = deps.now()
    const outcome = await deps.repos.transaction(async (tx): Promise<{ answer: JoinRequestStatus; created: boolean }> => {
      const { planId } = code
      if (await tx.members.findMembership(planId, user.id))
        return { answer: { requestId: null, status: 'admitted', planId }, created: false }
      // Asking again (a reload, a second tap) gives the same request and uses nothing.
      const pending = await tx.joinCodes.findPendingJoinRequest(planId, user.id)
      if (pending) return { answer: { requestId: pending.id, status: 'pending', planId: null }, created: false }
      // The check in liveCode read `uses`; the conditional UPDATE is what holds under a race.
      if (!(await tx.joinCodes.takeJoinCodeUse(code.id))) throw noSuchCode()
      const requestId = newId()
      const stated = { affiliation: body.affiliation ?? null, organisation: body.organisation || null }
      await tx.joinCodes.insertJoinRequest({ id: requestId, planId, userId: user.id, joinCodeId: code.id, ...stated, now })
      const details = { requestId, userId: user.id, name: user.name, ...stated }
      await tx.audit.recordAudit({ planId, actorId: user.id, event: 'join.requested', details, at: now })
      return { answer: { requestId, status: 'pending', planId: null }, created: true }
    })
    return c.json(outcome.answer, outcome.created ? 201 : 200)
  })

  app.get('/api/join-requests/:requestId', async (c) => {
    const user = requireUser(c)
    const request = await deps.repos.joinCodes.findJoinRequest(c.req.param('requestId'))
    // Only the person who asked may see where their request stands.
    if (!request || request.userId !== user.id) throw noSuchRequest()
    const answer: JoinRequestStatus = {
      requestId: request.id,
      status: request.status,
      planId: request.status === 'admitted' ? request.planId : null,
    }
    return c.json(answer)
  })

  return app
}
