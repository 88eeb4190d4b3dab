import * as Y from 'yjs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ActionId, MeasureId, ProgressEntryId } from '../ids'
import { addPriorityAction, getPriorityAction, removePriorityAction } from './actions'
import { ACTION_KEYS, PROGRESS_KEYS } from './keys'
import {
  addMeasure,
  addProgressEntry,
  listMeasures,
  listProgressEntries,
  moveMeasure,
  removeMeasure,
  removeProgressEntry,
  updateMeasure,
} from './monitoring'
import { newPlanDoc } from './testing'

function planWithAction() {
  const doc = newPlanDoc()
  const actionId = addPriorityAction(doc, { title: 'Employment pathways for rangatahi' })
  return { doc, actionId }
}

describe('monitoring measures', () => {
  it('adds a measure with defaults', () => {
    const { doc, actionId } = planWithAction()
    const id = addMeasure(doc, actionId, { name: ' Rangatahi in training ' })
    expect(listMeasures(doc, actionId)).toMatchObject([
      { id, name: 'Rangatahi in training', baseline: null, target: null, unit: '', frequency: 'other', reporter: '' },
    ])
  })

  it('adds, updates, moves and removes in display order', () => {
    const { doc, actionId } = planWithAction()
    const a = addMeasure(doc, actionId, { name: 'A', baseline: 4, target: 20, unit: 'people', frequency: 'quarterly', reporter: 'MSD' })
    const b = addMeasure(doc, actionId, { name: 'B' })
    const c = addMeasure(doc, actionId, { name: 'C', after: null })
    const names = () => listMeasures(doc, actionId).map((measure) => measure.name)
    expect(names()).toEqual(['C', 'A', 'B'])
    updateMeasure(doc, actionId, a, { target: 25, reporter: 'Te Rūnanga' })
    expect(listMeasures(doc, actionId)[1]).toMatchObject({
      name: 'A',
      baseline: 4,
      target: 25,
      unit: 'people',
      frequency: 'quarterly',
      reporter: 'Te Rūnanga',
    })
    updateMeasure(doc, actionId, a, { baseline: null })
    expect(listMeasures(doc, actionId)[1]?.baseline).toBeNull()
    moveMeasure(doc, actionId, c, { after: b })
    expect(names()).toEqual(['A', 'B', 'C'])
    removeMeasure(doc, actionId, b)
    expect(names()).toEqual(['A', 'C'])
  })

  it('writes nothing for an update that changes nothing', () => {
    const { doc, actionId } = planWithAction()
    const id = addMeasure(doc, actionId, { name: 'A', target: 3 })
    let updates = 0
    doc.on('update', () => updates++)
    updateMeasure(doc, actionId, id, { name: 'A', target: 3 })
    expect(updates).toBe(0)
  })

  it('refuses bad values and unknown ids', () => {
    const { doc, actionId } = planWithAction()
    const id = addMeasure(doc, actionId, { name: 'A' })
    expect(() => addMeasure(doc, 'nope-nope' as ActionId, { name: 'x' })).toThrow(/Unknown priority action/)
    expect(() => addMeasure(doc, actionId, { name: 'x', frequency: 'daily' as never })).toThrow(/frequency/)
    expect(() => addMeasure(doc, actionId, { name: 'x', target: Number.NaN })).toThrow(/Target/)
    expect(() => addMeasure(doc, actionId, { name: 'x', baseline: '3' as never })).toThrow(/Baseline/)
    expect(() => updateMeasure(doc, actionId, 'nope-nope' as MeasureId, { name: 'y' })).toThrow(/Unknown measure/)
    expect(() => updateMeasure(doc, actionId, id, { unit: 5 as never })).toThrow(/Unit/)
    expect(() => moveMeasure(doc, actionId, id, { after: 'nope-nope' as MeasureId })).toThrow(/unknown measure/)
    expect(listMeasures(doc, actionId)).toHaveLength(1)
  })

  it('lists nothing for an unknown action', () => {
    expect(listMeasures(newPlanDoc(), 'nope-nope' as ActionId)).toEqual([])
    expect(listProgressEntries(newPlanDoc(), 'nope-nope' as ActionId)).toEqual([])
  })
})

