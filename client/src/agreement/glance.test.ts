import { describe, expect, it } from 'vitest'
import { partnersOf, summariseAgreement, type AgreementRecord } from '@hononga/shared'
import { currentPositionCount, glanceSegments, positionProblem } from './glance'

const partners = partnersOf([
  { affiliation: 'iwi', organisation: 'Ngāti Awa' },
  { affiliation: 'agency', organisation: 'MSD' },
  { affiliation: 'agency', organisation: 'Oranga Tamariki' },
  { affiliation: 'police', organisation: 'New Zealand Police' },
])
const [iwi, msd, ot, police] = [partners[0]!, partners[1]!, partners[2]!, partners[3]!]

function record(position: AgreementRecord['position'], fingerprint = 'v2'): AgreementRecord {
  return { position, comment: '', recordedBy: 'u', recordedByName: 'U', recordedAt: 1, fingerprint }
}

const names = (list: { key: string }[]) => list.map((p) => p.key)

describe('glanceSegments', () => {
  it('says who agrees and who has not yet', () => {
    const summary = summariseAgreement(
      partners,
      new Map([
        [iwi.key, record('agree')],
        [msd.key, record('agree with concerns')],
        [police.key, record('agree')],
      ]),
      'v2',
    )
    const segments = glanceSegments(summary)
    expect(segments.map((s) => s.kind)).toEqual(['agreed', 'notYet'])
    expect(segments[0]).toEqual({
      kind: 'agreed',
      partners: [
        { partner: iwi, concerns: false },
        { partner: msd, concerns: true },
        { partner: police, concerns: false },
      ],
    })
    expect(names(segments[1]!.partners as { key: string }[])).toEqual([ot.key])
  })

  it('puts objections first', () => {
    const summary = summariseAgreement(
      partners,
      new Map([
        [iwi.key, record('object')],
        [msd.key, record('agree')],
      ]),
      'v2',
    )
    expect(glanceSegments(summary).map((s) => s.kind)).toEqual(['objected', 'agreed', 'notYet'])
  })

  it('says nobody has agreed yet when no current position agrees or objects', () => {
    // A position on an earlier version counts as not yet.
    const summary = summariseAgreement(
      partners,
      new Map([
        [iwi.key, record('agree', 'v1')],
        [msd.key, record('not yet')],
      ]),
      'v2',
    )
    const segments = glanceSegments(summary)
    expect(segments.map((s) => s.kind)).toEqual(['noneYet'])
    expect(segments[0]!.partners).toHaveLength(4)
  })

  it('has no "not yet" part once everyone agrees', () => {
    const all = new Map(partners.map((p) => [p.key, record('agree')]))
    expect(glanceSegments(summariseAgreement(partners, all, 'v2')).map((s) => s.kind)).toEqual(['agreed'])
  })
})

describe('currentPositionCount', () => {
  it('counts positions on the current version only', () => {
    const summary = summariseAgreement(
      partners,
      new Map([
        [iwi.key, record('agree', 'v1')],
        [msd.key, record('not yet')],
        [ot.key, record('object')],
      ]),
      'v2',
    )
    expect(currentPositionCount(summary)).toBe(2)
  })
})

describe('positionProblem', () => {
  it('asks for a position first', () => {
    expect(positionProblem(null, 'anything')).toBe('choosePosition')
  })

  it('needs a comment for concerns and objections, not for agree or not yet', () => {
    expect(positionProblem('agree with concerns', '  ')).toBe('commentRequired')
    expect(positionProblem('object', '')).toBe('commentRequired')
    expect(positionProblem('object', 'Whānau were not asked')).toBeNull()
    expect(positionProblem('agree', '')).toBeNull()
    expect(positionProblem('not yet', '')).toBeNull()
  })

  it('refuses comments longer than the document keeps', () => {
    expect(positionProblem('agree', 'x'.repeat(2001))).toBe('commentTooLong')
  })
})
