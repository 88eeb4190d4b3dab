import type { AuditEvent, Invite, InviteAccepted, InvitePreview, PlanDetail } from '@hononga/shared'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TestClient, createPlan, createTestDeps, expectError, type TestContext } from '../test-support'

describe('invites', () => {
  let t: TestContext
  let facilitator: TestClient
  let planId: string
  beforeEach(async () => {
    t = await createTestDeps()
    facilitator = await t.signUp('Mere')
    planId = (await createPlan(facilitator, { title: 'Mahere o Te Hiku', community: 'Kaitāia' })).id
  })
  afterEach(() => t.cleanup())

  async function createInvite(body: Record<string, unknown>): Promise<Invite> {
    return TestClient.json<Invite>(await facilitator.post(`/api/plans/${planId}/invites`, body), 201)
  }

  it('create → preview without signing in → accept as a new person → listed as a member', async () => {
    const invite = await createInvite({ role: 'editor', affiliation: 'iwi', organisation: 'Te Rūnanga o Te Rarawa' })
    expect(invite).toEqual({
      code: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      url: `http://localhost/invite/${invite.code}`,
      planId,
      role: 'editor',
      affiliation: 'iwi',
      organisation: 'Te Rūnanga o Te Rarawa',
      speaksFor: true,
      createdAt: new Date(t.clock.now).toISOString(),
      expiresAt: new Date(t.clock.now + 7 * 24 * 3600_000).toISOString(),
      revokedAt: null,
      maxUses: null,
      uses: 0,
    } satisfies Invite)

    const preview = await TestClient.json<InvitePreview>(await t.client().get(`/api/invites/${invite.code}`))
    expect(preview).toEqual({
      planId,
      planTitle: 'Mahere o Te Hiku',
      community: 'Kaitāia',
      role: 'editor',
      affiliation: 'iwi',
      organisation: 'Te Rūnanga o Te Rarawa',
      expiresAt: invite.expiresAt,
      invitedBy: 'Mere',
    } satisfies InvitePreview)

    const anon = t.client()
    await expectError(await anon.post(`/api/invites/${invite.code}/accept`), 401, 'unauthenticated')

    const membershipChanged = vi.spyOn(t.deps.collab, 'membershipChanged')
    const rawiri = await t.signUp('Rāwiri')
    const accepted = await TestClient.json<InviteAccepted>(await rawiri.post(`/api/invites/${invite.code}/accept`))
    expect(accepted).toEqual({ planId, role: 'editor' })
    expect(membershipChanged).toHaveBeenCalledWith(planId, rawiri.me!.id)

    const detail = await TestClient.json<PlanDetail>(await rawiri.get(`/api/plans/${planId}`))
    expect(detail.role).toBe('editor')
    expect(detail.members.find((m) => m.userId === rawiri.me!.id)).toMatchObject({
      name: 'Rāwiri',
      role: 'editor',
      affiliation: 'iwi',
      organisation: 'Te Rūnanga o Te Rarawa',
    })
    const [listed] = await TestClient.json<Invite[]>(await facilitator.get(`/api/plans/${planId}/invites`))
    expect(listed).toMatchObject({ code: invite.code, uses: 1 })
  })

  it('builds invite links on the public origin when one is configured', async () => {
    const hosted = await createTestDeps({ env: { PUBLIC_ORIGIN: 'https://hononga.example.nz' } })
    try {
      const owner = await hosted.signUp()
      const plan = await createPlan(owner)
      const response = await owner.post(`/api/plans/${plan.id}/invites`, { role: 'viewer', affiliation: 'agency' })
      const invite = await TestClient.json<Invite>(response, 201)
      expect(invite.url).toBe(`https://hononga.example.nz/invite/${invite.code}`)
    } finally {
      await hosted.cleanup()
    }
  })

  it('answers 404 for an unknown or malformed code', async () => {
    await expectError(await t.client().get(`/api/invites/${'A'.repeat(22)}`), 404, 'not_found')
    await expectError(await t.client().get('/api/invites/nope'), 404, 'not_found')
    const person = await t.signUp()
    await expectError(await person.post(`/api/invites/${'A'.repeat(22)}/accept`), 404, 'not_found')
  })

  it('answers 410 invite_expired once the invite has expired', async () => {
    const invite = await createInvite({ role: 'viewer', affiliation: 'community', expiresInHours: 2 })
    t.clock.advance(2 * 3600_000)
    await expectError(await t.client().get(`/api/invites/${invite.code}`), 410, 'invite_expired')
    const late = await t.signUp()
    await expectError(await late.post(`/api/invites/${invite.code}/accept`), 410, 'invite_expired')
    await expectError(await late.get(`/api/plans/${planId}`), 404, 'not_found')
  })

  it('answers 410 invite_revoked after a facilitator revokes it', async () => {
    const invite = await createInvite({ role: 'viewer', affiliation: 'community' })
    expect((await facilitator.delete(`/api/plans/${planId}/invites/${invite.code}`)).status).toBe(204)
    // Revoking again is harmless.
    expect((await facilitator.delete(`/api/plans/${planId}/invites/${invite.code}`)).status).toBe(204)
    await expectError(await t.client().get(`/api/invites/${invite.code}`), 410, 'invite_revoked')
    const person = await t.signUp()
    await expectError(await person.post(`/api/invites/${invite.code}/accept`), 410, 'invite_revoked')
    const [listed] = await TestClient.json<Invite[]>(await facilitator.get(`/api/plans/${planId}/invites`))
    expect(listed?.revokedAt).toBe(new Date(t.clock.now).toISOString())
    const audit = await TestClient.json<AuditEvent[]>(await facilitator.get(`/api/plans/${planId}/audit`))
    expect(audit.filter((e) => e.event === 'invite.revoked')).toHaveLength(1)
  })

  it('cannot revoke another plan’s invite through one’s own plan', async () => {
    const other = await t.signUp()
    const otherPlan = await createPlan(other)
    const response = await other.post(`/api/plans/${otherPlan.id}/invites`, { role: 'viewer', affiliation: 'agency' })
    const foreign = await TestClient.json<Invite>(response, 201)
    await expectError(await facilitator.delete(`/api/plans/${planId}/invites/${foreign.code}`), 404, 'not_found')
    expect((await t.client().get(`/api/invites/${foreign.code}`)).status).toBe(200)
  })

  it('stops at maxUses', async () => {
    const invite = await createInvite({ role: 'viewer', affiliation: 'community', maxUses: 2 })
    for (let i = 0; i < 2; i++) {
      const person = await t.signUp()
      expect((await person.post(`/api/invites/${invite.code}/accept`)).status).toBe(200)
    }
    await expectError(await t.client().get(`/api/invites/${invite.code}`), 410, 'invite_expired')
    const third = await t.signUp()
    const refused = await expectError(await third.post(`/api/invites/${invite.code}/accept`), 410, 'invite_expired')
    expect(refused.error.message).toMatch(/used/)
    const detail = await TestClient.json<PlanDetail>(await facilitator.get(`/api/plans/${planId}`))
    expect(detail.members).toHaveLength(3)
  })

  it('leaves an existing membership unchanged, without spending a use', async () => {
    const invite = await createInvite({ role: 'viewer', affiliation: 'community', maxUses: 1 })
    const accepted = await TestClient.json<InviteAccepted>(await facilitator.post(`/api/invites/${invite.code}/accept`))
    expect(accepted).toEqual({ planId, role: 'facilitator' })
    const detail = await TestClient.json<PlanDetail>(await facilitator.get(`/api/plans/${planId}`))
    expect(detail).toMatchObject({ role: 'facilitator', affiliation: 'police', memberCount: 1 })

    const person = await t.signUp()
    expect(await TestClient.json<InviteAccepted>(await person.post(`/api/invites/${invite.code}/accept`))).toEqual({
      planId,
      role: 'viewer',
    })
    // Accepting twice is fine too, even though the invite is now used up.
    expect((await person.post(`/api/invites/${invite.code}/accept`)).status).toBe(200)
  })

  it('validates invite terms', async () => {
    const response = await facilitator.post(`/api/plans/${planId}/invites`, { role: 'chief', affiliation: 'iwi', maxUses: 0 })
    const body = await expectError(response, 400, 'validation_failed')
    expect(body.error.message).toMatch(/role/)
    expect(body.error.message).toMatch(/maxUses/)
  })
})
