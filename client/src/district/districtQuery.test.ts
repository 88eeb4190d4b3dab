import { describe, expect, it } from 'vitest'
import { isFiltered, NO_FILTERS, rollupFiltersFromSearch, searchFromRollupFilters, withheldByPartner } from './districtQuery'

describe('the roll-up filters in the address', () => {
  it('round-trips status, overdue and keyword, and leaves a plain view a plain address', () => {
    const filters = rollupFiltersFromSearch('status=at+risk&overdue=1&q=%20rangatahi%20')
    expect(filters).toEqual({ status: 'at risk', overdue: true, q: 'rangatahi' })
    expect(searchFromRollupFilters(filters)).toBe('status=at+risk&overdue=1&q=rangatahi')
    expect(isFiltered(filters)).toBe(true)
    expect(searchFromRollupFilters(NO_FILTERS)).toBe('')
    expect(isFiltered({ ...NO_FILTERS, q: '   ' })).toBe(false)
  })

  it('ignores what it does not know, and keeps a keyword to the length the server takes', () => {
    expect(rollupFiltersFromSearch('status=finished&overdue=yes&sort=plan')).toEqual(NO_FILTERS)
    expect(rollupFiltersFromSearch(`q=${'a'.repeat(300)}`).q).toHaveLength(200)
  })
})

describe('withheld notices', () => {
  it('count the items each partner withheld, in the order first met, named as people name the partner', () => {
    expect(
      withheldByPartner([
        { kind: 'action', partner: 'iwi:ngāti awa', partnerLabel: 'Ngāti Awa' },
        { kind: 'focusArea', partner: 'community:kaingaroa village trust', partnerLabel: 'Kaingaroa Village Trust' },
        { kind: 'monitoring', partner: 'iwi:ngāti awa', partnerLabel: 'Ngāti Awa' },
      ]),
    ).toEqual([
      { partner: 'iwi:ngāti awa', label: 'Ngāti Awa', count: 2 },
      { partner: 'community:kaingaroa village trust', label: 'Kaingaroa Village Trust', count: 1 },
    ])
    expect(withheldByPartner([])).toEqual([])
  })
})
