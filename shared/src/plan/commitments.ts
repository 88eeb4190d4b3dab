import * as Y from 'yjs'
import { z } from 'zod'
import { Affiliation } from '../domain'
import type { TxOrigin } from '../origin'
import { COLLAB_ROOT_KEYS } from './keys'
import { partnerAffiliation, type PartnerKey } from './partners'
import { wellFormed } from './text'
import { readIsoTime } from './values'

/**
 * What Police commit to as a co-design partner (issue 13 §5), one plan section: per
 * commitment, Police's own account of how it is being met and each other partner's
 * assessment of it. Recorded per partner, like positions: a member who speaks for their
 * partner writes that partner's record, through the server
 * (PUT /api/plans/:id/commitments/:commitmentId), which takes the partner from its
 * membership record, never from the body. Reviewed at each hui (an agenda item can point at
 * it), so a record carries the hui it was written at.
 *
 * Stored flat in the `commitments` root map, one plain record per commitment and partner.
 */

/** The six commitments, in the order the strategy names them (fixed ids; the words are the client's). */
export const COMMITMENT_IDS = [
  'systemic-barriers',
  'te-tiriti',
  'sharing',
  'local-leadership',
  'engagement-guidelines',
  'whanau-centre',
] as const
export const CommitmentId = z.enum(COMMITMENT_IDS)
export type CommitmentId = z.infer<typeof CommitmentId>

/** The commitments in English words, for exports and minutes. */
export const COMMITMENT_WORDS: Readonly<Record<CommitmentId, string>> = Object.freeze({
  'systemic-barriers': 'Overcoming systemic barriers',
  'te-tiriti': 'Te Tiriti o Waitangi and its principles',
  sharing: 'Sharing knowledge, resources and data',
  'local-leadership': 'Supporting local leadership',
  'engagement-guidelines': 'Following the Crown’s engagement guidelines',
  'whanau-centre': 'Whānau at the centre',
})

/** Longest account or assessment, in characters. */
export const MAX_COMMITMENT_TEXT = 4000

/**
 * One partner's record on one commitment. With affiliation `police` it is Police's own
 * account of how the commitment is being met; from any other partner it is its assessment.
 */
export const CommitmentRecord = z.object({
  commitment: CommitmentId,
  partner: z.string().min(1),
  affiliation: Affiliation,
  /** The organisation as the member's record spells it (macrons kept), or null. */
  organisation: z.string().nullable(),
  text: z.string().max(MAX_COMMITMENT_TEXT),
  userId: z.string().min(1),
  name: z.string(),
  at: z.number().finite(),
  /** The hui running when it was written (its "last reviewed at the hui of …"), or null. */
  huiId: z.string().nullable(),
})
export type CommitmentRecord = z.infer<typeof CommitmentRecord>

/** A record as exported (PlanJson `commitments`): ISO time. */
export const CommitmentJson = CommitmentRecord.extend({ at: z.string() })
export type CommitmentJson = z.infer<typeof CommitmentJson>

/** PUT /api/plans/:id/commitments/:commitmentId: the caller's partner's account or assessment (plain text). */
export const CommitmentBody = z.object({ text: z.string().trim().min(1).max(MAX_COMMITMENT_TEXT) }).strict()
export type CommitmentBody = z.infer<typeof CommitmentBody>

export const CommitmentResult = CommitmentRecord
export type CommitmentResult = CommitmentRecord

/** `commitmentId|partnerKey`. */
export function commitmentKey(commitment: CommitmentId, partner: PartnerKey): string {
  return `${commitment}|${partner}`
}

export function commitmentsRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COLLAB_ROOT_KEYS.commitments)
}

/** Police's account rather than a partner's assessment. */
export function isPoliceAccount(record: Pick<CommitmentRecord, 'affiliation'>): boolean {
  return record.affiliation === 'police'
}

/** Records (or replaces) a partner's record on a commitment. Server-side: `origin` is the command's. */
export function recordCommitment(doc: Y.Doc, input: CommitmentRecord, origin: TxOrigin): CommitmentRecord {
  if (partnerAffiliation(input.partner) !== input.affiliation) throw new Error(`Not a partner of ${input.affiliation}: ${input.partner}`)
  const record = CommitmentRecord.parse({ ...input, text: wellFormed(input.text.trim()) })
  doc.transact(() => commitmentsRoot(doc).set(commitmentKey(record.commitment, record.partner), record), origin)
  return record
}

/** Withdraws a partner's record on a commitment; false when there was none. */
export function withdrawCommitment(doc: Y.Doc, commitment: CommitmentId, partner: PartnerKey, origin: TxOrigin): boolean {
  const key = commitmentKey(commitment, partner)
  if (!commitmentsRoot(doc).has(key)) return false
  doc.transact(() => commitmentsRoot(doc).delete(key), origin)
  return true
}

/**
 * Every valid record, in commitment order, then Police's account first, then the other
 * partners' assessments in the order they were written (a record whose key does not match
 * its content is ignored).
 */
export function allCommitments(doc: Y.Doc): CommitmentRecord[] {
  const out: CommitmentRecord[] = []
  commitmentsRoot(doc).forEach((value, key) => {
    const parsed = CommitmentRecord.safeParse(value)
    if (parsed.success && key === commitmentKey(parsed.data.commitment, parsed.data.partner)) out.push(parsed.data)
  })
  return sortCommitments(out)
}

/** Commitment order, Police first, then oldest first (stable across devices). */
export function sortCommitments<T extends Pick<CommitmentRecord, 'commitment' | 'affiliation' | 'partner'> & { at: number | string }>(
  records: readonly T[],
): T[] {
  const when = (r: T) => (typeof r.at === 'number' ? r.at : Date.parse(r.at))
  return [...records].sort(
    (a, b) =>
      COMMITMENT_IDS.indexOf(a.commitment) - COMMITMENT_IDS.indexOf(b.commitment) ||
      Number(isPoliceAccount(b)) - Number(isPoliceAccount(a)) ||
      when(a) - when(b) ||
      (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0),
  )
}

/** The records of one commitment: Police's account (or null) and the partners' assessments. */
export function commitmentRecordsOf<T extends Pick<CommitmentRecord, 'commitment' | 'affiliation'>>(
  records: readonly T[],
  commitment: CommitmentId,
): { police: T[]; assessments: T[] } {
  const mine = records.filter((r) => r.commitment === commitment)
  return { police: mine.filter(isPoliceAccount), assessments: mine.filter((r) => !isPoliceAccount(r)) }
}

/** The records for PlanJson. */
export function commitmentsJson(doc: Y.Doc): CommitmentJson[] {
  return allCommitments(doc).map((record) => ({ ...record, at: readIsoTime(record.at) }))
}
