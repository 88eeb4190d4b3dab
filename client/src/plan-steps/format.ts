import { formatCalendarDate } from '@hononga/shared'
import { FALLBACK_LOCALE, localesFor, wantedLocale } from '../i18n/locale'

/** The language's locale, then the fallback, for Intl to choose from (../i18n/locale.ts). */
function localesOf(language: string): string[] {
  return [wantedLocale(language), FALLBACK_LOCALE]
}

/**
 * A `YYYY-MM-DD` date as people read it ("12 Mar 2026"), written by the formatter the whole
 * client and the exports share (shared/src/dates.ts); the date as given if unreadable.
 */
export function formatDate(date: string, language: string): string {
  return formatCalendarDate(date, { locale: localesFor(language).date })
}

/** A number as people read it, in their locale. */
export function formatNumber(value: number, language: string): string {
  try {
    return new Intl.NumberFormat(localesOf(language), { maximumFractionDigits: 2 }).format(value)
  } catch {
    return String(value)
  }
}

/** Today on this device, `YYYY-MM-DD` (local time: a hui in Aotearoa reports its own day). */
export function todayIso(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** Splits "Ngāti Awa, Ministry of Health" into names; blanks dropped. */
export function splitNames(value: string): string[] {
  return value
    .split(/[,;\n]/)
    .map((name) => name.trim())
    .filter((name) => name !== '')
}
