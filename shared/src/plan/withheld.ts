import type { Affiliation } from '../domain'
import { AFFILIATION_WORDS } from '../words'
import { targetKey, type AgreementTarget, type AgreementTargetKind } from './agreements'
import { fingerprintsOf } from './agreement-rules'
import { csvCell } from './csv'
import type { PlanJson } from './json'
import type { PartnerKey } from './partners'
import type { ReleaseRequest, WithheldMarkJson } from './withheld-records'

export * from './withheld-records'

/**
 * Partners decide what leaves the plan (issue 13 §3). {@link releasedPlan} is the one function
 * everything that leaves the plan goes through (exports, print, minutes, snapshot and template
 * downloads, the district summary): it takes out every withheld item that the owning partner
 * has not approved for this release, and says what was taken out and by whom, never what it said.
 */

/** What was left out of a plan that leaves it: which item, whose; the title is never given. */
export interface WithheldNotice {
  target: AgreementTarget
  /** Always null: a notice must not leak the withheld item's text. */
  title: null
  partner: PartnerKey
  /** The partner as people name it ("Ngāti Awa"; the affiliation's name when no organisation). */
  partnerLabel: string
}

/** A partner's name for notices: the organisation, else the affiliation's name. */
export function withheldPartnerLabel(mark: { affiliation: Affiliation; organisation: string | null }): string {
  const organisation = mark.organisation?.trim() ?? ''
  return organisation !== '' ? organisation : AFFILIATION_WORDS[mark.affiliation]
}

/**
 * Whether `release` lets the withheld item out: the item is one it asks for, the withholding
 * partner approved it, and the item still has the fingerprint it had at approval (an approval
 * lapses when the item changes). `fingerprints` are the plan's current ones (fingerprintsOf).
 */
export function isReleased(
  mark: { target: AgreementTarget; partner: PartnerKey },
  release: ReleaseRequest | null,
  fingerprints: ReadonlyMap<string, string>,
): boolean {
  if (!release) return false
  const key = targetKey(mark.target)
  const decision = release.decisions[mark.partner]
  if (!release.items.includes(key) || decision?.decision !== 'approved') return false
  const approved = decision.fingerprints[key]
  return approved !== undefined && approved === fingerprints.get(key)
}

function exists(plan: PlanJson, target: AgreementTarget): boolean {
  switch (target.kind) {
    case 'focusArea':
      return plan.focusAreas.some((f) => f.id === target.id)
    case 'condition':
      return plan.conditions.some((c) => c.id === target.id)
    case 'action':
    case 'monitoring':
      return plan.actions.some((a) => a.id === target.id)
  }
}

/**
 * The plan as it may leave the plan under `release` (null: no release): every withheld item
 * the owning partner has not approved for it is taken out with everything about it, and
 * listed as a notice.
 *
 * Taking out a focus area, condition or action removes the item, the partners' positions on
 * it, its agreed mark, its engagement level, the record of who added it, its comment threads
 * and the hui agenda items about it (with their notes); a focus area is also unlinked from actions; an action takes its measures and progress
 * (its `monitoring`) with it. Withholding `monitoring` removes the action's measures and
 * progress only. The result's `withheld` lists the marks of the items taken out and its
 * `releases` is empty: who asked for what, and why, stays in the plan.
 */
