import { describe, expect, it } from 'vitest'
import { addPriorityAction } from './actions'
import { actionsCsv, ACTIONS_CSV_COLUMNS } from './csv'
import { startHui } from './hui'
import { PlanJson, toPlanJson } from './json'
import { addMeasure } from './monitoring'
import {
  allOrigins,
  contributionOf,
  measureOriginId,
  originInWords,
  originKey,
  originOf,
  originsRoot,
  parseOriginKey,
  recordOrigin,
  recordOriginsOfAll,
  recordRemoval,
  type Contributor,
} from './origins'
import { partnerKey } from './partners'
import { addFocusArea } from './sections'
import { newPlanDoc } from './testing'

const SERVER = { source: 'server', reason: 'test' } as const
const aroha: Contributor = { userId: 'u-aroha', name: 'Aroha Smith', affiliation: 'iwi', organisation: 'Ngāti Awa' }
const sam: Contributor = { userId: 'u-sam', name: 'Sam Jones', affiliation: 'police', organisation: 'New Zealand Police' }
/** 12 March 2026, 10:00 am in Whakatāne (NZDT, UTC+13): still 11 March in UTC. */
const MARCH_12 = Date.parse('2026-03-11T21:00:00Z')

describe('origin keys', () => {
  it('name items as agreements do, and measures by action and measure', () => {
    expect(originKey('focusArea', 'f1')).toBe('focusArea|f1')
    expect(originKey('action', 'a1')).toBe('action|a1')
    expect(originKey('measure', measureOriginId('a1', 'm1'))).toBe('measure|a1/m1')
    for (const [kind, id] of [
      ['focusArea', 'f1'],
      ['condition', 'c1'],
      ['action', 'a1'],
      ['measure', 'a1/m1'],
    ] as const) {
      expect(parseOriginKey(originKey(kind, id))).toEqual({ kind, id })
    }
  })

  it('refuse what is not one', () => {
    for (const key of ['', 'focusArea', 'focusArea|', 'monitoring|a1', 'measure|a1', 'measure|a1/', 'action|a/b', 'action|a|b']) {
      expect(parseOriginKey(key), key).toBeNull()
    }
  })
})

describe('origins', () => {
  it('records who added an item, their partner and no hui when none runs', () => {
    const doc = newPlanDoc()
    const id = addFocusArea(doc, { title: 'Rangatahi' })
    expect(originOf(doc, 'focusArea', id)).toBeNull()
    expect(recordOrigin(doc, id, contributionOf(doc, 'focusArea', aroha, MARCH_12), SERVER)).toBe(true)
    expect(originOf(doc, 'focusArea', id)).toEqual({
      kind: 'focusArea',
      userId: 'u-aroha',
      name: 'Aroha Smith',
      partner: partnerKey('iwi', 'Ngāti Awa'),
      affiliation: 'iwi',
      organisation: 'Ngāti Awa',
      huiId: null,
      huiStartedAt: null,
      at: MARCH_12,
    })
  })

  it('records the hui that is running', () => {
    const doc = newPlanDoc()
    const huiId = startHui(doc, 'u-facilitator', MARCH_12)
    const origin = contributionOf(doc, 'action', sam, MARCH_12 + 60_000)
    expect(origin).toMatchObject({ huiId, huiStartedAt: MARCH_12, partner: partnerKey('police', 'New Zealand Police') })
  })

  it('never overwrites a first contributor; a removal is noted, and dropped when the item comes back', () => {
    const doc = newPlanDoc()
    const id = addPriorityAction(doc, { title: 'Kai' })
    recordOrigin(doc, id, contributionOf(doc, 'action', aroha, 1), SERVER)
    expect(recordOrigin(doc, id, contributionOf(doc, 'action', sam, 2), SERVER)).toBe(false)
    const removal = { userId: sam.userId, name: sam.name, partner: partnerKey('police', 'New Zealand Police'), at: 3 }
    expect(recordRemoval(doc, 'action', id, removal, SERVER)).toBe(true)
    expect(recordRemoval(doc, 'action', id, { ...removal, at: 4 }, SERVER)).toBe(false)
    expect(originOf(doc, 'action', id)).toMatchObject({ userId: 'u-aroha', removedBy: removal })
    expect(recordOrigin(doc, id, contributionOf(doc, 'action', sam, 5), SERVER)).toBe(true)
    const back = originOf(doc, 'action', id)!
    expect(back).toMatchObject({ userId: 'u-aroha', at: 1 })
    expect(back.removedBy).toBeUndefined()
  })

  it('a removal of an item with no origin (older than these records) writes nothing', () => {
    const doc = newPlanDoc()
    expect(recordRemoval(doc, 'condition', 'c1', { userId: 'u', name: 'U', partner: 'iwi:', at: 1 }, SERVER)).toBe(false)
    expect(originsRoot(doc).size).toBe(0)
  })

  it('lists valid records only, oldest first, and ignores a record whose kind disagrees with its key', () => {
    const doc = newPlanDoc()
    recordOrigin(doc, 'a1', contributionOf(doc, 'action', sam, 20), SERVER)
    recordOrigin(doc, measureOriginId('a1', 'm1'), contributionOf(doc, 'measure', aroha, 10), SERVER)
    originsRoot(doc).set('focusArea|f1', { ...contributionOf(doc, 'action', aroha, 5) })
    originsRoot(doc).set('condition|c1', { nonsense: true })
    expect(allOrigins(doc).map(({ key }) => key)).toEqual(['measure|a1/m1', 'action|a1'])
  })
})

