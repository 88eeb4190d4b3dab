import { describe, expect, it } from 'vitest'
import { formatCalendarDate, formatDate, formatDateTime, formatTime, NZ_TIME_ZONE } from './dates'

// 25 November 2026, 2:14 pm in Auckland (NZDT, UTC+13).
const AFTERNOON = Date.UTC(2026, 10, 25, 1, 14)
const nz = { timeZone: NZ_TIME_ZONE }

describe('dates, as New Zealanders write them', () => {
  it('writes calendar dates day, month, year, without shifting the day', () => {
    expect(formatCalendarDate('2026-11-25')).toBe('25 Nov 2026')
    expect(formatCalendarDate('2026-11-25', { style: 'long' })).toBe('25 November 2026')
    expect(formatCalendarDate('2026-03-01', { style: 'dayMonth' })).toBe('1 Mar')
    expect(formatCalendarDate('2026-03-01', { style: 'monthYear' })).toBe('Mar 2026')
    expect(formatCalendarDate('0099-01-02')).toBe('2 Jan 99')
  })

  it('returns what is not a date as given', () => {
    expect(formatCalendarDate('2026-02-30')).toBe('2026-02-30')
    expect(formatCalendarDate('soon')).toBe('soon')
    expect(formatDate('not a date')).toBe('not a date')
    expect(formatDateTime(Number.NaN)).toBe('NaN')
  })

  it('writes instants in the zone asked for, with a lower-case am or pm', () => {
    expect(formatDate(AFTERNOON, nz)).toBe('25 Nov 2026')
    expect(formatDate(new Date(AFTERNOON), { ...nz, style: 'long' })).toBe('25 November 2026')
    expect(formatTime(AFTERNOON, nz)).toBe('2:14 pm')
    expect(formatTime(Date.UTC(2026, 10, 24, 11, 5), nz)).toBe('12:05 am')
    expect(formatDateTime(new Date(AFTERNOON).toISOString(), nz)).toBe('25 Nov 2026, 2:14 pm')
    // 11:30 UTC on 31 March is already 1 April in Auckland.
    expect(formatDate(Date.UTC(2025, 2, 31, 11, 30), nz)).toBe('1 Apr 2025')
    expect(formatDate(Date.UTC(2025, 2, 31, 11, 30), { timeZone: 'UTC' })).toBe('31 Mar 2025')
  })

  it('writes te reo Māori month names in the same order and punctuation', () => {
    const mi = { ...nz, locale: 'mi-NZ' }
    // Runtimes without Māori Intl data write English: the shape is the same either way.
    expect(formatDateTime(AFTERNOON, mi)).toMatch(/^25 \S+ 2026, 2:14 pm$/)
    expect(formatCalendarDate('2026-11-25', { locale: 'mi-NZ', style: 'long' })).toMatch(/^25 \S+ 2026$/)
  })

  it('falls back to English for an unknown locale and to the device zone for an unknown zone', () => {
    expect(formatCalendarDate('2026-11-25', { locale: 'xx-unknown' })).toBe('25 Nov 2026')
    expect(formatTime(AFTERNOON, { timeZone: 'Not/AZone' })).toMatch(/^\d{1,2}:14 [ap]m$/)
  })
})
