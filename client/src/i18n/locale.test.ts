import { describe, expect, it } from 'vitest'
import { FALLBACK_LOCALE, localesFor, wantedLocale } from './locale'

describe('the locale module', () => {
  it('asks for mi-NZ in te reo Māori and en-NZ otherwise', () => {
    expect(wantedLocale('mi')).toBe('mi-NZ')
    expect(wantedLocale('en')).toBe('en-NZ')
    expect(FALLBACK_LOCALE).toBe('en-NZ')
  })

  it('uses only locales this runtime has, falling back to en-NZ', () => {
    expect(localesFor('en')).toEqual({ date: 'en-NZ', relative: 'en-NZ' })
    const mi = localesFor('mi')
    const hasMi = Intl.DateTimeFormat.supportedLocalesOf(['mi-NZ']).length > 0
    expect(mi.date).toBe(hasMi ? 'mi-NZ' : 'en-NZ')
    expect(['mi-NZ', 'en-NZ']).toContain(mi.relative)
  })
})
