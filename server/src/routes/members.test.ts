import type { Member, PlanDetail, WsTicket } from '@hononga/shared'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { consumeTicket } from '../db/tickets'
import { TestClient, addMember, createPlan, createTestDeps, expectError, type TestContext } from '../test-support'

describe('plan members', () => {
  let t: TestContext
  let facilitator: TestClient
  let planId: string
  beforeEach(async () => {
    t = await createTestDeps()
    facilitator = await t.signUp('Facilitator')
    planId = (await createPlan(facilitator)).id
  })
  afterEach(() => t.cleanup())

  const memberUrl = (userId: string) => `/api/plans/${planId}/members/${userId}`

  it('lets a facilitator change a member’s role, affiliation and organisation, and tells live sockets', async () => {
    const editor = await addMember(t, facilitator, planId, { role: 'editor', affiliation: 'agency', organisation: 'MSD' })
    const membershipChanged = vi.spyOn(t.deps.collab, 'membershipChanged')
    const response = await facilitator.patch(memberUrl(editor.me!.id), {
      role: 'viewer',
      affiliation: 'community',
      organisation: 'Kaitāia Community House',
    })
    const member = await TestClient.json<Member>(response)
    expect(member).toMatchObject({
      userId: editor.me!.id,
      role: 'viewer',
      affiliation: 'community',
      organisation: 'Kaitāia Community House',
    })
    expect(membershipChanged).toHaveBeenCalledWith(planId, editor.me!.id)

    // organisation: null clears it; other fields stay.
    const cleared = await TestClient.json<Member>(await facilitator.patch(memberUrl(editor.me!.id), { organisation: null }))
    expect(cleared).toMatchObject({ role: 'viewer', affiliation: 'community', organisation: null })
  })

  it('validates the change and the member', async () => {
    await expectError(await facilitator.patch(memberUrl(facilitator.me!.id), {}), 400, 'validation_failed')
    await expectError(await facilitator.patch(memberUrl(facilitator.me!.id), { role: 'owner' }), 400, 'validation_failed')
    const stranger = await t.signUp()
    await expectError(await facilitator.patch(memberUrl(stranger.me!.id), { role: 'viewer' }), 404, 'not_found')
    await expectError(await facilitator.patch(memberUrl('not%20an%20id'), { role: 'viewer' }), 404, 'not_found')
  })

  it('never leaves a plan without a facilitator', async () => {
    const self = memberUrl(facilitator.me!.id)
    await expectError(await facilitator.patch(self, { role: 'editor' }), 409, 'last_facilitator')
    await expectError(await facilitator.delete(self), 409, 'last_facilitator')
    // Changing only the affiliation is fine.
    expect((await facilitator.patch(self, { affiliation: 'agency' })).status).toBe(200)

    // With a second facilitator, the first may step down, and then the second is the last.
    const second = await addMember(t, facilitator, planId, { role: 'facilitator', affiliation: 'iwi' })
    expect((await TestClient.json<Member>(await facilitator.patch(self, { role: 'editor' }))).role).toBe('editor')
    await expectError(await second.delete(memberUrl(second.me!.id)), 409, 'last_facilitator')
  })

  it('lets a facilitator remove a member, who then sees nothing of the plan', async () => {
    const editor = await addMember(t, facilitator, planId, { role: 'editor', affiliation: 'iwi' })
    const { ticket } = await TestClient.json<WsTicket>(await editor.post(`/api/plans/${planId}/ws-ticket`))
    const membershipChanged = vi.spyOn(t.deps.collab, 'membershipChanged')

    expect((await facilitator.delete(memberUrl(editor.me!.id))).status).toBe(204)
    expect(membershipChanged).toHaveBeenCalledWith(planId, editor.me!.id)
    await expectError(await editor.get(`/api/plans/${planId}`), 404, 'not_found')
    expect(consumeTicket(t.db, ticket, planId, t.clock.now)).toBeNull()
    const detail = await TestClient.json<PlanDetail>(await facilitator.get(`/api/plans/${planId}`))
    expect(detail.members.map((m) => m.userId)).toEqual([facilitator.me!.id])
    await expectError(await facilitator.delete(memberUrl(editor.me!.id)), 404, 'not_found')
  })

  it('lets any member leave, but not remove others', async () => {
    const viewer = await addMember(t, facilitator, planId, { role: 'viewer', affiliation: 'community' })
    const editor = await addMember(t, facilitator, planId, { role: 'editor', affiliation: 'community' })
    await expectError(await viewer.delete(memberUrl(editor.me!.id)), 403, 'forbidden')
    expect((await viewer.delete(memberUrl(viewer.me!.id))).status).toBe(204)
    await expectError(await viewer.get(`/api/plans/${planId}`), 404, 'not_found')
  })
})
