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

/**
 * How far the latest value has come from the baseline towards the target, in percent
 * (0 = still at baseline, 100 = target met; may go below 0 or above 100). Works for targets
 * above or below the baseline. Null when it cannot be said.
 */
export function progressTowardsTarget(measure: MonitoringMeasureView, latest: LatestValue | null): number | null {
  if (!latest || measure.baseline === null || measure.target === null || measure.target === measure.baseline) return null
  return Math.round(((latest.value - measure.baseline) / (measure.target - measure.baseline)) * 100)
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
