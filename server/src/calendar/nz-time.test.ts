import { describe, expect, it } from 'vitest'
import { aucklandDateTime, aucklandToUtc } from './nz-time'

describe('Aotearoa wall-clock time', () => {
  it('finds the instant with the offset of the day itself (NZST +12, NZDT +13)', () => {
    expect(aucklandToUtc('2027-07-01', '10:00')).toBe(Date.parse('2027-06-30T22:00:00Z'))
    expect(aucklandToUtc('2027-12-25', '10:00')).toBe(Date.parse('2027-12-24T21:00:00Z'))
    // Daylight time starts at 2 am on 26 September 2027: 01:59 is +12, 03:00 is +13.
    expect(aucklandToUtc('2027-09-26', '01:59')).toBe(Date.parse('2027-09-25T13:59:00Z'))
    expect(aucklandToUtc('2027-09-26', '03:00')).toBe(Date.parse('2027-09-25T14:00:00Z'))
  })

  it('refuses the hour skipped when clocks go forward and impossible dates; takes the first of a repeated hour', () => {
    expect(aucklandToUtc('2027-09-26', '02:00')).toBeNull()
    expect(aucklandToUtc('2027-09-26', '02:30')).toBeNull()
    expect(aucklandToUtc('2027-02-30', '10:00')).toBeNull()
    // Daylight time ends at 3 am on 4 April 2027: 02:30 happens twice, first at +13.
    expect(aucklandToUtc('2027-04-04', '02:30')).toBe(Date.parse('2027-04-03T13:30:00Z'))
  })

  it('turns an instant back into the date and time people read', () => {
    expect(aucklandDateTime(Date.parse('2027-09-25T21:00:00Z'))).toEqual({ date: '2027-09-26', time: '10:00' })
  })
})
