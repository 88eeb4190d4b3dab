import { expect, it } from 'vitest'
import type { Repos } from '../../server/src/repos/types'
import { describeRepos } from './support/repos'

/**
 * Scheduled hui, answers and calendar feeds (issue 14), on SQLite and on PostgreSQL with the
 * same assertions: sequence raised by every change, only scheduled hui changed, a person sees
 * only their plans' hui, one live feed per person.
 */

const now = 1_780_000_000_000
const HOUR = 60 * 60 * 1000

async function user(repos: Repos, name: string) {
  return repos.users.insertUser({ email: `${name.toLowerCase()}@example.nz`, name, passwordHash: 'x', now })
}

async function plan(repos: Repos, id: string, userId: string) {
  await repos.plans.insertPlan({ id, title: `Mahere ${id}`, community: 'Kaitāia', district: null, createdBy: userId, now })
  await repos.members.insertMember({ planId: id, userId, role: 'facilitator', affiliation: 'iwi', organisation: 'Te Rarawa', now })
  return id
}

async function hui(repos: Repos, planId: string, id: string, createdBy: string, startsAt = now + 24 * HOUR) {
  await repos.scheduledHui.insertScheduledHui({
    id,
    planId,
    title: `Hui ${id}`,
    startsAt,
    endsAt: startsAt + 2 * HOUR,
    place: 'Te marae',
    onlineUrl: null,
    agenda: '[]',
    createdBy,
    at: now,
  })
  return id
}

