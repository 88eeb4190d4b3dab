import type { AuditEvent, JoinCode, JoinPreview, JoinRequestList, JoinRequestStatus, Member, PlanDetail } from '@hononga/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TestClient, addMember, createPlan, createTestDeps, expectError, type TestContext } from '../test-support'

describe('join at the hui by QR code', () => {
  let t: TestContext
  let facilitator: TestClient
  let planId: string
  beforeEach(async () => {
    t = await createTestDeps({ env: { JOIN_MAX_FAILURES: '5' } })
    facilitator = await t.signUp('Mere')
    planId = (await createPlan(facilitator, { title: 'Mahere o Te Hiku', community: 'Kaitāia' })).id
  })
  afterEach(() => t.cleanup())

  const startHui = async () => TestClient.json(await facilitator.post(`/api/plans/${planId}/hui/start`))
  const endHui = async () => TestClient.json(await facilitator.post(`/api/plans/${planId}/hui/end`))
  const showCode = async (body?: Record<string, unknown>) =>
    TestClient.json<JoinCode>(await facilitator.post(`/api/plans/${planId}/join-code`, body), 201)
  const requests = async () => TestClient.json<JoinRequestList>(await facilitator.get(`/api/plans/${planId}/join-requests`))
  async function ask(person: TestClient, code: string, body?: Record<string, unknown>): Promise<JoinRequestStatus> {
    const response = await person.post(`/api/join/${code}`, body)
    return TestClient.json<JoinRequestStatus>(response, response.status === 200 ? 200 : 201)
  }
  const auditEvents = async () =>
    (await TestClient.json<AuditEvent[]>(await facilitator.get(`/api/plans/${planId}/audit`))).map((e) => e.event)

  it('shows a code only while a hui runs, and the code stops working when the hui ends', async () => {
    await expectError(await facilitator.post(`/api/plans/${planId}/join-code`), 409, 'conflict')
    await startHui()
    const shown = await showCode()
    expect(shown).toEqual({
      code: expect.stringMatching(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/),
      url: `http://localhost/join/${shown.code}`,
      expiresAt: new Date(t.clock.now + 4 * 3600_000).toISOString(),
      maxUses: 50,
      uses: 0,
    } satisfies JoinCode)
    // Anyone holding it, signed in or not, learns the plan's title and community, nothing else.
    const preview = await TestClient.json<JoinPreview>(await t.client().get(`/api/join/${shown.code}`))
    expect(preview).toEqual({ planTitle: 'Mahere o Te Hiku', community: 'Kaitāia' })
    // Typed by hand: lower case, with the dash and spaces people copy from the screen.
    const typed = `${shown.code.slice(0, 5)}- ${shown.code.slice(5)}`.toLowerCase()
    expect(await TestClient.json<JoinPreview>(await t.client().get(`/api/join/${encodeURIComponent(typed)}`))).toEqual(preview)

    await endHui()
    await expectError(await t.client().get(`/api/join/${shown.code}`), 409, 'conflict')
    // A new hui does not bring the old code back.
    await startHui()
    await expectError(await t.client().get(`/api/join/${shown.code}`), 409, 'conflict')
  })

  it('a person asks to join; a facilitator admits them with the partner and role chosen', async () => {
    await startHui()
    const { code } = await showCode()
    const anon = t.client()
    await expectError(await anon.post(`/api/join/${code}`), 401, 'unauthenticated')

    const hemi = await t.signUp('Hēmi')
    const asked = await ask(hemi, code, { affiliation: 'iwi', organisation: 'Te Rarawa' })
    expect(asked).toEqual({ requestId: expect.any(String), status: 'pending', planId: null })
    // Asking again gives the same request and uses nothing.
    expect(await ask(hemi, code)).toEqual(asked)
    // Not a member yet: the plan is still hidden from them.
    await expectError(await hemi.get(`/api/plans/${planId}`), 404, 'not_found')

    const listed = await requests()
    expect(listed.joinCode).toMatchObject({ maxUses: 50, uses: 1 })
    expect(listed.requests).toEqual([
      {
        id: asked.requestId,
        userId: hemi.me!.id,
        name: 'Hēmi',
        email: hemi.me!.email,
        affiliation: 'iwi',
        organisation: 'Te Rarawa',
        requestedAt: new Date(t.clock.now).toISOString(),
      },
    ])

    const admitted = await TestClient.json<Member>(
      await facilitator.post(`/api/plans/${planId}/join-requests/${asked.requestId}/admit`, {
        role: 'editor',
        affiliation: 'iwi',
        organisation: 'Te Rūnanga o Te Rarawa',
      }),
    )
    expect(admitted).toMatchObject({ userId: hemi.me!.id, role: 'editor', affiliation: 'iwi', organisation: 'Te Rūnanga o Te Rarawa' })
    expect(admitted.speaksFor).toBe(true)

    const status = await TestClient.json<JoinRequestStatus>(await hemi.get(`/api/join-requests/${asked.requestId}`))
    expect(status).toEqual({ requestId: asked.requestId, status: 'admitted', planId })
    const detail = await TestClient.json<PlanDetail>(await hemi.get(`/api/plans/${planId}`))
    expect(detail).toMatchObject({ role: 'editor', affiliation: 'iwi', organisation: 'Te Rūnanga o Te Rarawa' })
    expect((await requests()).requests).toEqual([])
    // Admitting twice is refused: the request is no longer pending.
    const again = await facilitator.post(`/api/plans/${planId}/join-requests/${asked.requestId}/admit`, {
      role: 'viewer',
      affiliation: 'iwi',
    })
    await expectError(again, 404, 'not_found')
    // A member who scans the code again is sent to the plan.
    expect(await ask(hemi, code)).toEqual({ requestId: null, status: 'admitted', planId })

    // Someone else cannot read another person's request.
    const other = await t.signUp('Other')
    await expectError(await other.get(`/api/join-requests/${asked.requestId}`), 404, 'not_found')
    const events = await auditEvents()
    expect(events).toEqual(expect.arrayContaining(['joincode.shown', 'join.requested', 'member.joined']))
  })

  it('refuses a lookalike of an existing partner unless confirmed new, and declines', async () => {
    const first = await addMember(t, facilitator, planId, { role: 'editor', affiliation: 'iwi', organisation: 'Ngāti Kahu' })
    expect(first.me).not.toBeNull()
    await startHui()
    const { code } = await showCode()
    const aroha = await t.signUp('Aroha')
    const asked = await ask(aroha, code)
    const admit = (body: Record<string, unknown>) => facilitator.post(`/api/plans/${planId}/join-requests/${asked.requestId}/admit`, body)
    await expectError(await admit({ role: 'viewer', affiliation: 'iwi', organisation: 'Ngati Kahu' }), 409, 'conflict')
    await expectError(await admit({ role: 'boss', affiliation: 'iwi' }), 400, 'validation_failed')
    const member = await TestClient.json<Member>(
      await admit({ role: 'viewer', affiliation: 'iwi', organisation: 'Ngati Kahu', newPartner: true }),
    )
    expect(member).toMatchObject({ role: 'viewer', organisation: 'Ngati Kahu' })

    const tama = await t.signUp('Tama')
    const declined = await ask(tama, code)
    expect((await facilitator.post(`/api/plans/${planId}/join-requests/${declined.requestId}/decline`)).status).toBe(204)
    expect(await TestClient.json<JoinRequestStatus>(await tama.get(`/api/join-requests/${declined.requestId}`))).toMatchObject({
      status: 'declined',
      planId: null,
    })
    await expectError(await tama.get(`/api/plans/${planId}`), 404, 'not_found')
    expect(await auditEvents()).toContain('join.declined')
  })

  it('a code works for its number of uses; stopping it ends it at once, with the same 404 as an unknown code', async () => {
    await startHui()
    const { code } = await showCode({ maxUses: 2 })
    await ask(await t.signUp('One'), code)
    await ask(await t.signUp('Two'), code)
    const third = await t.signUp('Three')
    const usedUp = await expectError(await third.post(`/api/join/${code}`), 404, 'not_found')
    const unknown = await expectError(await t.client().get('/api/join/ABCDEFGHJK'), 404, 'not_found')
    expect(usedUp.error.message).toBe(unknown.error.message)

    const next = await showCode()
    // Closing an older dialog stops only its own code, not the newer one shown since.
    expect((await facilitator.delete(`/api/plans/${planId}/join-code?code=${code}`)).status).toBe(204)
    // Showing a new code stopped the old one.
    expect((await requests()).joinCode).toMatchObject({ maxUses: 50, uses: 0 })
    await TestClient.json<JoinPreview>(await t.client().get(`/api/join/${next.code}`))
    expect((await facilitator.delete(`/api/plans/${planId}/join-code`)).status).toBe(204)
    const stopped = await expectError(await third.post(`/api/join/${next.code}`), 404, 'not_found')
    expect(stopped.error.message).toBe(unknown.error.message)
    expect((await requests()).joinCode).toBeNull()
    expect(await auditEvents()).toContain('joincode.stopped')
  })

  it('limits guessing per address: 429 with Retry-After, then works again after the window', async () => {
    await startHui()
    const { code } = await showCode()
    const guesser = t.client()
    for (let guess = 0; guess < 5; guess += 1) await expectError(await guesser.get(`/api/join/ZZZZZZZZ${guess + 2}Z`), 404, 'not_found')
    const limited = await guesser.get(`/api/join/${code}`)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    await expectError(limited, 429, 'rate_limited')
    t.clock.advance(15 * 60_000 + 1)
    await TestClient.json<JoinPreview>(await guesser.get(`/api/join/${code}`))
  })

  it('only facilitators show codes and handle requests; non-members learn nothing', async () => {
    await startHui()
    const editor = await addMember(t, facilitator, planId, { role: 'editor', affiliation: 'agency', organisation: 'Oranga Tamariki' })
    const { code } = await showCode()
    const asked = await ask(await t.signUp('Wiremu'), code)
    await expectError(await editor.post(`/api/plans/${planId}/join-code`), 403, 'forbidden')
    await expectError(await editor.delete(`/api/plans/${planId}/join-code`), 403, 'forbidden')
    await expectError(await editor.get(`/api/plans/${planId}/join-requests`), 403, 'forbidden')
    const admit = { role: 'editor', affiliation: 'community' }
    await expectError(await editor.post(`/api/plans/${planId}/join-requests/${asked.requestId}/admit`, admit), 403, 'forbidden')
    await expectError(await editor.post(`/api/plans/${planId}/join-requests/${asked.requestId}/decline`), 403, 'forbidden')
    const stranger = await t.signUp('Stranger')
    await expectError(await stranger.get(`/api/plans/${planId}/join-requests`), 404, 'not_found')
    await expectError(await facilitator.post(`/api/plans/${planId}/join-requests/nosuchrequest123/admit`, admit), 404, 'not_found')
  })
})
