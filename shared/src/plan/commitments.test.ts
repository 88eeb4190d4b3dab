import { describe, expect, it } from 'vitest'
import {
  allCommitments,
  COMMITMENT_IDS,
  CommitmentBody,
  commitmentKey,
  commitmentRecordsOf,
  commitmentsRoot,
  MAX_COMMITMENT_TEXT,
  recordCommitment,
  withdrawCommitment,
  type CommitmentRecord,
} from './commitments'
import { PlanJson, toPlanJson } from './json'
import { minutesOf } from './minutes'
import { partnerKey } from './partners'
import { newPlanDoc, peers, syncAll } from './testing'

const SERVER = { source: 'server', reason: 'test' } as const
const police = partnerKey('police', 'New Zealand Police')
const iwi = partnerKey('iwi', 'Ngāti Awa')

function record(overrides: Partial<CommitmentRecord> = {}): CommitmentRecord {
  return {
    commitment: 'te-tiriti',
    partner: iwi,
    affiliation: 'iwi',
    organisation: 'Ngāti Awa',
    text: 'Tikanga is followed at every hui.',
    userId: 'u-iwi',
    name: 'Aroha',
    at: 1_700_000_000_000,
    huiId: null,
    ...overrides,
  }
}

describe('commitments as a co-design partner (issue 13 §5)', () => {
  it('names the six commitments by fixed ids', () => {
    expect(COMMITMENT_IDS).toEqual([
      'systemic-barriers',
      'te-tiriti',
      'sharing',
      'local-leadership',
      'engagement-guidelines',
      'whanau-centre',
    ])
  })

  it('keeps one record per commitment and partner; Police’s account comes before the assessments', () => {
    const doc = newPlanDoc()
    recordCommitment(doc, record(), SERVER)
    recordCommitment(doc, record({ text: 'Better than last time.', at: 1_700_000_000_005 }), SERVER)
    recordCommitment(
      doc,
      record({ partner: police, affiliation: 'police', organisation: 'New Zealand Police', name: 'Mere', at: 1_700_000_000_009 }),
      SERVER,
    )
    recordCommitment(doc, record({ commitment: 'sharing', text: 'Data is shared monthly.' }), SERVER)
    expect(commitmentsRoot(doc).size).toBe(3)
    const all = allCommitments(doc)
    expect(all.map((r) => [r.commitment, r.affiliation])).toEqual([
      ['te-tiriti', 'police'],
      ['te-tiriti', 'iwi'],
      ['sharing', 'iwi'],
    ])
    expect(all[1]!.text).toBe('Better than last time.')
    const { police: account, assessments } = commitmentRecordsOf(all, 'te-tiriti')
    expect(account.map((r) => r.name)).toEqual(['Mere'])
    expect(assessments.map((r) => r.name)).toEqual(['Aroha'])
    expect(withdrawCommitment(doc, 'te-tiriti', iwi, SERVER)).toBe(true)
    expect(withdrawCommitment(doc, 'te-tiriti', iwi, SERVER)).toBe(false)
    expect(allCommitments(doc)).toHaveLength(2)
  })

  it('refuses a record whose partner key is not of its affiliation, and text over the limit', () => {
    const doc = newPlanDoc()
    expect(() => recordCommitment(doc, record({ affiliation: 'police' }), SERVER)).toThrow()
    expect(() => recordCommitment(doc, record({ text: 'x'.repeat(MAX_COMMITMENT_TEXT + 1) }), SERVER)).toThrow()
    expect(CommitmentBody.safeParse({ text: '   ' }).success).toBe(false)
    expect(CommitmentBody.safeParse({ text: 'ok', partner: police }).success).toBe(false)
  })

  it('ignores malformed records and records filed under another key; renders the same on every device', () => {
    const [a, b] = peers(2)
    recordCommitment(a!, record(), SERVER)
    commitmentsRoot(b!).set('te-tiriti|agency:msd', { nonsense: true })
    commitmentsRoot(b!).set(commitmentKey('sharing', police), record())
    syncAll([a!, b!])
    expect(toPlanJson(a!).commitments).toEqual(toPlanJson(b!).commitments)
    expect(toPlanJson(a!).commitments).toEqual([{ ...record(), at: new Date(1_700_000_000_000).toISOString() }])
  })

  it('is in PlanJson (older files import with none) and the minutes list those written at the hui', () => {
    const doc = newPlanDoc()
    recordCommitment(doc, record({ huiId: 'hui-1' }), SERVER)
    recordCommitment(doc, record({ commitment: 'sharing', huiId: null }), SERVER)
    const plan = toPlanJson(doc)
    const { commitments: _commitments, ...older } = plan
    expect(PlanJson.parse(older).commitments).toEqual([])
    expect(minutesOf(plan, 'hui-1').commitments.map((r) => r.commitment)).toEqual(['te-tiriti'])
  })
})
