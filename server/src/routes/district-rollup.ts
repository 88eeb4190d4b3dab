import {
  releasedPlan,
  targetKey,
  type PlanJson,
  type RaisedItem,
  type RollupAction,
  type RollupMeasure,
  type RollupPlan,
  type RollupQuery,
  type RollupReview,
} from '@hononga/shared'
import { trackedActionsOf } from '../db/tracker'

/**
 * One plan's part of the district roll-up (issue 13 §6), built from its PlanJson after
 * `releasedPlan(plan, null)` has taken out everything a partner withheld. It copies titles,
 * statuses, dates and numbers only: no rich text (descriptions, activity, outcomes), no
 * comments, no progress notes, no positions. Pure, so it is tested without a server.
 */

/** How far ahead a review counts as due in the roll-up. */
export const REVIEW_HORIZON_DAYS = 14
const CLOSED = new Set(['done', 'stopped'])

/** `date` (YYYY-MM-DD) plus `days`. */
export function addDays(date: string, days: number): string {
  const at = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000
  return new Date(at).toISOString().slice(0, 10)
}

/** A name as a keyword meets it: no marks, lower case, spaces collapsed ("Whānau" meets "whanau"). */
function loose(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-NZ').replace(/\s+/g, ' ').trim()
}

function measuresOf(plan: PlanJson, actionIds: ReadonlySet<string>): RollupMeasure[] {
  const out: RollupMeasure[] = []
  for (const action of plan.actions) {
    if (!actionIds.has(action.id)) continue
    for (const measure of action.measures) {
      const points = action.progress
        .filter((entry) => typeof entry.values[measure.id] === 'number')
        .map((entry) => ({ date: entry.date, value: entry.values[measure.id]! }))
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      out.push({
        actionId: action.id,
        id: measure.id,
        name: measure.name,
        unit: measure.unit,
        baseline: measure.baseline,
        target: measure.target,
        points,
      })
    }
  }
  return out
}

/**
 * The roll-up of one shared plan, filtered, or null when filters leave nothing of it.
 * `raised` are the plan's raised items already in effect for this group.
 */
export function rollupPlan(
  heading: { planId: string; title: string; community: string },
  original: PlanJson,
  raised: RaisedItem[],
  query: RollupQuery,
  today: string,
): RollupPlan | null {
  const { plan, withheld } = releasedPlan(original, null)
  const levels = new Map((plan.engagement ?? []).map((e) => [`${e.target.kind}|${e.target.id}`, e.level]))
  const keyword = query.q ? loose(query.q) : ''
  const focusAreas = plan.focusAreas
    .filter((f) => keyword === '' || loose(f.title).includes(keyword))
    .map((f) => ({ id: f.id, title: f.title, engagement: levels.get(`focusArea|${f.id}`) ?? null }))
  const matchingAreas = new Set(focusAreas.map((f) => f.id))
  const tracked = new Map(trackedActionsOf(plan).map((t) => [t.actionId, t]))

  const actions: RollupAction[] = plan.actions
    .map((action): RollupAction => {
      const t = tracked.get(action.id)
      const open = !CLOSED.has(action.status)
      return {
        id: action.id,
        title: action.title,
        lead: action.lead,
        status: action.status,
        dueDate: action.dueDate,
        lastProgress: t?.lastProgress ? { date: t.lastProgress.date, status: t.lastProgress.status } : null,
        agreed: t?.agreed ?? false,
        changedSinceAgreed: t?.changedSinceAgreed ?? false,
        engagement: levels.get(`action|${action.id}`) ?? null,
        overdue: open && action.dueDate !== null && action.dueDate < today,
        focusAreaIds: action.focusAreaIds,
      }
    })
    .filter((a) => !query.status || a.status === query.status)
    .filter((a) => !query.overdue || a.overdue)
    .filter((a) => keyword === '' || a.focusAreaIds.some((id) => matchingAreas.has(id)))

  const filtered = query.status !== undefined || query.overdue || keyword !== ''
  if (filtered && actions.length === 0 && (keyword === '' || focusAreas.length === 0)) return null

  const horizon = addDays(today, REVIEW_HORIZON_DAYS)
  const reviewsDue: RollupReview[] = []
  const review = plan.meta.reviewDate
  if (review !== null && review <= horizon) {
    reviewsDue.push({ kind: 'plan', actionId: null, title: plan.meta.title, date: review, overdue: review < today })
  }
  for (const action of plan.actions) {
    const date = action.reviewDate
    if (date === null || date > horizon || CLOSED.has(action.status)) continue
    if (!actions.some((a) => a.id === action.id)) continue
    reviewsDue.push({ kind: 'action', actionId: action.id, title: action.title, date, overdue: date < today })
  }
  reviewsDue.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))

  return {
    planId: heading.planId,
    title: plan.meta.title || heading.title,
    community: plan.meta.community || heading.community,
    focusAreas,
    actions,
    reviewsDue,
    measures: measuresOf(plan, new Set(actions.map((a) => a.id))),
    withheld: withheld.map((notice) => ({ kind: notice.target.kind, partner: notice.partner, partnerLabel: notice.partnerLabel })),
    // An item withheld after it was raised takes its raised title and note out with it.
    raised: raised.filter((item) => !withheld.some((notice) => targetKey(notice.target) === targetKey(item.target))),
  }
}
