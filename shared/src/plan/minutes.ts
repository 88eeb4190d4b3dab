import { AFFILIATIONS, type ActionStatus, type Affiliation } from '../domain'
import { fingerprintsOf } from './agreement-rules'
import { targetKey, type AgreementTarget } from './agreements'
import type { CommitmentJson } from './commitments'
import { engagementLevelIn, type EngagementTarget } from './engagement'
import type { EngagementLevel } from './engagement-levels'
import type { AgendaKind } from './hui'
import type { PlanJson } from './json'
import { partnerAffiliation, partnerKey, partnersOf, type Partner } from './partners'

/**
 * The minutes of a hui, read from the plan as it stood when the hui ended (the "Minutes of
 * hui" snapshot the server takes then): when it ran, who came (by partner, iwi first), what
 * was marked agreed while it ran (and whether it changed after), each partner's concerns and
 * objections, the notes taken at each agenda item, what was parked at it, and where every
 * priority action stands: who leads it, with whom, by when.
 */
export interface HuiMinutes {
  huiId: string
  /** ISO times. Null when the plan no longer holds them: it keeps those of its latest hui only. */
  startedAt: string | null
  endedAt: string | null
  attendance: { partner: Partner; people: { userId: string; name: string; at: string }[] }[]
  /** Items marked agreed between the start and the end of the hui, in the order they were. */
  agreed: {
    target: AgreementTarget
    title: string
    label: string
    at: string
    byName: string
    snapshotId: string
    /** Edited after it was marked agreed, by the time of these minutes (shared agreedStateOf). */
    changedSinceAgreed: boolean
  }[]
  /**
   * Each partner's concerns: the positions "agree with concerns" and "object" standing when the
   * minutes were taken, by partner (iwi first), each with its comment and the item it is on.
   */
  concerns: { partner: Partner; positions: MinutesConcern[] }[]
  /** Notes taken at the hui, per agenda item in agenda order (items with notes only). */
  notes: { itemId: string; kind: AgendaKind; title: string; stepId: string | null; target: AgreementTarget | null; notes: string }[]
  /** Topics parked at this hui, resolved or not, in the order they were parked. */
  parked: { id: string; text: string; addedByName: string; addedAt: string; resolved: boolean }[]
  /** Every priority action of the plan, in plan order, with the engagement level agreed for it (issue 13 §4). */
  actions: {
    id: string
    title: string
    lead: string
    partners: string[]
    dueDate: string | null
    status: ActionStatus
    engagement: EngagementLevel | null
  }[]
  /** Engagement levels set while the hui ran (issue 13 §4), in the order they were. */
  engagement: { target: EngagementTarget; title: string; level: EngagementLevel; byName: string; at: string }[]
  /** The co-design commitments reviewed at the hui (issue 13 §5): records written while it ran, Police's account first. */
  commitments: CommitmentJson[]
}

/** A partner's concern or objection on one item. */
export interface MinutesConcern {
  target: AgreementTarget
  /** The item's title ('' when it has been removed since). */
  title: string
  position: 'agree with concerns' | 'object'
  comment: string
  byName: string
  at: string
}

/** The title of an agreed item (for monitoring, its action's), or '' when it has been removed since. */
function titleOf(plan: PlanJson, target: AgreementTarget): string {
  switch (target.kind) {
    case 'focusArea':
      return plan.focusAreas.find((f) => f.id === target.id)?.title ?? ''
    case 'condition':
      return plan.conditions.find((c) => c.id === target.id)?.title ?? ''
    case 'action':
    case 'monitoring':
      return plan.actions.find((a) => a.id === target.id)?.title ?? ''
  }
}

function isAffiliation(value: string): value is Affiliation {
  return (AFFILIATIONS as readonly string[]).includes(value)
}

