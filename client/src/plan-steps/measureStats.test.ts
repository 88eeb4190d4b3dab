import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addMeasure, addPriorityAction, addProgressEntry, initPlanDoc, listMeasures, listProgressEntries } from '@hononga/shared'
import enSteps from '../i18n/en/steps.json'
import {
  chartFrame,
  daySeconds,
  latestValue,
  measureProgress,
  measureSeries,
  progressSentence,
  SINGLE_POINT_DAYS,
  type MeasureProgress,
} from './measureStats'

/** The English catalogue, as the page loads it: the sentences tested are the ones people read. */
async function englishSteps() {
  const i18n = i18next.createInstance()
  await i18n.init({ lng: 'en', resources: { en: { steps: enSteps } }, interpolation: { escapeValue: false } })
  return i18n.getFixedT('en', 'steps')
}

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
    expect(measureProgress(m!.baseline, m!.target, latestValue(m!, entries)!.value)).toEqual({ kind: 'toGo', remaining: 8, total: 20 })
    // A target below the baseline: going down is progress.
    expect(measureProgress(h!.baseline, h!.target, latestValue(h!, entries)!.value)).toEqual({ kind: 'toGo', remaining: 10, total: 20 })
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

  it('says how far a measure has to go, whichever way its target lies', () => {
    // Up from 12 to 42, now at 24: 18 of 30 to go (not "40% of the way").
    expect(measureProgress(12, 42, 24)).toEqual({ kind: 'toGo', remaining: 18, total: 30 })
    // Down from 40 call-outs to 10, now at 28.
    expect(measureProgress(40, 10, 28)).toEqual({ kind: 'toGo', remaining: 18, total: 30 })
    expect(measureProgress(40, 10, 40)).toEqual({ kind: 'toGo', remaining: 30, total: 30 })
    expect(measureProgress(40, 10, 10)).toEqual({ kind: 'reached' })
    // Beyond the target, either way.
    expect(measureProgress(0, 20, 26)).toEqual({ kind: 'passed', beyond: 6 })
    expect(measureProgress(40, 10, 7.5)).toEqual({ kind: 'passed', beyond: 2.5 })
    // Worse than the baseline, either way.
    expect(measureProgress(12, 42, 8)).toEqual({ kind: 'backwards', remaining: 34, behind: 4 })
    expect(measureProgress(40, 10, 46)).toEqual({ kind: 'backwards', remaining: 36, behind: 6 })
    // No baseline, or a target to hold at the baseline: how far off the target, and which side.
    expect(measureProgress(null, 30, 12)).toEqual({ kind: 'offTarget', distance: 18, side: 'below' })
    expect(measureProgress(5, 5, 7)).toEqual({ kind: 'offTarget', distance: 2, side: 'above' })
    expect(measureProgress(null, 30, 30)).toEqual({ kind: 'reached' })
    // Decimals without binary noise.
    expect(measureProgress(0.1, 0.4, 0.3)).toEqual({ kind: 'toGo', remaining: 0.1, total: 0.3 })
    // Nothing to say without a value or a target.
    expect(measureProgress(0, null, 4)).toBeNull()
    expect(measureProgress(0, 20, null)).toBeNull()
  })

  it('puts the progress in plain English, the unit once', async () => {
    const t = await englishSteps()
    const words = (progress: MeasureProgress) =>
      progressSentence(
        progress,
        t,
        (value) => `${value} whānau`,
        (value) => String(value),
      )
    expect(words(measureProgress(12, 42, 24)!)).toBe('18 of 30 whānau to go')
    expect(words(measureProgress(40, 10, 10)!)).toBe('Target reached')
    expect(words(measureProgress(0, 20, 26)!)).toBe('Target passed by 6 whānau')
    expect(words(measureProgress(12, 42, 8)!)).toBe('34 whānau to go: 4 further from the target than the baseline')
    expect(words(measureProgress(null, 30, 12)!)).toBe('18 whānau below the target')
    expect(words(measureProgress(null, 30, 31)!)).toBe('1 whānau above the target')
    for (const sentence of [12, 24, 42, 50, 0].map((value) => words(measureProgress(12, 42, value)!))) {
      expect(sentence).not.toMatch(/-|%/)
    }
  })

  it('frames one report a month either side, so baseline and target are lines across the chart', () => {
    const day = daySeconds('2026-03-01')
    const frame = chartFrame([{ date: '2026-03-01', value: 24 }], 12, 42)
    expect(frame.days).toEqual([day - SINGLE_POINT_DAYS * 86_400, day, day + SINGLE_POINT_DAYS * 86_400])
    expect(frame.values).toEqual([null, 24, null])
    expect(frame.baseline).toEqual([12, 12, 12])
    expect(frame.target).toEqual([42, 42, 42])
    expect(chartFrame([{ date: '2026-03-01', value: 24 }], null, null).target).toEqual([null, null, null])
  })

  it('frames several reports with a margin of a twentieth of their span, and nothing without reports', () => {
    const points = [
      { date: '2026-01-01', value: 5 },
      { date: '2026-01-21', value: 9 },
      { date: '2026-11-07', value: 12 },
    ]
    const frame = chartFrame(points, 0, 20)
    const span = daySeconds('2026-11-07') - daySeconds('2026-01-01')
    expect(frame.days.slice(1, -1)).toEqual(points.map((point) => daySeconds(point.date)))
    expect(frame.days[0]).toBe(daySeconds('2026-01-01') - Math.round(span / 20))
    expect(frame.days.at(-1)).toBe(daySeconds('2026-11-07') + Math.round(span / 20))
    expect(frame.values).toEqual([null, 5, 9, 12, null])
    // Two reports a day apart still get a day either side.
    const close = chartFrame([points[0]!, { date: '2026-01-02', value: 6 }], null, 8)
    expect(close.days[0]).toBe(daySeconds('2025-12-31'))
    expect(chartFrame([], 0, 10)).toEqual({ days: [], values: [], baseline: [], target: [] })
  })
})
