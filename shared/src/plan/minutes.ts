import { AFFILIATIONS, type ActionStatus, type Affiliation } from '../domain'
import type { AgreementTarget } from './agreements'
import type { PlanJson } from './json'
import { partnerKey, partnersOf, type Partner } from './partners'

/**
 * The minutes of a hui, read from the plan as it stood when the hui ended (the "Minutes of
 * hui" snapshot the server takes then): when it ran, who came (by partner, iwi first), what
 * was marked agreed while it ran, what was parked at it, and where every priority action
 * stands: who leads it, with whom, by when.
 */
export interface HuiMinutes {
  huiId: string
  /** ISO times. Null when the plan no longer holds them: it keeps those of its latest hui only. */
  startedAt: string | null
  endedAt: string | null
  attendance: { partner: Partner; people: { userId: string; name: string; at: string }[] }[]
  /** Items marked agreed between the start and the end of the hui, in the order they were. */
  agreed: { target: AgreementTarget; title: string; label: string; at: string; byName: string; snapshotId: string }[]
  /** Topics parked at this hui, resolved or not, in the order they were parked. */
  parked: { id: string; text: string; addedByName: string; addedAt: string; resolved: boolean }[]
  /** Every priority action of the plan, in plan order. */
  actions: { id: string; title: string; lead: string; partners: string[]; dueDate: string | null; status: ActionStatus }[]
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
          .map(({ target, label, at, byName, snapshotId }) => ({ target, title: titleOf(plan, target), label, at, byName, snapshotId }))

  return {
    huiId,
    startedAt,
    endedAt,
    attendance,
    agreed,
    parked: plan.hui.parkingLot
      .filter((topic) => topic.huiId === huiId)
      .map(({ id, text, addedByName, addedAt, resolved }) => ({ id, text, addedByName, addedAt, resolved })),
    actions: plan.actions.map(({ id, title, lead, partners, dueDate, status }) => ({ id, title, lead, partners, dueDate, status })),
  }
}
