import { expect, it } from 'vitest'
import type { AccessKind } from '@hononga/shared'
import type { AccessInput } from '../../server/src/db/access-log'
import type { Repos } from '../../server/src/repos/types'
import { describeRepos } from './support/repos'

/**
 * The access log's repository on SQLite and on PostgreSQL with the same assertions: openings
 * coalesce per person, plan and Aotearoa day; pages are newest first and filter by partner and
 * kind; retention removes only what is older than its cut-off.
 */

// 2025-06-15 12:00 in Aotearoa (NZST, UTC+12): 00:00 UTC.
const noon = Date.UTC(2025, 5, 15, 0, 0, 0)
const HOUR = 60 * 60_000

async function user(repos: Repos, name: string) {
  return repos.users.insertUser({ email: `${name.toLowerCase()}@example.nz`, name, passwordHash: 'x', now: noon })
}

async function plan(repos: Repos, id: string, createdBy: string) {
  await repos.plans.insertPlan({ id, title: `Mahere ${id}`, community: 'Kaitāia', district: null, createdBy, now: noon })
  return id
}

type Who = Pick<AccessInput, 'planId' | 'userId' | 'affiliation' | 'organisation'>

function access(repos: Repos, who: Who, kind: AccessKind, at = noon, details: Record<string, unknown> = {}) {
  return repos.access.recordAccess({ ...who, kind, details, at })
}

describeRepos('access log', (repos, backdoor) => {
  it('records an opening once per person, plan and Aotearoa day, and every other access each time', async () => {
    const mere = await user(repos(), 'Mere')
    const tama = await user(repos(), 'Tama')
    const planId = await plan(repos(), 'planAAAAAAAA', mere.id)
    const other = await plan(repos(), 'planBBBBBBBB', mere.id)
    const asMere: Who = { planId, userId: mere.id, affiliation: 'iwi', organisation: 'Ngāti Awa' }
    const asTama: Who = { planId, userId: tama.id, affiliation: 'police', organisation: null }

    expect(await access(repos(), asMere, 'plan.opened')).toBe(true)
    expect(await access(repos(), asMere, 'plan.opened', noon + HOUR)).toBe(false)
    // 11:30 pm the same Aotearoa day, then 12:30 am the next (the UTC date does not change in between).
    expect(await access(repos(), asMere, 'plan.opened', noon + 11.5 * HOUR)).toBe(false)
    expect(await access(repos(), asMere, 'plan.opened', noon + 12.5 * HOUR)).toBe(true)
    expect(await access(repos(), asTama, 'plan.opened')).toBe(true)
    expect(await access(repos(), { ...asMere, planId: other }, 'plan.opened')).toBe(true)
    // Every other kind has no day: NULL never conflicts, in either database.
    expect(await access(repos(), asMere, 'export.csv', noon, { file: 'actions' })).toBe(true)
    expect(await access(repos(), asMere, 'export.csv', noon, { file: 'actions' })).toBe(true)
    expect(await backdoor().count('access_events')).toBe(6)

    const rows = await repos().access.listAccess(planId, { limit: 10 })
    expect(rows.map((row) => [row.kind, row.userName])).toEqual([
      ['export.csv', 'Mere'],
      ['export.csv', 'Mere'],
      ['plan.opened', 'Tama'],
      ['plan.opened', 'Mere'],
      ['plan.opened', 'Mere'],
    ])
    expect(rows[0]).toEqual({
      id: expect.any(Number),
      kind: 'export.csv',
      userId: mere.id,
      userName: 'Mere',
      affiliation: 'iwi',
      organisation: 'Ngāti Awa',
      details: '{"file":"actions"}',
      createdAt: noon,
    })
  })

  it('pages newest first and filters by partner (a partner without an organisation too) and by kind', async () => {
    const mere = await user(repos(), 'Mere')
    const tama = await user(repos(), 'Tama')
    const planId = await plan(repos(), 'planAAAAAAAA', mere.id)
    const asMere: Who = { planId, userId: mere.id, affiliation: 'iwi', organisation: 'Ngāti Awa' }
    const asTama: Who = { planId, userId: tama.id, affiliation: 'police', organisation: null }
    for (let i = 0; i < 5; i++) await access(repos(), asMere, 'snapshot.viewed', noon + i, { n: i })
    for (let i = 0; i < 3; i++) await access(repos(), asTama, 'diff.viewed', noon + 10 + i, { n: i })
    await access(repos(), { ...asTama, affiliation: 'iwi', organisation: 'Ngāti Awa' }, 'export.json', noon + 20)

    const first = await repos().access.listAccess(planId, { limit: 4 })
    expect(first.map((row) => row.kind)).toEqual(['export.json', 'diff.viewed', 'diff.viewed', 'diff.viewed'])
    const second = await repos().access.listAccess(planId, { limit: 4, before: first[3]!.id })
    expect(second.map((row) => row.details)).toEqual([4, 3, 2, 1].map((n) => JSON.stringify({ n })))

    const awa = await repos().access.listAccess(planId, { partner: { affiliation: 'iwi', organisation: 'Ngāti Awa' }, limit: 50 })
    expect(awa.map((row) => [row.userName, row.kind])).toEqual([['Tama', 'export.json'], ...Array(5).fill(['Mere', 'snapshot.viewed'])])
    const police = await repos().access.listAccess(planId, { partner: { affiliation: 'police', organisation: null }, limit: 50 })
    expect(police.map((row) => row.kind)).toEqual(['diff.viewed', 'diff.viewed', 'diff.viewed'])
    expect(await repos().access.listAccess(planId, { partner: { affiliation: 'iwi', organisation: null }, limit: 50 })).toEqual([])
    const awaViews = await repos().access.listAccess(planId, {
      partner: { affiliation: 'iwi', organisation: 'Ngāti Awa' },
      kind: 'snapshot.viewed',
      limit: 2,
    })
    expect(awaViews.map((row) => row.details)).toEqual(['{"n":4}', '{"n":3}'])
  })

  it('prunes entries older than the cut-off, in every plan, and nothing newer', async () => {
    const mere = await user(repos(), 'Mere')
    const planId = await plan(repos(), 'planAAAAAAAA', mere.id)
    const other = await plan(repos(), 'planBBBBBBBB', mere.id)
    const asMere: Who = { planId, userId: mere.id, affiliation: 'community', organisation: null }
    await access(repos(), asMere, 'plan.opened', noon - 48 * HOUR)
    await access(repos(), { ...asMere, planId: other }, 'export.json', noon - 30 * HOUR)
    await access(repos(), asMere, 'plan.opened', noon)
    expect(await repos().access.pruneAccess(noon - HOUR)).toBe(2)
    expect(await repos().access.pruneAccess(noon - HOUR)).toBe(0)
    expect((await repos().access.listAccess(planId, { limit: 10 })).map((row) => row.createdAt)).toEqual([noon])
    expect(await repos().access.listAccess(other, { limit: 10 })).toEqual([])
  })

  it('goes with its plan’s row (cascade), which only a failed plan creation removes: purge keeps the row', async () => {
    const mere = await user(repos(), 'Mere')
    const planId = await plan(repos(), 'planAAAAAAAA', mere.id)
    await access(repos(), { planId, userId: mere.id, affiliation: 'iwi', organisation: null }, 'export.json')
    await repos().plans.deletePlan(planId)
    expect(await backdoor().count('access_events')).toBe(0)
  })
})