/** The minutes of hui `huiId` from a plan rendered as JSON (pure). */
export function minutesOf(plan: PlanJson, huiId: string): HuiMinutes {
  const state = plan.hui.state.huiId === huiId ? plan.hui.state : null
  const startedAt = state?.startedAt ?? null
  const endedAt = state?.endedAt ?? null

  const present = plan.hui.attendance.flatMap((record) =>
    record.huiId === huiId && isAffiliation(record.affiliation) ? [{ ...record, affiliation: record.affiliation }] : [],
  )
  const attendance = partnersOf(present).map((partner) => ({
    partner,
    people: present
      .filter((person) => partnerKey(person.affiliation, person.organisation) === partner.key)
      .map(({ userId, name, at }) => ({ userId, name, at })),
  }))

  // Without a start the hui's span is unknown: nothing can be said to have been agreed at it.
  let fingerprints: Map<string, string> | null = null
  const currentFingerprints = () => (fingerprints ??= fingerprintsOf(plan))
  const from = startedAt === null ? null : Date.parse(startedAt)
  const to = endedAt === null ? Infinity : Date.parse(endedAt)
  const agreed =
    from === null
      ? []
      : plan.agreedMarks
          .filter((mark) => {
            const at = Date.parse(mark.at)
            return at >= from && at <= to
          })
          .map(({ target, label, at, byName, snapshotId, fingerprint }) => ({
            target,
            title: titleOf(plan, target),
            label,
            at,
            byName,
            snapshotId,
            changedSinceAgreed: fingerprint !== currentFingerprints().get(targetKey(target)),
          }))

  return {
    huiId,
    startedAt,
    endedAt,
    attendance,
    agreed,
    concerns: concernsOf(plan, present),
    notes: plan.hui.agenda.flatMap(({ id, kind, title, stepId, target, notes }) =>
      notes.trim() === '' ? [] : [{ itemId: id, kind, title, stepId, target, notes }],
    ),
    parked: plan.hui.parkingLot
      .filter((topic) => topic.huiId === huiId)
      .map(({ id, text, addedByName, addedAt, resolved }) => ({ id, text, addedByName, addedAt, resolved })),
    actions: plan.actions.map(({ id, title, lead, partners, dueDate, status }) => ({
      id,
      title,
      lead,
      partners,
      dueDate,
      status,
      engagement: engagementLevelIn(plan, { kind: 'action', id }),
    })),
    engagement:
      from === null
        ? []
        : plan.engagement
            .filter((e) => Date.parse(e.at) >= from && Date.parse(e.at) <= to)
            .map(({ target, level, name, at }) => ({ target, title: titleOf(plan, target), level, byName: name, at })),
    commitments: plan.commitments.filter((record) => record.huiId === huiId),
  }
}

/**
 * Concerns and objections standing in the plan, grouped by partner (iwi first). A partner's
 * organisation is spelt as a person at the hui wrote it, else as the position's key holds it.
 */
function concernsOf(plan: PlanJson, present: readonly { affiliation: Affiliation; organisation: string | null }[]): HuiMinutes['concerns'] {
  const byPartner = new Map<string, MinutesConcern[]>()
  const people: { affiliation: Affiliation; organisation: string | null }[] = [...present]
  for (const agreement of plan.agreements) {
    if (agreement.position !== 'agree with concerns' && agreement.position !== 'object') continue
    const affiliation = partnerAffiliation(agreement.partner)
    if (!affiliation) continue
    if (!byPartner.has(agreement.partner)) {
      byPartner.set(agreement.partner, [])
      const organisation = agreement.partner.slice(agreement.partner.indexOf(':') + 1)
      if (!present.some((person) => partnerKey(person.affiliation, person.organisation) === agreement.partner))
        people.push({ affiliation, organisation: organisation === '' ? null : organisation })
    }
    byPartner.get(agreement.partner)!.push({
      target: agreement.target,
      title: titleOf(plan, agreement.target),
      position: agreement.position,
      comment: agreement.comment,
      byName: agreement.recordedByName,
      at: agreement.recordedAt,
    })
  }
  return partnersOf(people).flatMap((partner) => {
    const positions = byPartner.get(partner.key)
    return positions ? [{ partner, positions: positions.sort((a, b) => a.at.localeCompare(b.at)) }] : []
  })
}
