/**
 * The one place that decides which locale dates, numbers and lists are written in: New
 * Zealand conventions in either language, te reo Māori (`mi-NZ`) where this device's Intl
 * data has it, else `en-NZ`. The i18n layer (./index.ts), the date components (./dates.tsx)
 * and the plan's number and date formatting (plan-steps/format.ts) all ask here.
 */

/** What every formatter falls back to. */
export const FALLBACK_LOCALE = 'en-NZ'

/** The locale a UI language asks for, before asking whether this device has it. */
export function wantedLocale(language: string): string {
  return language.startsWith('mi') ? 'mi-NZ' : FALLBACK_LOCALE
}

function supported(locale: string, kind: 'date' | 'relative'): boolean {
  try {
    const list = kind === 'date' ? Intl.DateTimeFormat.supportedLocalesOf([locale]) : Intl.RelativeTimeFormat.supportedLocalesOf([locale])
    return list.length > 0
  } catch {
    return false
  }
}

/** Some Intl data for `mi` writes "-2 rā i mua" (a sign where a phrase belongs): treat it as missing. */
function relativeWorks(locale: string): boolean {
  if (!supported(locale, 'relative')) return false
  const parts = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).formatToParts(-2, 'day')
  return !parts.some((part) => part.type === 'literal' && /^[-+\u2212]$/.test(part.value.trim()))
}

/** The locales this device can write a language's dates in: absolute, and relative ("3 hours ago"). */
export interface Locales {
  date: string
  relative: string
}

const cache = new Map<string, Locales>()

/** {@link Locales} for a UI language (asked of Intl once per language). */
export function localesFor(language: string): Locales {
  let locales = cache.get(language)
  if (!locales) {
    const wanted = wantedLocale(language)
    locales = {
      date: supported(wanted, 'date') ? wanted : FALLBACK_LOCALE,
      relative: relativeWorks(wanted) ? wanted : FALLBACK_LOCALE,
    }
    cache.set(language, locales)
  }
  return locales
}
