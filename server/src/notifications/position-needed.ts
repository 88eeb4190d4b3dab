import { partnerKey, targetKey, type AgreementTarget, type PlanJson } from '@hononga/shared'
import type { Repos } from '../repos/types'
import { titleOf } from './changed'
import { notify } from './notify'

/** The agreement targets an agenda covers: items it names, and every item of the steps it takes. */
function agendaTargets(plan: PlanJson): AgreementTarget[] {
  const targets = new Map<string, AgreementTarget>()
  const add = (target: AgreementTarget) => targets.set(targetKey(target), target)
  for (const item of plan.hui.agenda) {
    if (item.target) add(item.target)
    else if (item.stepId === 'focus-areas') plan.focusAreas.forEach((f) => add({ kind: 'focusArea', id: f.id }))
    else if (item.stepId === 'environment') plan.conditions.forEach((c) => add({ kind: 'condition', id: c.id }))
    else if (item.stepId === 'actions') plan.actions.forEach((a) => add({ kind: 'action', id: a.id }))
    else if (item.stepId === 'monitoring') plan.actions.forEach((a) => add({ kind: 'monitoring', id: a.id }))
  }
  return [...targets.values()]
}

/**
 * `position-needed`: when a hui is running, tells each member who speaks for a partner that
 * has not recorded its position on some item of the agenda, once per hui (one notification
 * naming the first such item and how many there are, not one per item). Positions recorded
 * later do not take it back: it says what was needed when the hui started.
 */
export async function recordPositionNeeded(
  repos: Pick<Repos, 'notifications' | 'members'>,
  planId: string,
  plan: PlanJson,
  at: number,
): Promise<number> {
  const { huiId, active } = plan.hui.state
  if (!active || !huiId) return 0
  const targets = agendaTargets(plan)
  if (targets.length === 0) return 0
  const positions = new Set(plan.agreements.map((a) => `${targetKey(a.target)}|${a.partner}`))
  let added = 0
  for (const member of await repos.members.listMembers(planId)) {
    if (!member.speaksFor) continue
    const partner = partnerKey(member.affiliation, member.organisation)
    const missing = targets.filter((target) => !positions.has(`${targetKey(target)}|${partner}`))
    if (missing.length === 0) continue
    const payload = { planTitle: plan.meta.title, title: titleOf(plan, missing[0]!), count: missing.length, huiId, target: missing[0] }
    const notice = { userId: member.userId, planId, kind: 'position-needed', dedupeKey: `position-needed:${planId}:${huiId}`, payload }
    if (await notify(repos, notice, at)) added++
  }
  return added
}
