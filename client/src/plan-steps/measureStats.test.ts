import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addMeasure, addPriorityAction, addProgressEntry, initPlanDoc, listMeasures, listProgressEntries } from '@hononga/shared'
import { latestValue, progressTowardsTarget } from './measureStats'

describe('measure stats', () => {
  it('finds the newest value reported for a measure and how far it has come', () => {
    const doc = new Y.Doc()
    initPlanDoc(doc, { title: 'Mahere', community: 'Ōpōtiki' })
    const action = addPriorityAction(doc, { title: 'Mentoring' })
    const mentored = addMeasure(doc, action, { name: 'Mentored', baseline: 0, target: 20 })
    const harm = addMeasure(doc, action, { name: 'Call-outs', baseline: 40, target: 20 })
    addProgressEntry(doc, action, { date: '2026-03-01', values: { [mentored]: 5, [harm]: 35 }, authorName: 'Aroha' })
    addProgressEntry(doc, action, { date: '2026-05-01', values: { [mentored]: 12 }, authorName: 'Aroha' })
    addProgressEntry(doc, action, { date: '2026-04-01', values: { [mentored]: 9, [harm]: 30 }, authorName: 'Bex' })
    const [m, h] = listMeasures(doc, action)
    const entries = listProgressEntries(doc, action)
    expect(latestValue(m!, entries)).toEqual({ value: 12, date: '2026-05-01' })
    expect(latestValue(h!, entries)).toEqual({ value: 30, date: '2026-04-01' })
    expect(progressTowardsTarget(m!, latestValue(m!, entries))).toBe(60)
    // A target below the baseline: going down is progress.
    expect(progressTowardsTarget(h!, latestValue(h!, entries))).toBe(50)
    expect(progressTowardsTarget(m!, null)).toBeNull()
  })
})
