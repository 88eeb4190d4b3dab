import * as Y from 'yjs'
import { z } from 'zod'
import { LOCAL_ORIGIN, type TxOrigin } from '../origin'
import { COLLAB_ROOT_KEYS } from './keys'
import { partnerAffiliation, type PartnerKey } from './partners'
import { wellFormed } from './text'

/**
 * Agreement, per partner, on each focus area, condition for success, priority action and
 * monitoring arrangement (the measures of one action). A member records the position of the
 * partner they speak for; the server refuses a position recorded for any other partner.
 *
 * Stored flat in the `agreements` root map, one plain (atomic) record per item and partner,
 * so recording a position never creates a nested type (see ./keys.ts).
 */

export const AGREEMENT_POSITIONS = ['agree', 'agree with concerns', 'not yet', 'object'] as const
export const AgreementPosition = z.enum(AGREEMENT_POSITIONS)
export type AgreementPosition = z.infer<typeof AgreementPosition>

export const AGREEMENT_TARGET_KINDS = ['focusArea', 'condition', 'action', 'monitoring'] as const
export const AgreementTargetKind = z.enum(AGREEMENT_TARGET_KINDS)
export type AgreementTargetKind = z.infer<typeof AgreementTargetKind>

/** What is agreed: an item of the plan. For `monitoring`, `id` is the action's id. */
export const AgreementTarget = z.object({ kind: AgreementTargetKind, id: z.string().min(1).max(64) })
export type AgreementTarget = z.infer<typeof AgreementTarget>

/** A partner's position on an item, with who recorded it, when, and on which version of the item. */
export const AgreementRecord = z.object({
  position: AgreementPosition,
  comment: z.string().max(2000),
  recordedBy: z.string().min(1),
  recordedByName: z.string(),
  recordedAt: z.number().finite(),
  /** Fingerprint of the item's content when the position was recorded (see agreement-rules.ts). */
  fingerprint: z.string().max(32),
})
export type AgreementRecord = z.infer<typeof AgreementRecord>

/** A facilitator marked an item agreed at a hui; the server took a named snapshot for it. */
export const AgreedMark = z.object({
  snapshotId: z.string(),
  label: z.string(),
  at: z.number().finite(),
  by: z.string(),
  byName: z.string(),
  fingerprint: z.string().max(32),
})
export type AgreedMark = z.infer<typeof AgreedMark>

const SEPARATOR = '|'

/** `kind|id`: one item. */
export function targetKey(target: AgreementTarget): string {
  return `${target.kind}${SEPARATOR}${target.id}`
}

export function parseTargetKey(key: string): AgreementTarget | null {
  const [kind, id, ...rest] = key.split(SEPARATOR)
  const parsed = AgreementTarget.safeParse({ kind, id })
  return parsed.success && rest.length === 0 ? parsed.data : null
}

/** `kind|id|partnerKey`: one partner's position on one item. */
export function agreementKey(target: AgreementTarget, partner: PartnerKey): string {
  return `${targetKey(target)}${SEPARATOR}${partner}`
}

export function parseAgreementKey(key: string): { target: AgreementTarget; partner: PartnerKey } | null {
  const parts = key.split(SEPARATOR)
  if (parts.length !== 3) return null
  const target = parseTargetKey(`${parts[0]}${SEPARATOR}${parts[1]}`)
  const partner = parts[2]!
  return target && partnerAffiliation(partner) ? { target, partner } : null
}

export function agreementsRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COLLAB_ROOT_KEYS.agreements)
}

export function agreedMarksRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COLLAB_ROOT_KEYS.agreedMarks)
}

export interface RecordPositionInput {
  position: AgreementPosition
  comment?: string
  userId: string
  userName: string
  /** The item's current fingerprint (currentFingerprint in agreement-rules.ts). */
  fingerprint: string
  at?: number
}

/** Records (or replaces) a partner's position on an item. */
export function recordPosition(
  doc: Y.Doc,
  target: AgreementTarget,
  partner: PartnerKey,
  input: RecordPositionInput,
  origin: TxOrigin = LOCAL_ORIGIN,
): void {
  if (!partnerAffiliation(partner)) throw new Error(`Not a partner: ${partner}`)
  const record = AgreementRecord.parse({
    position: input.position,
    comment: wellFormed((input.comment ?? '').trim()),
    recordedBy: input.userId,
    recordedByName: input.userName,
    recordedAt: input.at ?? Date.now(),
    fingerprint: input.fingerprint,
  })
  doc.transact(() => agreementsRoot(doc).set(agreementKey(AgreementTarget.parse(target), partner), record), origin)
}

/** Withdraws a partner's position on an item. */
export function withdrawPosition(doc: Y.Doc, target: AgreementTarget, partner: PartnerKey, origin: TxOrigin = LOCAL_ORIGIN): void {
  doc.transact(() => agreementsRoot(doc).delete(agreementKey(target, partner)), origin)
}

/** Every partner's recorded position on an item (records that fail validation are ignored). */
export function positionsOn(doc: Y.Doc, target: AgreementTarget): Map<PartnerKey, AgreementRecord> {
  const prefix = `${targetKey(target)}${SEPARATOR}`
  const positions = new Map<PartnerKey, AgreementRecord>()
  agreementsRoot(doc).forEach((value, key) => {
    if (!key.startsWith(prefix)) return
    const parsed = AgreementRecord.safeParse(value)
    const partner = key.slice(prefix.length)
    if (parsed.success && partnerAffiliation(partner)) positions.set(partner, parsed.data)
  })
  return positions
}

/** Every valid record in the plan, for JSON rendering and exports. */
export function allPositions(doc: Y.Doc): { target: AgreementTarget; partner: PartnerKey; record: AgreementRecord }[] {
  const out: { target: AgreementTarget; partner: PartnerKey; record: AgreementRecord }[] = []
  agreementsRoot(doc).forEach((value, key) => {
    const parsedKey = parseAgreementKey(key)
    const parsed = AgreementRecord.safeParse(value)
    if (parsedKey && parsed.success) out.push({ ...parsedKey, record: parsed.data })
  })
  // A Y.Map iterates in arrival order, which differs between devices: sort fully.
  return out.sort(
    (a, b) => a.record.recordedAt - b.record.recordedAt || compare(agreementKey(a.target, a.partner), agreementKey(b.target, b.partner)),
  )
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function agreedMarkOf(doc: Y.Doc, target: AgreementTarget): AgreedMark | null {
  const parsed = AgreedMark.safeParse(agreedMarksRoot(doc).get(targetKey(target)))
  return parsed.success ? parsed.data : null
}

export function allAgreedMarks(doc: Y.Doc): { target: AgreementTarget; mark: AgreedMark }[] {
  const out: { target: AgreementTarget; mark: AgreedMark }[] = []
  agreedMarksRoot(doc).forEach((value, key) => {
    const target = parseTargetKey(key)
    const parsed = AgreedMark.safeParse(value)
    if (target && parsed.success) out.push({ target, mark: parsed.data })
  })
  return out.sort((a, b) => a.mark.at - b.mark.at || compare(targetKey(a.target), targetKey(b.target)))
}

/**
 * Marks an item agreed. Only the server writes marks (after checking the agreement and
 * taking the named snapshot the mark points to); the server refuses marks from clients.
 */
export function setAgreedMark(doc: Y.Doc, target: AgreementTarget, mark: AgreedMark, origin: TxOrigin): void {
  doc.transact(() => agreedMarksRoot(doc).set(targetKey(target), AgreedMark.parse(mark)), origin)
}
