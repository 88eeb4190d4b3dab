import { NZ_TIME_ZONE } from '@hononga/shared'

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: NZ_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: NZ_TIME_ZONE, timeZoneName: 'longOffset' })

/** The Aotearoa date (YYYY-MM-DD, Pacific/Auckland) of an instant: the day reminders are counted in. */
export function nzDay(at: number): string {
  return dayFormat.format(at)
}

/** `day` (YYYY-MM-DD) moved by `days`. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

function offsetMs(at: number): number {
  const name = offsetFormat.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT'
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name)
  if (!match) return 0
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000
}

/** The instant `hour`:00 on `day` in Pacific/Auckland (daylight saving included). */
export function nzInstant(day: string, hour: number): number {
  const naive = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`)
  // The offset at the guess, then at the corrected instant: right on both sides of a change.
  const first = naive - offsetMs(naive)
  return naive - offsetMs(first)
}

/** The latest digest time (`hour`:00 Pacific/Auckland) at or before `at`. */
export function lastDigestTime(at: number, hour: number): number {
  const today = nzInstant(nzDay(at), hour)
  return today <= at ? today : nzInstant(addDays(nzDay(at), -1), hour)
}
