import { describe, expect, it } from 'vitest'
import { partnerKey } from '@hononga/shared'
import { myPartnerOf, partnerName } from './partnerNames'

const names = { iwi: 'Iwi / hapū', agency: 'Agency', police: 'Police', community: 'Community' }

describe('partner names', () => {
  it('names a partner by its organisation, macrons kept', () => {
    expect(partnerName({ affiliation: 'iwi', organisation: 'Ngāti Awa' }, (a) => names[a])).toBe('Ngāti Awa')
  })

  it("falls back to the affiliation's name when no organisation was given", () => {
    expect(partnerName({ affiliation: 'community', organisation: null }, (a) => names[a])).toBe('Community')
  })
})

describe('myPartnerOf', () => {
  const members = [
    { userId: 'u1', affiliation: 'police' as const, organisation: 'New Zealand Police' },
    { userId: 'u2', affiliation: 'iwi' as const, organisation: '  Ngāti Awa ' },
  ]

  it("is my membership's affiliation and organisation", () => {
    const partner = myPartnerOf(members, 'u2')
    expect(partner).toEqual({ key: partnerKey('iwi', 'Ngāti Awa'), affiliation: 'iwi', organisation: 'Ngāti Awa' })
  })

  it('is null when I am not among the members', () => {
    expect(myPartnerOf(members, 'someone else')).toBeNull()
  })
})
