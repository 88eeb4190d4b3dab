/**
 * The one way Hononga writes dates and times, on screen and in exports: New Zealand
 * conventions ("25 Nov 2026", "25 November 2026", "2:14 pm", "25 Nov 2026, 2:14 pm") in
 * English (`en-NZ`) or te reo Māori (`mi-NZ`, "25 Noe 2026"). The words (month names) come
 * from Intl for the locale; the order and punctuation are fixed here, so every browser and
 * the server write the same thing whatever their Intl data prefers ("PM" or "pm", a comma or
 * none). The client picks the locale (client/src/i18n/locale.ts); exports are English.
 */

/** What every formatter falls back to when a locale is missing from this runtime's Intl data. */
export const NZ_LOCALE = 'en-NZ'

/** The zone exports write times in: the people reading a plan's CSV are in Aotearoa. */
export const NZ_TIME_ZONE = 'Pacific/Auckland'

/**
 * How much of a date to write: `medium` "25 Nov 2026", `long` "25 November 2026", `dayMonth`
 * "25 Nov" (a chart's axis over weeks), `monthYear` "Nov 2026" (over years).
 */
export type DateStyle = 'medium' | 'long' | 'dayMonth' | 'monthYear'

export interface DateOptions {
  style?: DateStyle
  /** `en-NZ` (default) or `mi-NZ`; a locale this runtime lacks falls back to `en-NZ`. */
  locale?: string
  /** The zone an instant is read in; this device's zone when omitted (calendar dates have none). */
  timeZone?: string
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const formats = new Map<string, Intl.DateTimeFormat>()

/** A cached Intl formatter, in `locale` where this runtime has it, else in {@link NZ_LOCALE}. */
function intl(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = formats.get(key)
  if (!format) {
    try {
      format = new Intl.DateTimeFormat([locale, NZ_LOCALE], options)
    } catch {
      // An unknown time zone: the device's own zone is the best guess left.
      const { timeZone: _zone, ...rest } = options
      format = new Intl.DateTimeFormat([locale, NZ_LOCALE], rest)
    }
    formats.set(key, format)
  }
  return format
}

/** An instant as a Date; null when it is no instant (an unreadable string, NaN). */
function toInstant(value: Date | number | string): Date | null {
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

function partsOf(format: Intl.DateTimeFormat, date: Date): (type: Intl.DateTimeFormatPartTypes) => string {
  const parts = format.formatToParts(date)
  return (type) => parts.find((part) => part.type === type)?.value ?? ''
}

function writeDate(date: Date, style: DateStyle, locale: string, timeZone: string | undefined): string {
  const month = style === 'long' ? 'long' : 'short'
  const options: Intl.DateTimeFormatOptions = {
    ...(style === 'monthYear' ? {} : { day: 'numeric' }),
    month,
    ...(style === 'dayMonth' ? {} : { year: 'numeric' }),
    ...(timeZone ? { timeZone } : {}),
  }
  const part = partsOf(intl(locale, options), date)
  // Day, month, year: the New Zealand order, whatever order the locale's data uses.
  return [part('day'), part('month').replace(/\.$/, ''), part('year')].filter((text) => text !== '').join(' ')
}

/**
 * A calendar date written `YYYY-MM-DD` (a due date, a progress report's day) as people read
 * it: "25 Nov 2026". It names a day, not an instant, so no time zone shifts it. Anything that
 * is not such a date is returned as given.
 */
export function formatCalendarDate(date: string, options: Omit<DateOptions, 'timeZone'> = {}): string {
  const match = CALENDAR_DATE.exec(date)
  if (!match) return date
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const instant = new Date(Date.UTC(year, month - 1, day))
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear puts them back.
  instant.setUTCFullYear(year)
  if (instant.getUTCMonth() !== month - 1 || instant.getUTCDate() !== day) return date
  return writeDate(instant, options.style ?? 'medium', options.locale ?? NZ_LOCALE, 'UTC')
}

/** The date of an instant (ms, Date or ISO string): "25 Nov 2026"; the value as given if unreadable. */
export function formatDate(value: Date | number | string, options: DateOptions = {}): string {
  const date = toInstant(value)
  return date ? writeDate(date, options.style ?? 'medium', options.locale ?? NZ_LOCALE, options.timeZone) : String(value)
}

/** The time of day of an instant: "2:14 pm" (12-hour, lower-case am/pm, as New Zealanders write it). */
export function formatTime(value: Date | number | string, options: Omit<DateOptions, 'style'> = {}): string {
  const date = toInstant(value)
  if (!date) return String(value)
  const part = partsOf(
    intl(options.locale ?? NZ_LOCALE, {
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h12',
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    }),
    date,
  )
  const period = part('dayPeriod').toLowerCase().replace(/\./g, '')
  return `${part('hour')}:${part('minute')}${period ? ` ${period}` : ''}`
}

/** Date and time of an instant: "25 Nov 2026, 2:14 pm" (`style` applies to the date). */
export function formatDateTime(value: Date | number | string, options: DateOptions = {}): string {
  const date = toInstant(value)
  return date ? `${formatDate(date, options)}, ${formatTime(date, options)}` : String(value)
}
