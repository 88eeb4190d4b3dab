import { useTranslation } from 'react-i18next'
import { formatCalendarDate, formatDate, formatDateTime, formatTime, type DateStyle } from '@hononga/shared'
import { localesFor } from './locale'

/**
 * Dates in the reader's language, in the locale ./locale.ts picks (`mi-NZ` where the
 * browser's Intl data has it, else `en-NZ`), written by the one formatter the client and the
 * exports share (shared/src/dates.ts: "25 Nov 2026, 2:14 pm"); when English is used in a
 * Māori page the element is marked `lang="en"` so screen readers pronounce it right.
 */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
]

/** "3 hours ago", "in 5 days", "now": the largest whole unit of the distance from `now`. */
function relative(locale: string, date: Date, now: number): string {
  const seconds = (date.getTime() - now) / 1000
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit)
  }
  return format.format(0, 'second')
}

/** Language tag for an element showing text formatted in `locale`, when it differs from the page. */
function langAttr(locale: string, language: string): string | undefined {
  const tag = locale.split('-')[0]
  return tag === language ? undefined : tag
}

/** An instant: an ISO string, milliseconds since the epoch, or a Date. */
export type Instant = string | number | Date

export interface DateFormat {
  /** "25 Nov 2026, 2:14 pm" */
  dateTime(instant: Instant): string
  /** "25 November 2026" */
  date(instant: Instant): string
  /** "2:14 pm" */
  time(instant: Instant): string
  /** A calendar date (`YYYY-MM-DD`, no time zone): "25 Nov 2026", or in the style asked for. */
  day(date: string, style?: DateStyle): string
  relative(iso: string, now?: number): string
  /** `lang` to put on elements holding `dateTime`/`date`/`time`/`day` text (undefined when it matches the page). */
  dateLang: string | undefined
  relativeLang: string | undefined
}

/** {@link DateFormat} for a UI language, outside React (a hook's callbacks, an export). */
export function dateFormatFor(language: string): DateFormat {
  const locales = localesFor(language)
  const locale = locales.date
  return {
    dateTime: (instant) => formatDateTime(instant, { locale }),
    date: (instant) => formatDate(instant, { locale, style: 'long' }),
    time: (instant) => formatTime(instant, { locale }),
    day: (date, style = 'medium') => formatCalendarDate(date, { locale, style }),
    relative: (iso, now = Date.now()) => relative(locales.relative, new Date(iso), now),
    dateLang: langAttr(locales.date, language),
    relativeLang: langAttr(locales.relative, language),
  }
}

/** Formatters for the current UI language. */
export function useDateFormat(): DateFormat {
  const { i18n } = useTranslation()
  return dateFormatFor(i18n.language)
}

/** A date as `<time>`: relative ("3 hours ago") with the absolute date and time beside it. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const format = useDateFormat()
  return (
    <span className={className}>
      <time dateTime={iso} lang={format.relativeLang}>
        {format.relative(iso)}
      </time>{' '}
      <span className="time-absolute" lang={format.dateLang}>
        ({format.dateTime(iso)})
      </span>
    </span>
  )
}

/** An absolute date and time as `<time>`. */
export function DateTime({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  const format = useDateFormat()
  return (
    <time dateTime={iso} lang={format.dateLang}>
      {dateOnly ? format.date(iso) : format.dateTime(iso)}
    </time>
  )
}
