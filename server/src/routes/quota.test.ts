import type { PlanExport, SnapshotSummary } from '@hononga/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { plans } from '../db/schema'
import { TestClient, addMember, createPlan, createTestDeps, expectError, type TestContext } from '../test-support'

const MINUTE = 60_000

async function expectRateLimited(response: Response, retryAfterSeconds: number): Promise<void> {
  const body = await expectError(response, 429, 'rate_limited')
  expect(body.error.message).toMatch(/in the last hour.*Try again in/)
  expect(response.headers.get('retry-after')).toBe(String(retryAfterSeconds))
}

describe('quotas per person and hour', () => {
  let t: TestContext
  afterEach(() => t.cleanup())

  it('plan creation: 429 with Retry-After until the oldest plan leaves the hour', async () => {
    t = await createTestDeps({ env: { QUOTA_PLANS_PER_HOUR: '3' } })
    const aroha = await t.signUp('Aroha')
    for (let i = 0; i < 3; i++) {
      await createPlan(aroha, { title: `Plan ${i}` })
      t.clock.advance(10 * MINUTE)
    }
    // 30 minutes after the first: it leaves the window in 30 minutes.
    await expectRateLimited(await aroha.post('/api/plans', { title: 'Too many', community: 'Kaitāia' }), 30 * 60)
    expect(t.db.select().from(plans).all()).toHaveLength(3)
    // Someone else is not held up.
    await createPlan(await t.signUp('Hēmi'))
    t.clock.advance(30 * MINUTE)
    await createPlan(aroha, { title: 'An hour after the first' })
    await expectRateLimited(await aroha.post('/api/plans', { title: 'Too many', community: 'Kaitāia' }), 10 * 60)
  })

  it('imports: their own quota, and each counts as a new plan', async () => {
    t = await createTestDeps({ env: { QUOTA_IMPORTS_PER_HOUR: '2', QUOTA_PLANS_PER_HOUR: '4' } })
    const aroha = await t.signUp('Aroha')
    const { id } = await createPlan(aroha) // plan 1
    const file = await TestClient.json<PlanExport>(await aroha.get(`/api/plans/${id}/export.json`))
    await TestClient.json(await aroha.post('/api/plans/import', file), 201) // plan 2, import 1
    t.clock.advance(MINUTE)
    await TestClient.json(await aroha.post('/api/plans/import', file), 201) // plan 3, import 2
    await expectRateLimited(await aroha.post('/api/plans/import', file), 59 * 60)
    await createPlan(aroha) // plan 4
    await expectRateLimited(await aroha.post('/api/plans', { title: 'Fifth', community: 'Kaitāia' }), 59 * 60)
    expect(t.db.select().from(plans).all()).toHaveLength(4)
  })

  it('imports racing in cannot pass together', async () => {
    t = await createTestDeps({ env: { QUOTA_IMPORTS_PER_HOUR: '2' } })
    const aroha = await t.signUp('Aroha')
    const { id } = await createPlan(aroha)
    const file = await TestClient.json<PlanExport>(await aroha.get(`/api/plans/${id}/export.json`))
    const raced = await Promise.all([1, 2, 3].map(() => aroha.post('/api/plans/import', file)))
    expect(raced.map((r) => r.status).sort()).toEqual([201, 201, 429])
    expect(t.db.select().from(plans).all()).toHaveLength(3)
  })

  it('named snapshots: counted per person across plans, and requests racing in cannot pass together', async () => {
    t = await createTestDeps({ env: { QUOTA_SNAPSHOTS_PER_HOUR: '3' } })
    const aroha = await t.signUp('Aroha')
    const first = (await createPlan(aroha)).id
    const second = (await createPlan(aroha)).id
    const hemi = await addMember(t, aroha, first, { role: 'editor', affiliation: 'iwi' })
    const snapshot = (client: TestClient, planId: string, label: string) => client.post(`/api/plans/${planId}/snapshots`, { label })

    await TestClient.json<SnapshotSummary>(await snapshot(aroha, first, 'Hui 1'), 201)
    t.clock.advance(5 * MINUTE)
    // Three more at once: only two fit.
    const raced = await Promise.all([1, 2, 3].map((i) => snapshot(aroha, second, `Raced ${i}`)))
    expect(raced.map((r) => r.status).sort()).toEqual([201, 201, 429])
    await expectRateLimited(await snapshot(aroha, first, 'One too many'), 55 * 60)
    // Another member of the same plan has their own quota.
    await TestClient.json(await snapshot(hemi, first, 'Hēmi’s'), 201)
    const named = async (planId: string) =>
      (await TestClient.json<SnapshotSummary[]>(await aroha.get(`/api/plans/${planId}/snapshots`))).filter((s) => s.kind === 'named')
    expect((await named(first)).length + (await named(second)).length).toBe(4)
    t.clock.advance(55 * MINUTE)
    await TestClient.json(await snapshot(aroha, first, 'An hour later'), 201)
  })

  it('0 turns a quota off', async () => {
    t = await createTestDeps({ env: { QUOTA_PLANS_PER_HOUR: '0' } })
    const aroha = await t.signUp('Aroha')
    for (let i = 0; i < 25; i++) await createPlan(aroha, { title: `Plan ${i}` })
    expect(t.db.select().from(plans).all()).toHaveLength(25)
  })
})
