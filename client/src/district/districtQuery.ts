import { ACTION_STATUSES, type ActionStatus, type RollupWithheld } from '@hononga/shared'

/** The roll-up's filters as the page holds them, and as its address shows them (`?status=…&overdue=1&q=…`). */
export interface RollupFilters {
  status: ActionStatus | ''
  overdue: boolean
  /** A focus-area keyword. */
  q: string
}

export const NO_FILTERS: RollupFilters = { status: '', overdue: false, q: '' }

/** The longest keyword kept from an address (the server takes up to 200 characters). */
const MAX_KEYWORD = 200

/** Filters from the address's query; anything unknown is ignored, so an old or edited link still opens. */
export function rollupFiltersFromSearch(search: string): RollupFilters {
  const params = new URLSearchParams(search)
  const status = params.get('status') ?? ''
  const overdue = params.get('overdue')
  return {
    status: (ACTION_STATUSES as readonly string[]).includes(status) ? (status as ActionStatus) : '',
    overdue: overdue === '1' || overdue === 'true',
    q: (params.get('q') ?? '').trim().slice(0, MAX_KEYWORD),
  }
}

/**
 * The query for the address and for the API alike (`GET /api/districts/:id/rollup` takes the
 * same names): only what differs from no filter, so a plain view has a plain address.
 */
export function searchFromRollupFilters(filters: RollupFilters): string {
  const params = new URLSearchParams()
  if (filters.status) params.set('status', filters.status)
  if (filters.overdue) params.set('overdue', '1')
  const q = filters.q.trim()
  if (q) params.set('q', q)
  return params.toString()
}

/** Whether any filter is set (the empty roll-up then says "none match" rather than "none shared"). */
export function isFiltered(filters: RollupFilters): boolean {
  return searchFromRollupFilters(filters) !== ''
}

/**
 * Withheld notices grouped by the partner that withheld them (its key), in the order first
 * met, named as people name it: "2 items withheld by Ngāti Awa".
 */
export function withheldByPartner(withheld: readonly RollupWithheld[]): { partner: string; label: string; count: number }[] {
  const groups = new Map<string, { partner: string; label: string; count: number }>()
  for (const item of withheld) {
    const group = groups.get(item.partner)
    if (group) group.count++
    else groups.set(item.partner, { partner: item.partner, label: item.partnerLabel, count: 1 })
  }
  return [...groups.values()]
}
