import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { accessEvents } from '../db/schema'
import { createPlan, createTestDeps, type TestContext } from '../test-support'
import { OpeningRecorder } from './access-log'

describe('OpeningRecorder', () => {
  let t: TestContext
  let planId: string
  let userId: string
  beforeEach(async () => {
    t = await createTestDeps()
    const facilitator = await t.signUp('Facilitator')
    planId = (await createPlan(facilitator)).id
    userId = facilitator.me!.id
  })
  afterEach(() => t.cleanup())

  const openings = () =>
    t.db
      .select()
      .from(accessEvents)
      .all()
      .filter((row) => row.kind === 'plan.opened')

  it('writes one opening per person and plan a day, and skips the repeats without asking the database', async () => {
    const recorder = new OpeningRecorder(t.deps)
    const insert = vi.spyOn(t.deps.repos.access, 'recordAccess')
    const caller = { planId, userId, affiliation: 'iwi' as const, organisation: 'Ngāti Awa' }
    for (let i = 0; i < 20; i++) await recorder.record(caller)
    expect(insert).toHaveBeenCalledTimes(1)
    expect(openings()).toHaveLength(1)

    // The next Aotearoa day counts again.
    t.clock.advance(24 * 60 * 60 * 1000)
    await recorder.record(caller)
    await recorder.record(caller)
    expect(insert).toHaveBeenCalledTimes(2)
    expect(openings()).toHaveLength(2)
  })

  it('tries again on the next connection when an insert failed', async () => {
    const recorder = new OpeningRecorder(t.deps)
    const caller = { planId, userId, affiliation: 'iwi' as const, organisation: null }
    const insert = vi.spyOn(t.deps.repos.access, 'recordAccess').mockRejectedValueOnce(new Error('database is locked'))
    await recorder.record(caller)
    expect(openings()).toHaveLength(0)
    await recorder.record(caller)
    expect(insert).toHaveBeenCalledTimes(2)
    expect(openings()).toHaveLength(1)
  })
})