describe('progress entries', () => {
  afterEach(() => vi.useRealTimers())

  it('records a report with values by measure', () => {
    const { doc, actionId } = planWithAction()
    const measure = addMeasure(doc, actionId, { name: 'Referrals' })
    const id = addProgressEntry(doc, actionId, {
      date: '2025-06-30',
      values: { [measure]: 12 },
      status: 'in progress',
      note: 'Kei te pai',
      authorId: 'user-1',
      authorName: 'Hēmi',
    })
    expect(listProgressEntries(doc, actionId)).toMatchObject([
      {
        id,
        date: '2025-06-30',
        values: { [measure]: 12 },
        status: 'in progress',
        note: 'Kei te pai',
        authorId: 'user-1',
        authorName: 'Hēmi',
      },
    ])
    const stored = (getPriorityAction(doc, actionId)!.map.get(ACTION_KEYS.progress) as Y.Map<Y.Map<unknown>>).get(id)
    expect(stored?.get(PROGRESS_KEYS.values)).toEqual({ [measure]: 12 })
  })

  it('lists by date, then by time of writing', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const { doc, actionId } = planWithAction()
    const add = (date: string, note: string, at: number) => {
      vi.setSystemTime(at)
      return addProgressEntry(doc, actionId, { date, note, authorName: 'Facilitator' })
    }
    add('2025-03-01', 'march, written second', 2000)
    add('2025-01-15', 'january', 3000)
    add('2025-03-01', 'march, written first', 1000)
    expect(listProgressEntries(doc, actionId).map((entry) => entry.note)).toEqual([
      'january',
      'march, written first',
      'march, written second',
    ])
  })

  it('refuses bad values', () => {
    const { doc, actionId } = planWithAction()
    const measure = addMeasure(doc, actionId, { name: 'Referrals' })
    const base = { date: '2025-06-30', authorName: 'Hēmi' }
    expect(() => addProgressEntry(doc, actionId, { ...base, date: '2025-06-31' })).toThrow(/YYYY-MM-DD/)
    expect(() => addProgressEntry(doc, actionId, { ...base, values: { 'nope-nope': 1 } })).toThrow(/Unknown measure/)
    expect(() => addProgressEntry(doc, actionId, { ...base, values: { [measure]: Infinity } })).toThrow(/finite/)
    expect(() => addProgressEntry(doc, actionId, { ...base, status: 'sort of' as never })).toThrow(/status/)
    expect(() => addProgressEntry(doc, actionId, { date: base.date } as never)).toThrow(/Author name/)
    expect(listProgressEntries(doc, actionId)).toEqual([])
  })

  it('removes an entry', () => {
    const { doc, actionId } = planWithAction()
    const id = addProgressEntry(doc, actionId, { date: '2025-01-01', authorName: 'A' })
    removeProgressEntry(doc, actionId, id)
    expect(listProgressEntries(doc, actionId)).toEqual([])
    expect(() => removeProgressEntry(doc, actionId, 'nope-nope' as ProgressEntryId)).toThrow(/Unknown progress entry/)
  })

  it('keeps values of a removed measure as history', () => {
    const { doc, actionId } = planWithAction()
    const measure = addMeasure(doc, actionId, { name: 'Referrals' })
    addProgressEntry(doc, actionId, { date: '2025-01-01', values: { [measure]: 3 }, authorName: 'A' })
    removeMeasure(doc, actionId, measure)
    expect(listProgressEntries(doc, actionId)[0]?.values).toEqual({ [measure]: 3 })
  })

  it('goes with its action', () => {
    const { doc, actionId } = planWithAction()
    addProgressEntry(doc, actionId, { date: '2025-01-01', authorName: 'A' })
    removePriorityAction(doc, actionId)
    expect(listProgressEntries(doc, actionId)).toEqual([])
  })
})
