import type * as Y from 'yjs'
import { agreedMarkOf, positionsOn, targetKey, type AgreedMark, type AgreementRecord, type AgreementTarget } from './agreements'
import { fingerprint } from './fingerprint'
import { toPlanJson, type PlanJson } from './json'
import type { Partner, PartnerKey } from './partners'

/**
 * The rules of agreement, as pure functions:
 * - a partner's position counts only for the version of the item it was recorded on
 *   (its fingerprint); after the item's content changes, the partner has "not yet" agreed
 *   to the new version;
 * - an item is agreed when every partner present has a current position of `agree` or
 *   `agree with concerns`, and so nobody objects;
 * - an item marked agreed at a hui is "changed since agreed" once its content differs from
 *   the version the mark recorded.
 */

/** The content that agreement is about, per kind: status, order and progress are not content. */
export function agreementContent(plan: PlanJson, target: AgreementTarget): unknown {
  switch (target.kind) {
    case 'focusArea': {
      const item = plan.focusAreas.find((f) => f.id === target.id)
      return item && { title: item.title, description: item.description }
    }
    case 'condition': {
      const item = plan.conditions.find((c) => c.id === target.id)
      return item && { title: item.title, description: item.description }
    }
    case 'action': {
      const item = plan.actions.find((a) => a.id === target.id)
      return (
        item && {
          title: item.title,
          focusAreaIds: [...item.focusAreaIds].sort(),
          activity: item.activity,
          output: item.output,
          outcome: item.outcome,
          impact: item.impact,
          lead: item.lead,
          partners: item.partners,
          dueDate: item.dueDate,
        }
      )
    }
    case 'monitoring': {
      const item = plan.actions.find((a) => a.id === target.id)
      return (
        item &&
        item.measures.map(({ name, baseline, target: goal, unit, frequency, reporter }) => ({
          name,
          baseline,
          target: goal,
          unit,
          frequency,
          reporter,
        }))
      )
    }
  }
}

/** Every item that can be agreed, in plan order. */
export function agreementTargetsOf(plan: PlanJson): AgreementTarget[] {
  return [
    ...plan.focusAreas.map((f) => ({ kind: 'focusArea' as const, id: f.id })),
    ...plan.conditions.map((c) => ({ kind: 'condition' as const, id: c.id })),
    ...plan.actions.flatMap((a) => [
      { kind: 'action' as const, id: a.id },
      { kind: 'monitoring' as const, id: a.id },
    ]),
  ]
}

/** Fingerprints of every item's agreement content, keyed by targetKey: one rendering for all. */
export function fingerprintsOf(plan: PlanJson): Map<string, string> {
  return new Map(agreementTargetsOf(plan).map((target) => [targetKey(target), fingerprint(agreementContent(plan, target))]))
}

/** The current fingerprint of one item (renders the whole plan: use fingerprintsOf for many). */
export function currentFingerprint(doc: Y.Doc, target: AgreementTarget): string | null {
  return fingerprintsOf(toPlanJson(doc)).get(targetKey(target)) ?? null
}

export type AgreementState = 'agreed' | 'objected' | 'open'

export interface PartnerPosition {
  partner: Partner
  /** The recorded position, if any (possibly for an earlier version). */
  record: AgreementRecord | null
  /** The record was made on the current version of the item. */
  current: boolean
}

export interface AgreementSummary {
  state: AgreementState
  positions: PartnerPosition[]
  agreed: Partner[]
  withConcerns: Partner[]
  /** Partners with no current position, or "not yet". */
  notYet: Partner[]
  objecting: Partner[]
}

/**
 * Where agreement on an item stands among `partners` (those with members in the plan, or
 * those present at the hui), given the recorded positions and the item's current fingerprint.
 */
export function summariseAgreement(
  partners: readonly Partner[],
  records: ReadonlyMap<PartnerKey, AgreementRecord>,
  currentFingerprintOfItem: string | null,
): AgreementSummary {
  const positions = partners.map((partner) => {
    const record = records.get(partner.key) ?? null
    return { partner, record, current: record !== null && record.fingerprint === currentFingerprintOfItem }
  })
  const currentIs = (...wanted: string[]) => positions.filter((p) => p.current && wanted.includes(p.record!.position)).map((p) => p.partner)
  const agreed = currentIs('agree', 'agree with concerns')
  const objecting = currentIs('object')
  const notYet = positions.filter((p) => !p.current || p.record!.position === 'not yet').map((p) => p.partner)
  const state: AgreementState =
    objecting.length > 0 ? 'objected' : partners.length > 0 && agreed.length === partners.length ? 'agreed' : 'open'
  return { state, positions, agreed, withConcerns: currentIs('agree with concerns'), notYet, objecting }
}

/** Convenience for one item of a live document. */
export function agreementOn(doc: Y.Doc, target: AgreementTarget, partners: readonly Partner[]): AgreementSummary {
  return summariseAgreement(partners, positionsOn(doc, target), currentFingerprint(doc, target))
}

export interface AgreedState {
  mark: AgreedMark | null
  /** Marked agreed, and the content differs now from what was agreed. */
  changedSinceAgreed: boolean
}

export function agreedStateOf(mark: AgreedMark | null, currentFingerprintOfItem: string | null): AgreedState {
  return { mark, changedSinceAgreed: mark !== null && mark.fingerprint !== currentFingerprintOfItem }
}

export function agreedStateOn(doc: Y.Doc, target: AgreementTarget): AgreedState {
  return agreedStateOf(agreedMarkOf(doc, target), currentFingerprint(doc, target))
}
