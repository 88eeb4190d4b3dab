import type { AuditEvent, Invite, Member } from '@hononga/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordAudit } from '../db/audit'
import { TestClient, createPlan, createTestDeps, expectError, type TestContext } from '../test-support'

describe('audit log', () => {
  let t: TestContext
  beforeEach(async () => {
    t = await createTestDeps()
  })
  afterEach(() => t.cleanup())

  it('records who changed membership and invites, newest first, for members only', async () => {
    const mere = await t.signUp('Mere')
    const plan = await createPlan(mere, { title: 'Mahere', community: 'Kaitāia' })
    t.clock.advance(1000)
    const invite = await TestClient.json<Invite>(
      await mere.post(`/api/plans/${plan.id}/invites`, { role: 'editor', affiliation: 'iwi', organisation: 'Te Rarawa' }),
      201,
    )
    t.clock.advance(1000)
    const hemi = await t.signUp('Hemi')
    await TestClient.json(await hemi.post(`/api/invites/${invite.code}/accept`))
    t.clock.advance(1000)
    await TestClient.json<Member>(await mere.patch(`/api/plans/${plan.id}/members/${hemi.me!.id}`, { role: 'viewer' }))
    t.clock.advance(1000)
    expect((await mere.delete(`/api/plans/${plan.id}/invites/${invite.code}`)).status).toBe(204)
    t.clock.advance(1000)
    expect((await hemi.delete(`/api/plans/${plan.id}/members/${hemi.me!.id}`)).status).toBe(204)

    const events = await TestClient.json<AuditEvent[]>(await mere.get(`/api/plans/${plan.id}/audit`))
    expect(events.map((e) => [e.event, e.actor?.name])).toEqual([
      ['member.removed', 'Hemi'],
      ['invite.revoked', 'Mere'],
      ['member.updated', 'Mere'],
      ['member.joined', 'Hemi'],
      ['invite.created', 'Mere'],
      ['plan.created', 'Mere'],
    ])
    const byEvent = Object.fromEntries(events.map((e) => [e.event, e]))
    const prefix = invite.code.slice(0, 6)
    expect(byEvent['member.joined']?.details).toEqual({
      userId: hemi.me!.id,
      name: 'Hemi',
      role: 'editor',
      affiliation: 'iwi',
      organisation: 'Te Rarawa',
      speaksFor: true,
      via: 'invite',
      invite: prefix,
    })
    expect(byEvent['member.updated']?.details).toMatchObject({
      userId: hemi.me!.id,
      from: { role: 'editor', affiliation: 'iwi', organisation: 'Te Rarawa' },
      to: { role: 'viewer', affiliation: 'iwi', organisation: 'Te Rarawa' },
    })
    expect(byEvent['member.removed']?.details).toMatchObject({ userId: hemi.me!.id, role: 'viewer', left: true })
    expect(byEvent['invite.created']?.details).toMatchObject({ invite: prefix, role: 'editor', maxUses: null })
    expect(byEvent['plan.created']).toMatchObject({
      actor: { id: mere.me!.id, name: 'Mere' },
      details: { title: 'Mahere', community: 'Kaitāia', role: 'facilitator', affiliation: 'police' },
      createdAt: new Date(t.clock.now - 5000).toISOString(),
    })
    // The whole code would let any reader join as an editor: only its prefix is kept.
    expect(JSON.stringify(events)).not.toContain(invite.code)

    // Hemi has left: he sees nothing of the plan's log any more, nor does a stranger.
    await expectError(await hemi.get(`/api/plans/${plan.id}/audit`), 404, 'not_found')
    await expectError(await (await t.signUp()).get(`/api/plans/${plan.id}/audit`), 404, 'not_found')
  })

  it('pages with ?before=<id>&limit=', async () => {
    const mere = await t.signUp('Mere')
    const plan = await createPlan(mere)
    for (let i = 0; i < 9; i++) {
      recordAudit(t.db, {
        planId: plan.id,
        actorId: null,
        event: 'snapshot.created',
        details: { label: `Hui ${i + 1}` },
        at: t.clock.now,
      })
    }
    const url = `/api/plans/${plan.id}/audit`
    const first = await TestClient.json<AuditEvent[]>(await mere.get(`${url}?limit=4`))
    expect(first.map((e) => e.details.label)).toEqual(['Hui 9', 'Hui 8', 'Hui 7', 'Hui 6'])
    expect(first[0]?.actor).toBeNull()
    const second = await TestClient.json<AuditEvent[]>(await mere.get(`${url}?limit=4&before=${first[3]!.id}`))
    expect(second.map((e) => e.details.label)).toEqual(['Hui 5', 'Hui 4', 'Hui 3', 'Hui 2'])
    const last = await TestClient.json<AuditEvent[]>(await mere.get(`${url}?limit=4&before=${second[3]!.id}`))
    expect(last.map((e) => e.event)).toEqual(['snapshot.created', 'plan.created'])

    expect(await TestClient.json<AuditEvent[]>(await mere.get(`${url}?limit=200`))).toHaveLength(10)
    await expectError(await mere.get(`${url}?limit=201`), 400, 'validation_failed')
    await expectError(await mere.get(`${url}?before=abc`), 400, 'validation_failed')
  })
})
