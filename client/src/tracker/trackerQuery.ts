import { isEngagementLevel, type EngagementLevel, type TrackerQuery } from '@hononga/shared'

export const TRACKER_SORTS = ['due', 'plan', 'status'] as const
export type TrackerSort = (typeof TRACKER_SORTS)[number]

/** The tracker's filters as the page holds them (and the address shows them). */
export interface TrackerFilters {
  mine: boolean
  organisation: boolean
  overdue: boolean
  atRisk: boolean
  /** Include actions not yet agreed. */
  all: boolean
  planId: string
  district: string
  /** Actions at this engagement level (issue 13 §4); '' for any. */
  engagement: EngagementLevel | ''
  sort: TrackerSort
}

export const FLAG_FILTERS = ['mine', 'organisation', 'overdue', 'atRisk', 'all'] as const
export type FlagFilter = (typeof FLAG_FILTERS)[number]

export const DEFAULT_FILTERS: TrackerFilters = {
  mine: false,
  organisation: false,
  overdue: false,
  atRisk: false,
  all: false,
  planId: '',
  district: '',
  engagement: '',
  sort: 'due',
}

const isOn = (value: string | null) => value === '1' || value === 'true'

/** Filters from the address's query (`?mine=1&overdue=1&sort=plan`); anything unknown is ignored. */
export function filtersFromSearch(search: string): TrackerFilters {
  const params = new URLSearchParams(search)
  const sort = params.get('sort')
  const filters: TrackerFilters = {
    ...DEFAULT_FILTERS,
    planId: (params.get('planId') ?? '').slice(0, 64),
    district: (params.get('district') ?? '').slice(0, 100),
    engagement: isEngagementLevel(params.get('engagement')) ? (params.get('engagement') as EngagementLevel) : '',
    sort: (TRACKER_SORTS as readonly string[]).includes(sort ?? '') ? (sort as TrackerSort) : 'due',
  }
  for (const flag of FLAG_FILTERS) filters[flag] = isOn(params.get(flag))
  return filters
}

/** The query for the address: only what differs from the defaults, so a plain view has a plain address. */
export function searchFromFilters(filters: TrackerFilters): string {
  const params = new URLSearchParams()
  for (const flag of FLAG_FILTERS) if (filters[flag]) params.set(flag, '1')
  if (filters.planId) params.set('planId', filters.planId)
  if (filters.district) params.set('district', filters.district)
  if (filters.engagement) params.set('engagement', filters.engagement)
  if (filters.sort !== 'due') params.set('sort', filters.sort)
  return params.toString()
}

/** The API's query for these filters. */
export function apiQuery(filters: TrackerFilters): TrackerQuery {
  const query: TrackerQuery = { sort: filters.sort }
  for (const flag of FLAG_FILTERS) if (filters[flag]) query[flag] = '1'
  if (filters.planId) query.planId = filters.planId
  if (filters.district) query.district = filters.district
  if (filters.engagement) query.engagement = filters.engagement
  return query
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  const day = (iso: string) => {
    const [year, month, date] = iso.split('-').map(Number) as [number, number, number]
    return Date.UTC(year, month - 1, date) / 86_400_000
  }
  return Math.round(day(to) - day(from))
}
