import { describe, expect, it } from 'vitest'
import { apiQuery, daysBetween, DEFAULT_FILTERS, filtersFromSearch, searchFromFilters } from './trackerQuery'

describe('tracker filters in the address', () => {
  it('round-trip through the query string', () => {
    const filters = { ...DEFAULT_FILTERS, mine: true, atRisk: true, planId: 'abcDEF123_-', district: 'Waitematā', sort: 'plan' as const }
    const search = searchFromFilters(filters)
    expect(search).toBe('mine=1&atRisk=1&planId=abcDEF123_-&district=Waitemat%C4%81&sort=plan')
    expect(filtersFromSearch(search)).toEqual(filters)
  })

  it('a plain view has a plain address, and unknown values fall back to the defaults', () => {
    expect(searchFromFilters(DEFAULT_FILTERS)).toBe('')
    expect(filtersFromSearch('?sort=nonsense&mine=yes&overdue=true')).toEqual({ ...DEFAULT_FILTERS, overdue: true })
  })

  it('become the API query with flags as 1', () => {
    expect(apiQuery({ ...DEFAULT_FILTERS, organisation: true, all: true, district: 'Eastern' })).toEqual({
      sort: 'due',
      organisation: '1',
      all: '1',
      district: 'Eastern',
    })
  })
})

describe('daysBetween', () => {
  it('counts calendar days, across months and leap days', () => {
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2)
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2)
    expect(daysBetween('2026-11-25', '2026-11-20')).toBe(-5)
  })
})

describe('the engagement filter (issue 13 §4)', () => {
  it('travels in the address and the API query; an unknown level is ignored', () => {
    const filters = { ...DEFAULT_FILTERS, engagement: 'partner' as const }
    expect(searchFromFilters(filters)).toBe('engagement=partner')
    expect(filtersFromSearch('?engagement=partner').engagement).toBe('partner')
    expect(filtersFromSearch('?engagement=sideways').engagement).toBe('')
    expect(apiQuery(filters).engagement).toBe('partner')
    expect(apiQuery(DEFAULT_FILTERS).engagement).toBeUndefined()
  })
})
