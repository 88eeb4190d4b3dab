import type { Invite, Me, Member, PlanExport, PlanSummary } from '@hononga/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { plans, users } from '../db/schema'
import { TEST_PASSWORD, TestClient, addMember, createPlan, createTestDeps, expectError, type TestContext } from '../test-support'

/** Characters a name must not hold: NUL, a right-to-left override, a zero-width space. */
const HIDDEN = { NUL: '\u0000', RLO: '\u202e', ZWSP: '\u200b' }
/** "Ngāti" typed with a combining macron (a + U+0304), and as NFC stores it (precomposed ā). */
const DECOMPOSED = 'Nga\u0304ti Awa'
const COMPOSED = 'Ngāti Awa'

describe('names people read are normalised and hold no hidden characters', () => {
  let t: TestContext
  beforeEach(async () => {
    t = await createTestDeps()
  })
  afterEach(() => t.cleanup())

  it('a person’s name: refused with NUL, U+202E or U+200B; stored as NFC', async () => {
    for (const [what, char] of Object.entries(HIDDEN)) {
      const response = await t
        .client()
        .post('/api/auth/register', { email: `${what}@example.nz`, name: `Aroha${char}Ngata`, password: TEST_PASSWORD })
      const body = await expectError(response, 400, 'validation_failed')
      expect(body.error.message, what).toMatch(/^name: /)
    }
    expect(t.db.select().from(users).all()).toEqual([])
    const me = await t.client().register({ name: DECOMPOSED })
    expect(me.name).toBe(COMPOSED)
    expect(t.db.select({ name: users.name }).from(users).all()).toEqual([{ name: COMPOSED }])
  })

  it('a plan’s title, community and district, and the creator’s organisation', async () => {
    const aroha = await t.signUp('Aroha')
    for (const char of Object.values(HIDDEN)) {
      for (const field of ['title', 'community', 'district', 'organisation']) {
        const response = await aroha.post('/api/plans', { title: 'Mahere', community: 'Kaitāia', [field]: `Te${char}Hiku` })
        const body = await expectError(response, 400, 'validation_failed')
        expect(body.error.message).toContain(field)
      }
    }
    expect(t.db.select().from(plans).all()).toEqual([])
    const plan = await createPlan(aroha, {
      title: `${DECOMPOSED} plan`,
      community: DECOMPOSED,
      district: DECOMPOSED,
      organisation: DECOMPOSED,
    })
    expect(plan).toMatchObject({ title: `${COMPOSED} plan`, community: COMPOSED, district: COMPOSED, organisation: COMPOSED })
    const document = (await (await aroha.get(`/api/plans/${plan.id}/document`)).json()) as { meta: { title: string; community: string } }
    expect(document.meta).toMatchObject({ title: `${COMPOSED} plan`, community: COMPOSED })
  })

  it('an invite’s and a member’s organisation', async () => {
    const facilitator = await t.signUp('Facilitator')
    const { id: planId } = await createPlan(facilitator)
    for (const char of Object.values(HIDDEN)) {
      const response = await facilitator.post(`/api/plans/${planId}/invites`, {
        role: 'editor',
        affiliation: 'iwi',
        organisation: `Ngāti${char}Awa`,
      })
      expect((await expectError(response, 400, 'validation_failed')).error.message).toMatch(/organisation/)
    }
    const invite = await TestClient.json<Invite>(
      await facilitator.post(`/api/plans/${planId}/invites`, { role: 'editor', affiliation: 'iwi', organisation: DECOMPOSED }),
      201,
    )
    expect(invite.organisation).toBe(COMPOSED)

    const member = await addMember(t, facilitator, planId, { role: 'editor', affiliation: 'agency', organisation: 'MSD' })
    const url = `/api/plans/${planId}/members/${member.me!.id}`
    for (const char of Object.values(HIDDEN)) {
      const response = await facilitator.patch(url, { organisation: `Oranga${char}Tamariki` })
      expect((await expectError(response, 400, 'validation_failed')).error.message).toMatch(/organisation/)
    }
    // Joining the invite's partner (iwi, Ngāti Awa), spelt with a combining macron: the same
    // partner once normalised, so no look-alike refusal (routes/partners.ts).
    const updated = await TestClient.json<Member>(await facilitator.patch(url, { affiliation: 'iwi', organisation: DECOMPOSED }))
    expect(updated.organisation).toBe(COMPOSED)
  })

  it('an imported plan’s title and community', async () => {
    const aroha = await t.signUp('Aroha')
    const { id } = await createPlan(aroha, { title: 'Source plan' })
    const file = (await (await aroha.get(`/api/plans/${id}/export.json`)).json()) as PlanExport
    for (const char of Object.values(HIDDEN)) {
      for (const field of ['title', 'community'] as const) {
        const bad = { ...file, plan: { ...file.plan, meta: { ...file.plan.meta, [field]: `Te${char}Hiku` } } }
        const body = await expectError(await aroha.post('/api/plans/import', bad), 400, 'validation_failed')
        expect(body.error.message).toContain(`plan.meta.${field}`)
      }
    }
    const good = { ...file, plan: { ...file.plan, meta: { ...file.plan.meta, title: DECOMPOSED, community: DECOMPOSED } } }
    const created = await TestClient.json<PlanSummary>(await aroha.post('/api/plans/import', good), 201)
    expect(created).toMatchObject({ title: `${COMPOSED} (from template)`, community: COMPOSED })
    expect((await TestClient.json<Me>(await aroha.get('/api/me'))).name).toBe('Aroha')
  })
})
