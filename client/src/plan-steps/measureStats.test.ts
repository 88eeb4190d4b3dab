import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addMeasure, addPriorityAction, addProgressEntry, initPlanDoc, listMeasures, listProgressEntries } from '@hononga/shared'
import { daySeconds, latestValue, measureSeries, progressTowardsTarget } from './measureStats'

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

  it("lists a measure's values over time, oldest first, one per day (the later report of a day stands)", () => {
    const doc = new Y.Doc()
    initPlanDoc(doc, { title: 'Mahere', community: 'Kawerau' })
    const action = addPriorityAction(doc, { title: 'Kai packs' })
    const packs = addMeasure(doc, action, { name: 'Packs', baseline: 10, target: 50 })
    const other = addMeasure(doc, action, { name: 'Other' })
    addProgressEntry(doc, action, { date: '2026-06-01', values: { [packs]: 30 }, authorName: 'Hine' })
    addProgressEntry(doc, action, { date: '2026-02-01', values: { [packs]: 12, [other]: 1 }, authorName: 'Hine' })
    addProgressEntry(doc, action, { date: '2026-04-01', values: { [other]: 2 }, authorName: 'Hine' })
    const [m] = listMeasures(doc, action)
    const entries = listProgressEntries(doc, action)
    expect(measureSeries(m!, entries)).toEqual([
      { date: '2026-02-01', value: 12 },
      { date: '2026-06-01', value: 30 },
    ])
    const later = entries.map((entry) => (entry.date === '2026-06-01' ? { ...entry, createdAt: 1 } : entry))
    const sameDay = [...later, { ...later[0]!, id: 'x', values: { [packs]: 31 }, createdAt: 2, date: '2026-06-01' }] as typeof entries
    expect(measureSeries(m!, sameDay).at(-1)).toEqual({ date: '2026-06-01', value: 31 })
    expect(measureSeries(m!, [])).toEqual([])
  })

  it('puts a day at midnight UTC, in seconds', () => {
    expect(daySeconds('1970-01-02')).toBe(86_400)
    expect(daySeconds('2026-03-01')).toBe(Date.UTC(2026, 2, 1) / 1000)
  })
})
