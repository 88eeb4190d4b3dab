import { describe, expect, it } from 'vitest'
import { addPriorityAction, removePriorityAction } from './actions'
import { actionsCsv, ACTIONS_CSV_COLUMNS } from './csv'
import {
  allEngagement,
  clearEngagement,
  ENGAGEMENT_LEVELS,
  ENGAGEMENT_WORDS,
  engagementLevelIn,
  engagementOf,
  engagementRoot,
  isEngagementLevel,
  setEngagement,
} from './engagement'
import { PlanJson, toPlanJson } from './json'
import { addFocusArea } from './sections'
import { newPlanDoc, peers, syncAll } from './testing'

const SERVER = { source: 'server', reason: 'test' } as const
const record = (level: (typeof ENGAGEMENT_LEVELS)[number], at = 1_700_000_000_000) => ({ level, userId: 'u1', name: 'Mere', at })

describe('engagement levels (issue 13 §4)', () => {
  it('the spectrum runs from inform to empower, "partner" shown as co-design', () => {
    expect(ENGAGEMENT_LEVELS).toEqual(['inform', 'consult', 'collaborate', 'partner', 'empower'])
    expect(ENGAGEMENT_WORDS.partner).toBe('Partner / co-design')
    expect(isEngagementLevel('consult')).toBe(true)
    expect(isEngagementLevel('co-design')).toBe(false)
  })

  it('sets, replaces and clears the level of a focus area or an action, one plain record per item', () => {
    const doc = newPlanDoc()
    const focusArea = { kind: 'focusArea' as const, id: addFocusArea(doc, { title: 'Whānau safety' }) }
    const action = { kind: 'action' as const, id: addPriorityAction(doc, { title: 'Wānanga' }) }
    setEngagement(doc, focusArea, record('consult'), SERVER)
    setEngagement(doc, action, record('empower', 1_700_000_000_001), SERVER)
    setEngagement(doc, focusArea, record('partner', 1_700_000_000_002), SERVER)
    expect(engagementOf(doc, focusArea)?.level).toBe('partner')
    expect(engagementRoot(doc).size).toBe(2)
    expect(allEngagement(doc).map((e) => e.record.level)).toEqual(['empower', 'partner'])
    clearEngagement(doc, focusArea, SERVER)
    expect(engagementOf(doc, focusArea)).toBeNull()
    expect(() => setEngagement(doc, action, { ...record('inform'), level: 'sideways' as 'inform' }, SERVER)).toThrow()
  })

  it('ignores malformed records and keys, and renders the same on every device', () => {
    const [a, b] = peers(2)
    const action = { kind: 'action' as const, id: addPriorityAction(a!, { title: 'Kai hub' }) }
    setEngagement(a!, action, record('collaborate'), SERVER)
    engagementRoot(b!).set('action|x', { level: 'nonsense' })
    engagementRoot(b!).set('condition|y', record('inform'))
    syncAll([a!, b!])
    expect(toPlanJson(a!).engagement).toEqual(toPlanJson(b!).engagement)
    expect(toPlanJson(a!).engagement).toEqual([
      { target: action, level: 'collaborate', userId: 'u1', name: 'Mere', at: new Date(1_700_000_000_000).toISOString() },
    ])
  })

  it('exports leave out the level of an item removed since; the CSV has an Engagement column; old files import', () => {
    const doc = newPlanDoc({ title: 'Plan' })
    const kept = addPriorityAction(doc, { title: 'Kept' })
    const gone = addPriorityAction(doc, { title: 'Gone' })
    setEngagement(doc, { kind: 'action', id: kept }, record('partner'), SERVER)
    setEngagement(doc, { kind: 'action', id: gone }, record('inform'), SERVER)
    removePriorityAction(doc, gone)
    const plan = toPlanJson(doc)
    expect(plan.engagement.map((e) => e.target.id)).toEqual([kept])
    expect(engagementLevelIn(plan, { kind: 'action', id: kept })).toBe('partner')
    expect(engagementLevelIn(plan, { kind: 'focusArea', id: kept })).toBeNull()
    const csv = actionsCsv(plan)
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n')
    expect(header!.split(',').at(-1)).toBe('Engagement')
    expect(ACTIONS_CSV_COLUMNS).toContain('Engagement')
    expect(row!.endsWith(',Partner / co-design')).toBe(true)
    const { engagement: _engagement, ...older } = plan
    expect(PlanJson.parse(older).engagement).toEqual([])
  })
})
