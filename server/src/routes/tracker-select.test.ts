import { describe, expect, it } from 'vitest'
import { TrackerQuery } from '@hononga/shared'
import type { TrackedActionWithPlan } from '../db/tracker'
import { aucklandDate, comparableName, involvesOrganisation, isAtRisk, selectTrackerRows } from './tracker-select'

function action(overrides: Partial<TrackedActionWithPlan>): TrackedActionWithPlan {
  return {
    planId: 'plan-a',
    planTitle: 'Te Mahere o Whakatāne',
    community: 'Whakatāne',
    district: 'Bay of Plenty',
    planReviewDate: null,
    actionId: 'action',
    title: 'Action',
    lead: '',
    leadUserId: null,
    leadOrganisation: null,
    partners: [],
    dueDate: null,
    reviewDate: null,
    status: 'agreed',
    agreed: false,
    changedSinceAgreed: false,
    lastProgress: null,
    engagement: null,
    ...overrides,
  }
}

const context = { userId: 'me', organisations: ['Ngāti Awa'], today: '2025-06-15' }
const select = (actions: TrackedActionWithPlan[], query: TrackerQuery = {}) =>
  selectTrackerRows(actions, TrackerQuery.parse(query), context).map((row) => row.actionId)

describe('tracker selection', () => {
  it('"today" is the date in Aotearoa', () => {
    // 11:30 UTC on 31 March is 00:30 on 1 April in New Zealand (NZDT, UTC+13).
    expect(aucklandDate(Date.UTC(2025, 2, 31, 11, 30))).toBe('2025-04-01')
    // In winter (NZST, UTC+12) 11:30 UTC is still 23:30 the same day.
    expect(aucklandDate(Date.UTC(2025, 5, 30, 11, 30))).toBe('2025-06-30')
  })

  it('compares organisation names without case, macrons or extra spaces', () => {
    expect(comparableName('  Ngāti   Awa ')).toBe(comparableName('ngati awa'))
    expect(comparableName('Ngāti Awa')).not.toBe(comparableName('Ngāti Porou'))
  })

  it('by default lists what was agreed, under way or done, and what was marked agreed', () => {
    const actions = [
      action({ actionId: 'proposed', status: 'proposed' }),
      action({ actionId: 'marked', status: 'proposed', agreed: true }),
      action({ actionId: 'stopped', status: 'stopped' }),
      action({ actionId: 'done', status: 'done' }),
      action({ actionId: 'risk', status: 'at risk' }),
    ]
    expect(select(actions).sort()).toEqual(['done', 'marked', 'risk'])
    expect(select(actions, { all: '1' }).sort()).toEqual(['done', 'marked', 'proposed', 'risk', 'stopped'])
  })

  it('filters mine, organisation, overdue, at risk, plan and district together', () => {
    const actions = [
      action({ actionId: 'mine', leadUserId: 'me', dueDate: '2025-06-01' }),
      action({ actionId: 'iwi-lead', lead: 'ngati awa', dueDate: '2025-07-01' }),
      action({ actionId: 'iwi-partner', partners: ['Health NZ', 'Ngāti  Awa'], status: 'at risk', dueDate: '2025-06-14' }),
      action({ actionId: 'done-late', status: 'done', dueDate: '2025-01-01', planId: 'plan-b', district: 'Eastern' }),
    ]
    expect(select(actions, { mine: '1' })).toEqual(['mine'])
    expect(select(actions, { organisation: 'true' })).toEqual(['iwi-partner', 'iwi-lead'])
    expect(select(actions, { overdue: '1' })).toEqual(['mine', 'iwi-partner'])
    expect(select(actions, { atRisk: '1' })).toEqual(['iwi-partner'])
    expect(select(actions, { overdue: '1', organisation: '1' })).toEqual(['iwi-partner'])
    expect(select(actions, { planId: 'plan-b' })).toEqual(['done-late'])
    expect(select(actions, { district: 'eastern' })).toEqual(['done-late'])
    expect(select(actions, { district: 'Waitematā' })).toEqual([])
  })

  it('puts reviews due first (the action’s date, else the plan’s), then sorts as asked', () => {
    const actions = [
      action({ actionId: 'no-due', planTitle: 'A plan' }),
      action({ actionId: 'later', dueDate: '2025-09-01', planTitle: 'A plan', status: 'in progress' }),
      action({ actionId: 'sooner', dueDate: '2025-07-01', planTitle: 'Z plan', status: 'agreed' }),
      action({ actionId: 'plan-review', dueDate: '2025-12-01', planReviewDate: '2025-06-15', planTitle: 'Z plan', status: 'at risk' }),
      action({
        actionId: 'own-review',
        dueDate: '2025-12-02',
        reviewDate: '2025-05-01',
        planReviewDate: '2026-01-01',
        planTitle: 'A plan',
      }),
      action({ actionId: 'future-review', dueDate: '2025-06-20', reviewDate: '2025-06-16' }),
      action({ actionId: 'done-review', status: 'done', reviewDate: '2025-01-01', dueDate: '2025-08-01' }),
    ]
    expect(select(actions)).toEqual(['own-review', 'plan-review', 'future-review', 'sooner', 'done-review', 'later', 'no-due'])
    expect(select(actions, { sort: 'plan' }).slice(2)).toEqual(['later', 'no-due', 'future-review', 'done-review', 'sooner'])
    expect(select(actions, { sort: 'status' }).slice(2)).toEqual(['later', 'future-review', 'sooner', 'no-due', 'done-review'])
    const rows = selectTrackerRows(actions, TrackerQuery.parse({}), context)
    expect(rows.find((r) => r.actionId === 'plan-review')).toMatchObject({ reviewDate: '2025-06-15', reviewDue: true, overdue: false })
  })

  it('"at risk" also catches an action whose latest progress report says at risk', () => {
    const report = (status: TrackedActionWithPlan['status'] | null) => ({ date: '2025-06-01', note: '', authorName: 'Mere', status })
    const actions = [
      action({ actionId: 'status', status: 'at risk' }),
      action({ actionId: 'reported', status: 'in progress', lastProgress: report('at risk') }),
      action({ actionId: 'recovered', status: 'in progress', lastProgress: report('in progress') }),
      action({ actionId: 'silent', status: 'in progress', lastProgress: report(null) }),
    ]
    expect(isAtRisk(actions[1]!)).toBe(true)
    expect(isAtRisk(actions[2]!)).toBe(false)
    expect(select(actions, { atRisk: '1' }).sort()).toEqual(['reported', 'status'])
    // Sorted by status, a reported risk comes first with the others at risk.
    expect(select(actions, { sort: 'status' }).slice(0, 2).sort()).toEqual(['reported', 'status'])
  })

  it('"my organisation\'s" matches the organisation of the member who leads, as well as the lead and partners as named', () => {
    const mine = new Set([comparableName('Ngāti Awa')])
    expect(involvesOrganisation({ lead: 'Mere Kingi', leadOrganisation: 'Ngati Awa', partners: [] }, mine)).toBe(true)
    expect(involvesOrganisation({ lead: 'Mere Kingi', leadOrganisation: 'Health NZ', partners: [] }, mine)).toBe(false)
    expect(involvesOrganisation({ lead: '', leadOrganisation: null, partners: [''] }, new Set(['']))).toBe(false)
    const actions = [
      action({ actionId: 'led-by-member', lead: 'Mere Kingi', leadUserId: 'mere', leadOrganisation: 'Ngāti Awa' }),
      action({ actionId: 'led-by-other', lead: 'Sam', leadUserId: 'sam', leadOrganisation: 'New Zealand Police' }),
      action({ actionId: 'partner', partners: ['ngāti awa'] }),
    ]
    expect(select(actions, { organisation: '1' }).sort()).toEqual(['led-by-member', 'partner'])
  })
})

describe('the engagement filter (issue 13 §4)', () => {
  it('keeps only actions at the level asked for; actions with no level are left out', () => {
    const actions = [
      action({ actionId: 'a', engagement: 'partner' }),
      action({ actionId: 'b', engagement: 'consult' }),
      action({ actionId: 'c' }),
    ]
    expect(select(actions, { engagement: 'partner' })).toEqual(['a'])
    expect(select(actions)).toEqual(['a', 'b', 'c'])
    const rows = selectTrackerRows(actions, TrackerQuery.parse({}), context)
    expect(rows.map((r) => r.engagement)).toEqual(['partner', 'consult', null])
  })
})
