import { describe, expect, it } from 'vitest'
import { addDays, daysBetween, lastDigestTime, nzDay, nzInstant } from './time'

describe('Aotearoa time for reminders and the digest', () => {
  it('finds 07:00 Pacific/Auckland in winter (+12) and summer (+13)', () => {
    expect(new Date(nzInstant('2026-07-01', 7)).toISOString()).toBe('2026-06-30T19:00:00.000Z')
    expect(new Date(nzInstant('2026-12-01', 7)).toISOString()).toBe('2026-11-30T18:00:00.000Z')
    // The days daylight saving starts (27 Sep 2026, 2 am) and ends (5 Apr 2026, 3 am): 7 am is after both changes.
    expect(new Date(nzInstant('2026-09-27', 7)).toISOString()).toBe('2026-09-26T18:00:00.000Z')
    expect(new Date(nzInstant('2026-04-05', 7)).toISOString()).toBe('2026-04-04T19:00:00.000Z')
  })

  it('takes the digest time at or before an instant', () => {
    const seven = nzInstant('2026-12-01', 7)
    expect(lastDigestTime(seven, 7)).toBe(seven)
    expect(lastDigestTime(seven - 1, 7)).toBe(nzInstant('2026-11-30', 7))
    expect(lastDigestTime(seven + 10 * 3600_000, 7)).toBe(seven)
  })

  it('counts Aotearoa days', () => {
    expect(nzDay(Date.parse('2026-11-30T12:00:00Z'))).toBe('2026-12-01')
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3)
    expect(daysBetween('2027-01-02', '2026-12-30')).toBe(-3)
  })
})
