import type { TFunction } from 'i18next'
import type { MonitoringMeasureView, ProgressEntryView } from '@hononga/shared'

/** The most recent value reported for a measure, with the day it was reported for. */
export interface LatestValue {
  value: number
  date: string
}

/** The latest value reported for `measure`, from entries in any order; null if none. */
export function latestValue(measure: MonitoringMeasureView, entries: readonly ProgressEntryView[]): LatestValue | null {
  let latest: (LatestValue & { createdAt: number }) | null = null
  for (const entry of entries) {
    const value = entry.values[measure.id]
    if (value === undefined) continue
    const createdAt = entry.createdAt ?? 0
    if (!latest || entry.date > latest.date || (entry.date === latest.date && createdAt >= latest.createdAt)) {
      latest = { value, date: entry.date, createdAt }
    }
  }
  return latest && { value: latest.value, date: latest.date }
}

/** One reported value of a measure, on the day it was reported for. */
export interface MeasurePoint {
  date: string
  value: number
}

/**
 * A measure's values over time, oldest first, one per day: when two entries report the same
 * day, the one added later stands (as in {@link latestValue}).
 */
export function measureSeries(measure: MonitoringMeasureView, entries: readonly ProgressEntryView[]): MeasurePoint[] {
  const byDate = new Map<string, { value: number; createdAt: number }>()
  for (const entry of entries) {
    const value = entry.values[measure.id]
    if (value === undefined || !Number.isFinite(value)) continue
    const createdAt = entry.createdAt ?? 0
    const kept = byDate.get(entry.date)
    if (!kept || createdAt >= kept.createdAt) byDate.set(entry.date, { value, createdAt })
  }
  return [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, { value }]) => ({ date, value }))
}

/** A `YYYY-MM-DD` day as seconds since the epoch at midnight UTC (the chart's x values). */
export function daySeconds(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return Date.UTC(year, month - 1, day) / 1000
}

const DAY = 86_400

/** How far a chart reaches either side of a single report: a month, so the point sits in time. */
export const SINGLE_POINT_DAYS = 28

/**
 * What a measure's chart draws, as uPlot's aligned columns: the days (seconds), the values
 * (null where there is none), and the baseline and target as constant columns (null when not
 * set). The days run a little beyond the data on both sides — a month either side of a single
 * report — so the baseline and target are lines across the whole chart even with one value,
 * and the time axis spans the reports rather than one instant.
 */
export interface ChartFrame {
  days: number[]
  values: (number | null)[]
  baseline: (number | null)[]
  target: (number | null)[]
}

export function chartFrame(points: readonly MeasurePoint[], baseline: number | null, target: number | null): ChartFrame {
  if (points.length === 0) return { days: [], values: [], baseline: [], target: [] }
  const xs = points.map((point) => daySeconds(point.date))
  const first = xs[0]!
  const last = xs.at(-1)!
  // A twentieth of the span either side (at least a day), or a month around a single report.
  const margin = first === last ? SINGLE_POINT_DAYS * DAY : Math.max(DAY, Math.round((last - first) / 20))
  const days = [first - margin, ...xs, last + margin]
  const constant = (value: number | null) => days.map(() => value)
  return { days, values: [null, ...points.map((point) => point.value), null], baseline: constant(baseline), target: constant(target) }
}

/**
 * Where a measure's latest value stands against its target, as the summary says it. The
 * target may lie above the baseline or below it (fewer call-outs is progress), so the
 * distances here are always positive and the wording never shows "-22% of the way".
 * - `toGo`: between the baseline and the target: "18 of 30 to go";
 * - `reached`: at the target; `passed`: beyond it ("target passed by 4");
 * - `backwards`: further from the target than the baseline was ("34 to go, 4 further away than the baseline");
 * - `offTarget`: no baseline (or a target equal to it) to measure the way by: "12 below the target".
 */
export type MeasureProgress =
  | { kind: 'toGo'; remaining: number; total: number }
  | { kind: 'reached' }
  | { kind: 'passed'; beyond: number }
  | { kind: 'backwards'; remaining: number; behind: number }
  | { kind: 'offTarget'; distance: number; side: 'above' | 'below' }

/** `a - b` without binary fractions showing through (0.3 - 0.1 is 0.2, not 0.19999999999999998). */
function difference(a: number, b: number): number {
  return Math.round((a - b) * 1e9) / 1e9
}

/** {@link MeasureProgress} of the latest value; null without a value or a target. */
export function measureProgress(baseline: number | null, target: number | null, latest: number | null): MeasureProgress | null {
  if (latest === null || target === null) return null
  if (latest === target) return { kind: 'reached' }
  if (baseline === null || baseline === target) {
    return { kind: 'offTarget', distance: Math.abs(difference(latest, target)), side: latest > target ? 'above' : 'below' }
  }
  // Measured along the way from baseline to target: positive is towards the target.
  const direction = target > baseline ? 1 : -1
  const remaining = difference(target, latest) * direction
  if (remaining < 0) return { kind: 'passed', beyond: -remaining }
  const made = difference(latest, baseline) * direction
  if (made < 0) return { kind: 'backwards', remaining, behind: -made }
  return { kind: 'toGo', remaining, total: Math.abs(difference(target, baseline)) }
}

/** The steps namespace's translate function, as far as the progress sentence needs it. */
type StepsT = TFunction<'steps'>

/**
 * {@link MeasureProgress} in words, with `show` writing a value with its unit ("18 of 30
 * whānau to go"; the unit once, after the total).
 */
export function progressSentence(
  progress: MeasureProgress,
  t: StepsT,
  show: (value: number) => string,
  number: (value: number) => string,
): string {
  switch (progress.kind) {
    case 'toGo':
      return t('monitoring.progress.toGo', { remaining: number(progress.remaining), total: show(progress.total) })
    case 'reached':
      return t('monitoring.progress.reached')
    case 'passed':
      return t('monitoring.progress.passed', { beyond: show(progress.beyond) })
    case 'backwards':
      return t('monitoring.progress.backwards', { remaining: show(progress.remaining), behind: number(progress.behind) })
    case 'offTarget':
      return t(`monitoring.progress.${progress.side}`, { distance: show(progress.distance) })
  }
}