describeRepos('scheduled hui', (repos) => {
  it('stores a hui, raises its sequence on every change and on cancelling, and then refuses changes', async () => {
    const mere = await user(repos(), 'Mere')
    const planId = await plan(repos(), 'planAAAAAAAA', mere.id)
    const id = await hui(repos(), planId, 'huiAAAAAAAAA', mere.id)
    const stored = await repos().scheduledHui.findScheduledHui(planId, id)
    expect(stored).toMatchObject({ id, planId, sequence: 0, status: 'scheduled', timeZone: 'Pacific/Auckland', place: 'Te marae' })
    expect(await repos().scheduledHui.findScheduledHui('planBBBBBBBB', id)).toBeNull()

    const changed = await repos().scheduledHui.updateScheduledHui(
      planId,
      id,
      { place: 'Online only', onlineUrl: 'https://meet.example' },
      now + 1,
    )
    expect(changed).toMatchObject({ sequence: 1, place: 'Online only', onlineUrl: 'https://meet.example', updatedAt: now + 1 })
    const again = await repos().scheduledHui.updateScheduledHui(planId, id, { title: 'Hui tuarua' }, now + 2)
    expect(again).toMatchObject({ sequence: 2, title: 'Hui tuarua', place: 'Online only' })

    const cancelled = await repos().scheduledHui.cancelScheduledHui(planId, id, now + 3)
    expect(cancelled).toMatchObject({ sequence: 3, status: 'cancelled' })
    expect(await repos().scheduledHui.cancelScheduledHui(planId, id, now + 4)).toBeNull()
    expect(await repos().scheduledHui.updateScheduledHui(planId, id, { title: 'x' }, now + 4)).toBeNull()
    expect(await repos().scheduledHui.markScheduledHuiStarted(planId, id, now + 4)).toBe(false)
  })

  it('marks a hui started once, lists a plan’s hui soonest first, and a person’s hui across their plans only', async () => {
    const mere = await user(repos(), 'Mere')
    const hemi = await user(repos(), 'Hemi')
    const planA = await plan(repos(), 'planAAAAAAAA', mere.id)
    const planB = await plan(repos(), 'planBBBBBBBB', hemi.id)
    await hui(repos(), planA, 'huiLATERAAAA', mere.id, now + 48 * HOUR)
    await hui(repos(), planA, 'huiSOONAAAAA', mere.id, now + 2 * HOUR)
    await hui(repos(), planA, 'huiPASTAAAAA', mere.id, now - 10 * HOUR)
    await hui(repos(), planB, 'huiOTHERAAAA', hemi.id)
    await hui(repos(), planA, 'huiGONEAAAAA', mere.id, now + 5 * HOUR)
    await repos().scheduledHui.cancelScheduledHui(planA, 'huiGONEAAAAA', now)

    expect((await repos().scheduledHui.listPlanScheduledHui(planA, now, 10)).map((row) => row.id)).toEqual([
      'huiSOONAAAAA',
      'huiGONEAAAAA',
      'huiLATERAAAA',
    ])
    expect((await repos().scheduledHui.listPlanScheduledHui(planA, now - 24 * HOUR, 1)).map((row) => row.id)).toEqual(['huiPASTAAAAA'])
    const mine = await repos().scheduledHui.scheduledHuiForUser(mere.id, now, 10)
    expect(mine.map((row) => [row.id, row.planTitle])).toEqual([
      ['huiSOONAAAAA', 'Mahere planAAAAAAAA'],
      ['huiLATERAAAA', 'Mahere planAAAAAAAA'],
    ])

    expect(await repos().scheduledHui.markScheduledHuiStarted(planA, 'huiSOONAAAAA', now + 1)).toBe(true)
    expect(await repos().scheduledHui.markScheduledHuiStarted(planA, 'huiSOONAAAAA', now + 2)).toBe(false)
    expect(await repos().scheduledHui.findScheduledHui(planA, 'huiSOONAAAAA')).toMatchObject({ status: 'started', sequence: 0 })
  })

  it('keeps one answer per person per hui, changed in place', async () => {
    const mere = await user(repos(), 'Mere')
    const hemi = await user(repos(), 'Hemi')
    const planId = await plan(repos(), 'planAAAAAAAA', mere.id)
    const id = await hui(repos(), planId, 'huiAAAAAAAAA', mere.id)
    await repos().scheduledHui.upsertHuiResponse(id, mere.id, 'maybe', now)
    await repos().scheduledHui.upsertHuiResponse(id, hemi.id, 'no', now)
    await repos().scheduledHui.upsertHuiResponse(id, mere.id, 'yes', now + 1)
    const answers = await repos().scheduledHui.listHuiResponses([id])
    expect(answers.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual(
      [
        { huiId: id, userId: mere.id, response: 'yes' },
        { huiId: id, userId: hemi.id, response: 'no' },
      ].sort((a, b) => a.userId.localeCompare(b.userId)),
    )
    expect(await repos().scheduledHui.listHuiResponses([])).toEqual([])
  })

  it('lists a plan’s invitees with their language, verification and membership', async () => {
    const mere = await user(repos(), 'Mere')
    const planId = await plan(repos(), 'planAAAAAAAA', mere.id)
    expect(await repos().scheduledHui.listHuiInvitees(planId)).toEqual([
      {
        userId: mere.id,
        email: 'mere@example.nz',
        name: 'Mere',
        language: 'en',
        emailVerifiedAt: null,
        affiliation: 'iwi',
        organisation: 'Te Rarawa',
      },
    ])
  })

  it('keeps one live calendar feed per person: a new one revokes the last, and revoking ends it', async () => {
    const mere = await user(repos(), 'Mere')
    const hemi = await user(repos(), 'Hemi')
    await repos().scheduledHui.createCalendarFeed(mere.id, 'hash-one', now)
    await repos().scheduledHui.createCalendarFeed(hemi.id, 'hash-hemi', now)
    expect(await repos().scheduledHui.findCalendarFeed('hash-one')).toEqual({ userId: mere.id })
    await repos().scheduledHui.createCalendarFeed(mere.id, 'hash-two', now + 1)
    expect(await repos().scheduledHui.findCalendarFeed('hash-one')).toBeNull()
    expect(await repos().scheduledHui.findCalendarFeed('hash-two')).toEqual({ userId: mere.id })
    expect(await repos().scheduledHui.revokeCalendarFeeds(mere.id, now + 2)).toBe(1)
    expect(await repos().scheduledHui.findCalendarFeed('hash-two')).toBeNull()
    expect(await repos().scheduledHui.findCalendarFeed('hash-hemi')).toEqual({ userId: hemi.id })
    expect(await repos().scheduledHui.findCalendarFeed('unknown')).toBeNull()
  })
})
