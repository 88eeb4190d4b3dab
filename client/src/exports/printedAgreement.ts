import {
  agreedStateOf,
  summariseAgreement,
  targetKey,
  type AgreedMark,
  type AgreedState,
  type AgreementRecord,
  type AgreementSummary,
  type AgreementTarget,
  type Partner,
  type PartnerKey,
  type PlanJson,
} from '@hononga/shared'

const sameTarget = (a: AgreementTarget, b: AgreementTarget) => a.kind === b.kind && a.id === b.id

/**
 * Agreement on one item of a plan rendered as JSON (the printable page, an export): the same
 * rules as in the live workspace, applied to the positions and marks the JSON carries, with
 * the item's fingerprint from `fingerprints` (`fingerprintsOf(plan)`, computed once).
 */
export function agreementInPlan(
  plan: Pick<PlanJson, 'agreements' | 'agreedMarks'>,
  fingerprints: ReadonlyMap<string, string>,
  partners: readonly Partner[],
  target: AgreementTarget,
): { summary: AgreementSummary } & AgreedState {
  const records = new Map<PartnerKey, AgreementRecord>()
  for (const { target: on, partner, recordedAt, ...record } of plan.agreements) {
    if (sameTarget(on, target)) records.set(partner, { ...record, recordedAt: Date.parse(recordedAt) })
  }
  const markJson = plan.agreedMarks.find((m) => sameTarget(m.target, target))
  const mark: AgreedMark | null = markJson
    ? {
        snapshotId: markJson.snapshotId,
        label: markJson.label,
        at: Date.parse(markJson.at),
        by: markJson.by,
        byName: markJson.byName,
        fingerprint: markJson.fingerprint,
      }
    : null
  const fingerprint = fingerprints.get(targetKey(target)) ?? null
  return { summary: summariseAgreement(partners, records, fingerprint), ...agreedStateOf(mark, fingerprint) }
}
