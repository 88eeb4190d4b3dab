/**
 * Aotearoa wall-clock time and UTC instants. A facilitator says "10:00 on 27 September" in
 * Pacific/Auckland; the server keeps the instant (UTC ms). The offset changes twice a year
 * (NZST +12, NZDT +13), so it is looked up with Intl for the day itself, never assumed.
 */

export const HUI_TIME_ZONE = 'Pacific/Auckland'

const wallFormat = new Intl.DateTimeFormat('en-NZ', {
  timeZone: HUI_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** The wall-clock fields in Aotearoa of an instant. */
export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/** The Aotearoa wall clock at `ms`. */
export function aucklandWallClock(ms: number): WallClock {
  const parts = wallFormat.formatToParts(ms)
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN)
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') }
}

/** The wall clock as if it were UTC: the ms whose UTC fields are `clock` (for ical-generator, which prints UTC fields). */
export function wallClockAsUtc(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second)
}

/** Aotearoa's offset from UTC at `ms`, in ms (+12 h or +13 h). */
function offsetAt(ms: number): number {
  return wallClockAsUtc(aucklandWallClock(ms)) - Math.floor(ms / 1000) * 1000
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The UTC instant of `date` (YYYY-MM-DD) at `time` (HH:MM) in Aotearoa, or null when that
 * wall-clock time does not exist (the hour skipped when daylight saving starts) or the date
 * is not a real one. In the hour repeated when it ends, the first (daylight) instant is taken.
 */
export function aucklandToUtc(date: string, time: string): number | null {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  const wall = Date.UTC(year, month - 1, day, hour, minute)
  const check = new Date(wall)
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null
  // The offset a day either side brackets every transition (they are months apart).
  const offsets = [...new Set([offsetAt(wall - DAY_MS), offsetAt(wall + DAY_MS)])].sort((a, b) => b - a)
  for (const offset of offsets) {
    const instant = wall - offset
    if (wallClockAsUtc(aucklandWallClock(instant)) === wall) return instant
  }
  return null
}

/** The Aotearoa date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function aucklandDateTime(ms: number): { date: string; time: string } {
  const c = aucklandWallClock(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  return { date: `${c.year}-${two(c.month)}-${two(c.day)}`, time: `${two(c.hour)}:${two(c.minute)}` }
}
