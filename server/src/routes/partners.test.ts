import type { Invite, Member, Partner, PlanDetail } from '@hononga/shared'
import { samePartnerLoosely } from '@hononga/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TestClient, addMember, createPlan, createTestDeps, expectError, type TestContext } from '../test-support'

describe('samePartnerLoosely', () => {
  it('meets across macrons, case and spacing, never on empty names', () => {
    expect(samePartnerLoosely('Ngāti Awa', 'Ngati Awa')).toBe(true)
    expect(samePartnerLoosely('Ngāti Awa', '  NGATI   awa ')).toBe(true)
    expect(samePartnerLoosely('Nga\u0304ti Awa', 'Ngāti Awa')).toBe(true)
    expect(samePartnerLoosely('Ngāti Awa', 'Ngāti Porou')).toBe(false)
    expect(samePartnerLoosely('', '')).toBe(false)
    expect(samePartnerLoosely(null, undefined)).toBe(false)
  })
})

describe('a plan’s partners', () => {
  let t: TestContext
  let facilitator: TestClient
  let planId: string
  beforeEach(async () => {
    t = await createTestDeps()
    facilitator = await t.signUp('Mere')
    planId = (await createPlan(facilitator, { affiliation: 'police', organisation: 'New Zealand Police' })).id
  })
  afterEach(() => t.cleanup())

  const invitesUrl = () => `/api/plans/${planId}/invites`
  const partners = async (client: TestClient) => TestClient.json<Partner[]>(await client.get(`/api/plans/${planId}/partners`))

  it('lists partners from members and live invites, iwi first, and only to members', async () => {
    await addMember(t, facilitator, planId, { role: 'viewer', affiliation: 'agency', organisation: 'Oranga Tamariki' }, 'Hine')
    const invite = await TestClient.json<Invite>(
      await facilitator.post(invitesUrl(), { role: 'editor', affiliation: 'iwi', organisation: 'Ngāti Awa' }),
      201,
    )
    await TestClient.json<Invite>(
      await facilitator.post(invitesUrl(), { role: 'editor', affiliation: 'community', organisation: 'Te Whare' }),
      201,
    )
    const revoked = await TestClient.json<Invite>(
      await facilitator.post(invitesUrl(), { role: 'editor', affiliation: 'community', organisation: 'Gone Trust' }),
      201,
    )
    expect((await facilitator.delete(`${invitesUrl()}/${revoked.code}`)).status).toBe(204)

    expect((await partners(facilitator)).map((p) => [p.affiliation, p.organisation])).toEqual([
      ['iwi', 'Ngāti Awa'],
      ['agency', 'Oranga Tamariki'],
      ['police', 'New Zealand Police'],
      ['community', 'Te Whare'],
    ])
    expect(invite.organisation).toBe('Ngāti Awa')

    // An expired invite names no partner.
    t.clock.advance(8 * 24 * 3600_000)
    expect((await partners(facilitator)).map((p) => p.organisation)).not.toContain('Ngāti Awa')

    await expectError(await t.client().get(`/api/plans/${planId}/partners`), 401, 'unauthenticated')
    const stranger = await t.signUp('Tauhou')
    await expectError(await stranger.get(`/api/plans/${planId}/partners`), 404, 'not_found')
  })

  it('refuses an invite naming a lookalike of an existing partner unless it is confirmed new', async () => {
    await TestClient.json<Invite>(
      await facilitator.post(invitesUrl(), { role: 'editor', affiliation: 'iwi', organisation: 'Ngāti Awa' }),
      201,
    )

    const refused = await expectError(
      await facilitator.post(invitesUrl(), { role: 'editor', affiliation: 'iwi', organisation: 'Ngati  awa' }),
      409,
      'conflict',
    )
    expect(refused.error.message).toBe(
      'This plan already has the partner Ngāti Awa (iwi); choose it, or confirm a new partner Ngati  awa (iwi)',
    )
    // Matched on the organisation alone, whatever the affiliation.
    const other = await expectError(
      await facilitator.post(invitesUrl(), { role: 'editor', affiliation: 'agency', organisation: 'Ngāti Awa' }),
      409,
      'conflict',
    )
    expect(other.error.message).toContain('Ngāti Awa (iwi)')
    expect(other.error.message).toContain('Ngāti Awa (agency)')
    expect(await TestClient.json<Invite[]>(await facilitator.get(invitesUrl()))).toHaveLength(1)

    // The same partner, spelt the same, and an unrelated one are fine.
    await TestClient.json<Invite>(
      await facilitator.post(invitesUrl(), { role: 'viewer', affiliation: 'iwi', organisation: 'ngāti awa' }),
      201,
    )
    await TestClient.json<Invite>(
      await facilitator.post(invitesUrl(), { role: 'viewer', affiliation: 'iwi', organisation: 'Ngāti Porou' }),
      201,
    )

    const confirmed = await TestClient.json<Invite>(
      await facilitator.post(invitesUrl(), { role: 'editor', affiliation: 'iwi', organisation: 'Ngati Awa', newPartner: true }),
      201,
    )
    expect(confirmed.organisation).toBe('Ngati Awa')
    const iwi = (await partners(facilitator)).filter((p) => p.affiliation === 'iwi').map((p) => p.organisation)
    expect([...iwi].sort()).toEqual(['Ngati Awa', 'Ngāti Awa', 'Ngāti Porou'].sort())
  })

  it('refuses moving a member to a lookalike partner unless it is confirmed new', async () => {
    await addMember(t, facilitator, planId, { role: 'editor', affiliation: 'iwi', organisation: 'Ngāti Awa' }, 'Hēmi')
    const aroha = await addMember(
      t,
      facilitator,
      planId,
      { role: 'editor', affiliation: 'community', organisation: 'Te Whare', maxUses: 1 },
      'Aroha',
    )
    const memberUrl = `/api/plans/${planId}/members/${aroha.me!.id}`

    const refused = await expectError(
      await facilitator.patch(memberUrl, { affiliation: 'iwi', organisation: 'Ngati Awa' }),
      409,
      'conflict',
    )
    expect(refused.error.message).toContain('the partner Ngāti Awa (iwi)')
    const detail = await TestClient.json<PlanDetail>(await facilitator.get(`/api/plans/${planId}`))
    expect(detail.members.find((m) => m.userId === aroha.me!.id)).toMatchObject({ affiliation: 'community', organisation: 'Te Whare' })

    // A member is no lookalike of themselves: the only member of a partner may have its spelling corrected.
    const respelt = await TestClient.json<Member>(await facilitator.patch(memberUrl, { organisation: 'Te Whāre' }))
    expect(respelt.organisation).toBe('Te Whāre')

    const moved = await TestClient.json<Member>(await facilitator.patch(memberUrl, { affiliation: 'iwi', organisation: 'Ngāti Awa' }))
    expect(moved).toMatchObject({ affiliation: 'iwi', organisation: 'Ngāti Awa' })
    const confirmed = await TestClient.json<Member>(
      await facilitator.patch(memberUrl, { affiliation: 'iwi', organisation: 'Ngati Awa', newPartner: true }),
    )
    expect(confirmed.organisation).toBe('Ngati Awa')
    // Changing only the role or voice never asks about the partner.
    await TestClient.json<Member>(await facilitator.patch(memberUrl, { role: 'viewer' }))
  })
})
