import { isIsoDate } from '@hononga/shared'
import { FALLBACK_LOCALE, wantedLocale } from '../i18n/locale'

/** The language's locale, then the fallback, for Intl to choose from (../i18n/locale.ts). */
function localesOf(language: string): string[] {
  return [wantedLocale(language), FALLBACK_LOCALE]
}

/** A `YYYY-MM-DD` date as people read it ("12 Mar 2026"); the date as given if unreadable. */
export function formatDate(date: string, language: string): string {
  if (!isIsoDate(date)) return date
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const instant = new Date(Date.UTC(year, month - 1, day))
  instant.setUTCFullYear(year)
  try {
    return new Intl.DateTimeFormat(localesOf(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(instant)
  } catch {
    return date
  }
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
