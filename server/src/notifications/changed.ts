import { agreedStateOf, fingerprintsOf, partnerKey, targetKey, type PlanJson } from '@hononga/shared'
import type { Repos } from '../repos/types'
import { notify } from './notify'

/** The title an agreement target shows (focus area, condition, action or its monitoring). */
export function titleOf(plan: PlanJson, target: { kind: string; id: string }): string {
  if (target.kind === 'focusArea') return plan.focusAreas.find((item) => item.id === target.id)?.title ?? ''
  if (target.kind === 'condition') return plan.conditions.find((item) => item.id === target.id)?.title ?? ''
  // A monitoring arrangement is the measures of one action: it goes by the action's title.
  return plan.actions.find((item) => item.id === target.id)?.title ?? ''
}

/**
 * `changed-since-agreed`: for every item marked agreed at a hui that has changed since, tells
 * the members who speak for each partner that had agreed to it (agree or agree with concerns).
 * Once per item per agreement (the mark's time is in the dedupe key): re-agreeing and changing
 * it again tells them again. Called with each plan's derived tables (server.ts, through
 * recordPlanNotices), and reads no row while no agreed item has changed.
 */
export async function recordChangedSinceAgreed(
  repos: Pick<Repos, 'notifications' | 'members'>,
  planId: string,
  plan: PlanJson,
  at: number,
): Promise<number> {
  if (plan.agreedMarks.length === 0) return 0
  const fingerprints = fingerprintsOf(plan)
  const changed = plan.agreedMarks.filter(
    (mark) => agreedStateOf({ ...mark, at: Date.parse(mark.at) }, fingerprints.get(targetKey(mark.target)) ?? null).changedSinceAgreed,
  )
  if (changed.length === 0) return 0
  const speakers = (await repos.members.listMembers(planId)).filter((member) => member.speaksFor)
  let added = 0
  for (const mark of changed) {
    const key = targetKey(mark.target)
    const agreedPartners = new Set(
      plan.agreements
        .filter((a) => targetKey(a.target) === key && (a.position === 'agree' || a.position === 'agree with concerns'))
        .map((a) => a.partner),
    )
    const payload = { planTitle: plan.meta.title, title: titleOf(plan, mark.target), target: mark.target }
    const dedupeKey = `changed-since-agreed:${planId}:${key}:${mark.at}`
    for (const member of speakers) {
      if (!agreedPartners.has(partnerKey(member.affiliation, member.organisation))) continue
      const notice = { userId: member.userId, planId, kind: 'changed-since-agreed', dedupeKey, payload }
      if (await notify(repos, notice, at)) added++
    }
  }
  return added
}