describe('recordOriginsOfAll (a plan made from an imported file)', () => {
  it('gives every item without an origin to the importer, measures included, and keeps those it has', () => {
    const doc = newPlanDoc()
    const focusAreaId = addFocusArea(doc, { title: 'Rangatahi' })
    const actionId = addPriorityAction(doc, { title: 'Kai' })
    const measureId = addMeasure(doc, actionId, { name: 'Meals' })
    recordOrigin(doc, focusAreaId, contributionOf(doc, 'focusArea', sam, 1), SERVER)
    recordOriginsOfAll(doc, aroha, 2, SERVER)
    expect(originOf(doc, 'focusArea', focusAreaId)).toMatchObject({ userId: 'u-sam', at: 1 })
    expect(originOf(doc, 'action', actionId)).toMatchObject({ userId: 'u-aroha', at: 2 })
    expect(originOf(doc, 'measure', measureOriginId(actionId, measureId))).toMatchObject({ userId: 'u-aroha', kind: 'measure' })
  })
})

describe('origins in exports', () => {
  it('PlanJson carries them (ISO times) and an older file without them still parses', () => {
    const doc = newPlanDoc()
    const id = addPriorityAction(doc, { title: 'Kai' })
    recordOrigin(doc, id, contributionOf(doc, 'action', aroha, MARCH_12), SERVER)
    const plan = toPlanJson(doc)
    expect(plan.origins).toEqual([expect.objectContaining({ key: `action|${id}`, kind: 'action', id, at: '2026-03-11T21:00:00.000Z' })])
    expect(PlanJson.parse(plan).origins).toHaveLength(1)
    const { origins: _left, ...older } = plan
    expect(PlanJson.parse(older).origins).toEqual([])
  })

  it('words: at the hui of its day, else on the day added, in New Zealand time', () => {
    const origin = { name: 'Aroha Smith', at: new Date(MARCH_12).toISOString(), huiStartedAt: null }
    expect(originInWords(origin, 'Ngāti Awa')).toBe('Ngāti Awa (Aroha Smith) on 12 March 2026')
    expect(originInWords({ ...origin, huiStartedAt: origin.at }, 'Ngāti Awa')).toBe('Ngāti Awa (Aroha Smith) at the hui of 12 March 2026')
  })

  it('the actions CSV has an "Added by" column, blank for an action with no origin', () => {
    const doc = newPlanDoc()
    const known = addPriorityAction(doc, { title: 'Kai' })
    addPriorityAction(doc, { title: 'Older', after: known })
    recordOrigin(doc, known, contributionOf(doc, 'action', aroha, MARCH_12), SERVER)
    const rows = actionsCsv(toPlanJson(doc)).trim().split('\r\n')
    const column = ACTIONS_CSV_COLUMNS.indexOf('Added by')
    expect(column).toBeGreaterThan(-1)
    // No cell here holds a comma: the row splits as written.
    expect(rows[1]!.split(',')[column]).toBe('Ngāti Awa (Aroha Smith) on 12 March 2026')
    expect(rows[2]!.split(',')[column]).toBe('')
  })
})
