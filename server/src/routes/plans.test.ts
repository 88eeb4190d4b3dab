import type { PlanDetail, PlanSummary, WsTicket } from '@hononga/shared'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { consumeTicket } from '../db/tickets'
import { plans } from '../db/schema'
import { TestClient, addMember, createPlan, createTestDeps, expectError, type TestContext } from '../test-support'

describe('plans', () => {
  let t: TestContext
  beforeEach(async () => {
    t = await createTestDeps()
  })
  afterEach(() => t.cleanup())

  it('creates a plan whose creator is its facilitator (Police by default)', async () => {
    const aroha = await t.signUp('Aroha')
    const plan = await createPlan(aroha, { title: 'Te Hiku hui plan', community: 'Kaitāia' })
    expect(plan).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      title: 'Te Hiku hui plan',
      community: 'Kaitāia',
      district: null,
      role: 'facilitator',
      affiliation: 'police',
      organisation: null,
      speaksFor: true,
      createdAt: new Date(t.clock.now).toISOString(),
      updatedAt: new Date(t.clock.now).toISOString(),
      memberCount: 1,
      activeCount: 0,
      archivedAt: null,
      deletedAt: null,
      purgeAt: null,
    } satisfies PlanSummary)
  })

  it('takes the creator’s affiliation, organisation and district from the body', async () => {
    const rawiri = await t.signUp('Rāwiri')
    const plan = await createPlan(rawiri, {
      district: 'Northland',
      affiliation: 'iwi',
      organisation: 'Te Rūnanga o Te Rarawa',
    })
    expect(plan).toMatchObject({ district: 'Northland', affiliation: 'iwi', organisation: 'Te Rūnanga o Te Rarawa' })
  })

  it('validates the body and requires sign-in', async () => {
    const anon = t.client()
    await expectError(await anon.post('/api/plans', { title: 'x', community: 'y' }), 401, 'unauthenticated')
    await expectError(await anon.get('/api/plans'), 401, 'unauthenticated')
    const me = await t.signUp()
    const invalid = await expectError(await me.post('/api/plans', { title: '  ', affiliation: 'army' }), 400, 'validation_failed')
    expect(invalid.error.message).toMatch(/title/)
    expect(invalid.error.message).toMatch(/community/)
    expect(invalid.error.message).toMatch(/affiliation/)
  })

  it('lists only my plans, most recently changed first', async () => {
    const aroha = await t.signUp('Aroha')
    const hemi = await t.signUp('Hemi')
    const first = await createPlan(aroha, { title: 'First' })
    t.clock.advance(1000)
    const second = await createPlan(aroha, { title: 'Second' })
    t.clock.advance(1000)
    await createPlan(hemi, { title: 'Hemi’s own' })

    const mine = await TestClient.json<PlanSummary[]>(await aroha.get('/api/plans'))
    expect(mine.map((p) => p.id)).toEqual([second.id, first.id])
    const his = await TestClient.json<PlanSummary[]>(await hemi.get('/api/plans'))
    expect(his.map((p) => p.title)).toEqual(['Hemi’s own'])
  })

  it('shows a member the plan with its members and their own role', async () => {
    const aroha = await t.signUp('Aroha')
    const plan = await createPlan(aroha)
    const hemi = await addMember(t, aroha, plan.id, { role: 'viewer', affiliation: 'agency', organisation: 'Oranga Tamariki' }, 'Hemi')
    const detail = await TestClient.json<PlanDetail>(await hemi.get(`/api/plans/${plan.id}`))
    expect(detail).toMatchObject({ id: plan.id, role: 'viewer', affiliation: 'agency', organisation: 'Oranga Tamariki', memberCount: 2 })
    expect(detail.members.map((m) => [m.name, m.role, m.affiliation, m.organisation])).toEqual([
      ['Aroha', 'facilitator', 'police', null],
      ['Hemi', 'viewer', 'agency', 'Oranga Tamariki'],
    ])
    expect(detail.members[0]).toEqual({
      userId: aroha.me!.id,
      name: 'Aroha',
      email: aroha.me!.email,
      role: 'facilitator',
      affiliation: 'police',
      organisation: null,
      speaksFor: true,
      joinedAt: expect.any(String),
    })
  })

  it('renders the plan document for members, with macrons intact', async () => {
    const aroha = await t.signUp()
    const plan = await createPlan(aroha, { title: 'Whakaoranga whānau', community: 'Ōpōtiki' })
    const document: unknown = await TestClient.json(await aroha.get(`/api/plans/${plan.id}/document`))
    expect(JSON.stringify(document)).toContain('Whakaoranga whānau')
    expect(JSON.stringify(document)).toContain('Ōpōtiki')
  })

  it('takes the plan row back out when its document cannot be created, and hides why', async () => {
    const aroha = await t.signUp()
    vi.spyOn(t.deps.collab, 'createPlanDocument').mockRejectedValueOnce(new Error('disk full at /secret/path'))
    const response = await aroha.post('/api/plans', { title: 'Doomed', community: 'Nowhere' })
    const body = await expectError(response, 500, 'internal')
    expect(JSON.stringify(body)).not.toContain('/secret/path')
    expect(t.db.select().from(plans).all()).toEqual([])
    expect(await TestClient.json<PlanSummary[]>(await aroha.get('/api/plans'))).toEqual([])
  })

  it('issues single-use WebSocket tickets to any member', async () => {
    const aroha = await t.signUp()
    const plan = await createPlan(aroha)
    const viewer = await addMember(t, aroha, plan.id, { role: 'viewer', affiliation: 'community' })
    const issued = await TestClient.json<WsTicket>(await viewer.post(`/api/plans/${plan.id}/ws-ticket`))
    expect(issued.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Date.parse(issued.expiresAt)).toBe(t.clock.now + t.deps.config.wsTicketTtlMs)
    expect(consumeTicket(t.db, issued.ticket, plan.id, t.clock.now)?.userId).toBe(viewer.me!.id)
    expect(consumeTicket(t.db, issued.ticket, plan.id, t.clock.now)).toBeNull()
  })

  describe('access', () => {
    let owner: TestClient
    let outsider: TestClient
    let planId: string
    let inviteCode: string
    beforeEach(async () => {
      owner = await t.signUp('Owner')
      outsider = await t.signUp('Outsider')
      planId = (await createPlan(owner)).id
      const response = await owner.post(`/api/plans/${planId}/invites`, { role: 'editor', affiliation: 'iwi' })
      inviteCode = (await TestClient.json<{ code: string }>(response, 201)).code
    })

    const planRoutes = (id: string, code: string, memberId: string): Array<[string, string, unknown?]> => [
      ['GET', `/api/plans/${id}`],
      ['GET', `/api/plans/${id}/document`],
      ['POST', `/api/plans/${id}/ws-ticket`],
      ['GET', `/api/plans/${id}/audit`],
      ['GET', `/api/plans/${id}/invites`],
      ['POST', `/api/plans/${id}/invites`, { role: 'facilitator', affiliation: 'police' }],
      ['DELETE', `/api/plans/${id}/invites/${code}`],
      ['PATCH', `/api/plans/${id}/members/${memberId}`, { role: 'viewer' }],
      ['DELETE', `/api/plans/${id}/members/${memberId}`],
    ]

    it('answers 404 not_found to a non-member on every plan route, exactly as for a plan that does not exist', async () => {
      const routeCount = planRoutes('', '', '').length
      for (let i = 0; i < routeCount; i++) {
        const bodies = new Set<string>()
        for (const id of [planId, 'NoSuchPlanAtAll', 'bad id!']) {
          const [method, url, json] = planRoutes(encodeURIComponent(id), inviteCode, owner.me!.id)[i]!
          const response = await outsider.request(method, url, json === undefined ? {} : { json })
          bodies.add(JSON.stringify(await expectError(response, 404, 'not_found')))
        }
        // Nothing tells a real plan from a missing one.
        expect(bodies.size).toBe(1)
      }
      // And nothing changed.
      const detail = await TestClient.json<PlanDetail>(await owner.get(`/api/plans/${planId}`))
      expect(detail.members).toHaveLength(1)
      const invites = await TestClient.json<Array<{ revokedAt: string | null }>>(await owner.get(`/api/plans/${planId}/invites`))
      expect(invites).toEqual([expect.objectContaining({ revokedAt: null })])
    })

    it('answers 401 to a signed-out caller before anything else', async () => {
      for (const [method, url, json] of planRoutes(planId, inviteCode, owner.me!.id)) {
        const response = await t.client().request(method, url, json === undefined ? {} : { json })
        await expectError(response, 401, 'unauthenticated')
      }
    })

    it('answers 403 forbidden to editors and viewers on facilitator routes', async () => {
      for (const role of ['editor', 'viewer'] as const) {
        const member = await addMember(t, owner, planId, { role, affiliation: 'community' })
        const routes: Array<[string, string, unknown?]> = [
          ['GET', `/api/plans/${planId}/invites`],
          ['POST', `/api/plans/${planId}/invites`, { role: 'facilitator', affiliation: 'police' }],
          ['DELETE', `/api/plans/${planId}/invites/${inviteCode}`],
          ['PATCH', `/api/plans/${planId}/members/${member.me!.id}`, { role: 'facilitator' }],
          ['PATCH', `/api/plans/${planId}/members/${owner.me!.id}`, { role: 'viewer' }],
          ['DELETE', `/api/plans/${planId}/members/${owner.me!.id}`],
        ]
        for (const [method, url, json] of routes) {
          const response = await member.request(method, url, json === undefined ? {} : { json })
          await expectError(response, 403, 'forbidden')
        }
        // What members may do, they can.
        expect((await member.get(`/api/plans/${planId}`)).status).toBe(200)
        expect((await member.get(`/api/plans/${planId}/audit`)).status).toBe(200)
      }
    })
  })
})
