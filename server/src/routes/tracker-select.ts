import type { ActionStatus, TrackerQuery, TrackerRow } from '@hononga/shared'
import type { z } from 'zod'
import type { TrackedActionWithPlan } from '../db/tracker'

/** The tracker query after validation (flags as booleans). */
export type TrackerFilters = z.output<typeof TrackerQuery>

/** Statuses shown by default: what partners agreed to do, under way, or done. */
const TRACKED_STATUSES: readonly ActionStatus[] = ['agreed', 'in progress', 'at risk', 'done']
const CLOSED_STATUSES: readonly ActionStatus[] = ['done', 'stopped']
/** `sort=status`: what needs attention first. */
const STATUS_ORDER: readonly ActionStatus[] = ['at risk', 'in progress', 'agreed', 'proposed', 'done', 'stopped']

/** The calendar date (YYYY-MM-DD) in Aotearoa at `ms`: what "today" means to the people tracking. */
export function aucklandDate(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-NZ', {
    timeZone: 'Pacific/Auckland',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(ms)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/**
 * A name as compared: trimmed, spaces collapsed, lower case, macrons and other marks
 * dropped, so "Ngāti Awa", "ngati awa" and "Ngāti  Awa" are one organisation.
 */
export function comparableName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-NZ')
}

export interface TrackerContext {
  userId: string
  /** The organisations the person speaks for, in any of their plans. */
  organisations: readonly string[]
  today: string
}

/**
 * An action is at risk when its status says so, or when the latest progress report on it
 * says so (a report can flag a risk before anyone changes the action's status).
 */
export function isAtRisk(action: Pick<TrackedActionWithPlan, 'status' | 'lastProgress'>): boolean {
  return action.status === 'at risk' || action.lastProgress?.status === 'at risk'
}

/**
 * Whether one of `organisations` (compared with {@link comparableName}) takes part in the
 * action: it leads it (the lead's name, or the organisation of the member who leads it) or
 * is one of its partner organisations.
 */
export function involvesOrganisation(
  action: Pick<TrackedActionWithPlan, 'lead' | 'leadOrganisation' | 'partners'>,
  organisations: ReadonlySet<string>,
): boolean {
  return [action.lead, action.leadOrganisation ?? '', ...action.partners].some((name) => {
    const comparable = comparableName(name)
    // A blank lead or partner names nobody's organisation.
    return comparable !== '' && organisations.has(comparable)
  })
}

const compareText = (a: string, b: string) => a.localeCompare(b, 'en-NZ')
/** Dates ascending, actions without one last. */
const compareDates = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1)

function toRow(action: TrackedActionWithPlan, today: string): TrackerRow {
  const reviewDate = action.reviewDate ?? action.planReviewDate
  const open = !CLOSED_STATUSES.includes(action.status)
  return {
    planId: action.planId,
    planTitle: action.planTitle,
    community: action.community,
    district: action.district,
    actionId: action.actionId,
    title: action.title,
    lead: action.lead,
    leadUserId: action.leadUserId,
    partners: action.partners,
    dueDate: action.dueDate,
    reviewDate,
    status: action.status,
    agreed: action.agreed,
    changedSinceAgreed: action.changedSinceAgreed,
    overdue: open && action.dueDate !== null && action.dueDate < today,
    // A done or stopped action has nothing left to review.
    reviewDue: open && reviewDate !== null && reviewDate <= today,
    lastProgress: action.lastProgress,
    engagement: action.engagement,
  }
}

/**
 * Applies the tracker's filters (all together) and order: reviews due first, then by due
 * date (default), plan or status.
 */
export function selectTrackerRows(actions: readonly TrackedActionWithPlan[], query: TrackerFilters, context: TrackerContext): TrackerRow[] {
  const organisations = new Set(context.organisations.map(comparableName).filter((name) => name !== ''))
  const district = query.district === undefined || query.district.trim() === '' ? null : comparableName(query.district)
  const rows = actions
    .filter((action) => {
      if (query.planId !== undefined && action.planId !== query.planId) return false
      if (query.mine && action.leadUserId !== context.userId) return false
      if (query.organisation && !involvesOrganisation(action, organisations)) return false
      if (district !== null && comparableName(action.district ?? '') !== district) return false
      if (query.atRisk && !isAtRisk(action)) return false
      if (query.engagement !== undefined && action.engagement !== query.engagement) return false
      if (!query.all && !TRACKED_STATUSES.includes(action.status) && !action.agreed) return false
      return true
    })
    .map((action) => toRow(action, context.today))
    .filter((row) => !query.overdue || row.overdue)

  const byPlan = (a: TrackerRow, b: TrackerRow) => compareText(a.planTitle, b.planTitle) || a.planId.localeCompare(b.planId)
  const byDue = (a: TrackerRow, b: TrackerRow) => compareDates(a.dueDate, b.dueDate)
  const byTitle = (a: TrackerRow, b: TrackerRow) => compareText(a.title, b.title) || a.actionId.localeCompare(b.actionId)
  // An action whose latest report says it is at risk needs attention like one whose status says so.
  const rank = (row: TrackerRow) => STATUS_ORDER.indexOf(isAtRisk(row) ? 'at risk' : row.status)
  const byStatus = (a: TrackerRow, b: TrackerRow) => rank(a) - rank(b)
  const order = {
    due: [byDue, byPlan, byTitle],
    plan: [byPlan, byDue, byTitle],
    status: [byStatus, byDue, byPlan, byTitle],
  }[query.sort ?? 'due']
  // Reviews due first, the longest overdue first.
  const reviewFirst = (a: TrackerRow, b: TrackerRow) =>
    Number(b.reviewDue) - Number(a.reviewDue) || (a.reviewDue && b.reviewDue ? compareDates(a.reviewDate, b.reviewDate) : 0)
  return rows.sort((a, b) => {
    for (const compare of [reviewFirst, ...order]) {
      const result = compare(a, b)
      if (result !== 0) return result
    }
    return 0
  })
}