export function releasedPlan(plan: PlanJson, release: ReleaseRequest | null): { plan: PlanJson; withheld: WithheldNotice[] } {
  const fingerprints = fingerprintsOf(plan)
  const out: WithheldMarkJson[] = (plan.withheld ?? []).filter(
    (mark) => exists(plan, mark.target) && !isReleased(mark, release, fingerprints),
  )
  const gone = new Set(out.map((mark) => targetKey(mark.target)))
  const goneActions = new Set(out.filter((m) => m.target.kind === 'action').map((m) => m.target.id))
  // An action taken out takes its monitoring with it: one notice for it is enough.
  const shown = out.filter((m) => !(m.target.kind === 'monitoring' && goneActions.has(m.target.id)))
  for (const id of goneActions) gone.add(targetKey({ kind: 'monitoring', id }))
  const isGone = (target: { kind: string; id: string }) => gone.has(`${target.kind}|${target.id}`)
  const goneFocusAreas = new Set(out.filter((m) => m.target.kind === 'focusArea').map((m) => m.target.id))

  const agenda = plan.hui.agenda.filter((item) => !(item.target && isGone(item.target)))
  const currentItemId = agenda.some((item) => item.id === plan.hui.state.currentItemId) ? plan.hui.state.currentItemId : null
  const released: PlanJson = {
    ...plan,
    focusAreas: plan.focusAreas.filter((f) => !isGone({ kind: 'focusArea', id: f.id })),
    conditions: plan.conditions.filter((c) => !isGone({ kind: 'condition', id: c.id })),
    actions: plan.actions
      .filter((a) => !goneActions.has(a.id))
      .map((a) => ({
        ...a,
        focusAreaIds: a.focusAreaIds.filter((id) => !goneFocusAreas.has(id)),
        ...(isGone({ kind: 'monitoring', id: a.id }) ? { measures: [], progress: [] } : {}),
      })),
    agreements: plan.agreements.filter((a) => !isGone(a.target)),
    agreedMarks: plan.agreedMarks.filter((m) => !isGone(m.target)),
    comments: plan.comments.filter((t) => !isGone(t.target)),
    engagement: (plan.engagement ?? []).filter((e) => !isGone(e.target)),
    // Who added an item (or one of its measures) says it existed: gone with it.
    origins: (plan.origins ?? []).filter((o) => !isGone({ kind: o.kind === 'measure' ? 'monitoring' : o.kind, id: o.id.split('/')[0]! })),
    hui: {
      ...plan.hui,
      state: { ...plan.hui.state, currentItemId },
      agenda,
      // A parked topic promoted to a withheld action no longer points to it.
      parkingLot: plan.hui.parkingLot.map((p) => (p.actionId !== null && goneActions.has(p.actionId) ? { ...p, actionId: null } : p)),
    },
    withheld: shown,
    releases: [],
  }
  return {
    plan: released,
    withheld: shown.map((mark) => ({ target: mark.target, title: null, partner: mark.partner, partnerLabel: withheldPartnerLabel(mark) })),
  }
}

const KIND_WORDS: Record<AgreementTargetKind, [one: string, many: string]> = {
  focusArea: ['focus area', 'focus areas'],
  condition: ['condition for success', 'conditions for success'],
  action: ['action', 'actions'],
  monitoring: ['monitoring arrangement', 'monitoring arrangements'],
}

/**
 * One line per partner saying what it withheld, for files that leave the plan:
 * "Withheld by Ngāti Awa: 1 action, 2 focus areas". Empty when nothing was withheld.
 */
export function withheldLines(notices: readonly WithheldNotice[]): string[] {
  const byPartner = new Map<string, Map<AgreementTargetKind, number>>()
  for (const notice of notices) {
    const counts = byPartner.get(notice.partnerLabel) ?? new Map<AgreementTargetKind, number>()
    counts.set(notice.target.kind, (counts.get(notice.target.kind) ?? 0) + 1)
    byPartner.set(notice.partnerLabel, counts)
  }
  return [...byPartner].map(([label, counts]) => {
    const parts = (Object.keys(KIND_WORDS) as AgreementTargetKind[])
      .filter((kind) => counts.has(kind))
      .map((kind) => {
        const n = counts.get(kind)!
        return `${n} ${KIND_WORDS[kind][n === 1 ? 0 : 1]}`
      })
    return `Withheld by ${label}: ${parts.join(', ')}`
  })
}

/**
 * The end of a CSV file that leaves the plan: after an empty row, one row per partner saying
 * what it withheld ({@link withheldLines}), CRLF-ended like the rest. '' when nothing was withheld.
 */
export function withheldCsvRows(notices: readonly WithheldNotice[]): string {
  const lines = withheldLines(notices)
  return lines.length === 0 ? '' : ['', ...lines.map(csvCell)].map((row) => `${row}\r\n`).join('')
}
