import { describe, expect, it } from 'vitest'
import { partnerKey } from '@hononga/shared'
import { partnerVoices, speaksForPartner } from './voice'

const police = { userId: 'p1', affiliation: 'police' as const, organisation: 'New Zealand Police', speaksFor: true }
const iwiSpeaker = { userId: 'i1', affiliation: 'iwi' as const, organisation: 'Ngāti Awa', speaksFor: true }
const iwiObserver = { userId: 'i2', affiliation: 'iwi' as const, organisation: 'Ngāti Awa', speaksFor: false }
const agencyObserver = { userId: 'a1', affiliation: 'agency' as const, organisation: 'Oranga Tamariki', speaksFor: false }

const keys = (partners: { key: string }[]) => partners.map((partner) => partner.key)

describe('partnerVoices', () => {
  it('outside a hui counts the partners with a member who speaks for them, and names those without', () => {
    const voices = partnerVoices([police, iwiObserver, iwiSpeaker, agencyObserver], null)
    expect(keys(voices.counted)).toEqual([partnerKey('iwi', 'Ngāti Awa'), partnerKey('police', 'New Zealand Police')])
    expect(voices.voiceless).toEqual([
      { partner: expect.objectContaining({ key: partnerKey('agency', 'Oranga Tamariki') }), reason: 'nobodySpeaks' },
    ])
  })

  it('during a hui counts only partners with someone who speaks for them present', () => {
    // The iwi observer is there, but does not speak for Ngāti Awa; its speaker is not there.
    const voices = partnerVoices([police, iwiSpeaker, iwiObserver, agencyObserver], ['p1', 'i2', 'a1'])
    expect(keys(voices.counted)).toEqual([partnerKey('police', 'New Zealand Police')])
    expect(voices.voiceless.map(({ partner, reason }) => [partner.key, reason])).toEqual([
      [partnerKey('iwi', 'Ngāti Awa'), 'absent'],
      [partnerKey('agency', 'Oranga Tamariki'), 'nobodySpeaks'],
    ])
  })

  it('treats a membership that does not say as speaking for its partner (the server default)', () => {
    const { speaksFor: _omitted, ...older } = iwiSpeaker
    expect(speaksForPartner(older)).toBe(true)
    expect(speaksForPartner(iwiObserver)).toBe(false)
    expect(speaksForPartner(undefined)).toBe(false)
    expect(keys(partnerVoices([older], null).counted)).toEqual([partnerKey('iwi', 'Ngāti Awa')])
  })

  it('with nobody who speaks for any partner, counts none (the item cannot be marked)', () => {
    const voices = partnerVoices([iwiObserver, agencyObserver], null)
    expect(voices.counted).toEqual([])
    expect(voices.voiceless).toHaveLength(2)
  })
})
