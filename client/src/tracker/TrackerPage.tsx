import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation, useSearch } from 'wouter'
import { POLICE_DISTRICTS, type PlanSummary, type TrackerResponse } from '@hononga/shared'
import { api, ApiError, NetworkError } from '../api/client'
import { Button } from '../ui/Button'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import type { KeyIn } from '../i18n/keys'
import { EngagementFilter } from '../engagement/EngagementFilter'
import { TrackerRows } from './TrackerRows'
import { apiQuery, filtersFromSearch, searchFromFilters, TRACKER_SORTS, type FlagFilter, type TrackerFilters } from './trackerQuery'
import './tracker.css'

type Load = { kind: 'loading' } | { kind: 'ready'; response: TrackerResponse } | { kind: 'error'; message: string }

/**
 * The action tracker: the priority actions of every plan I belong to, for following them up
 * over the months after a hui. Filters live in the address, so a view can be shared.
 */
export default function TrackerPage() {
  const { t } = useTranslation('tracker')
  const { t: tc } = useTranslation('common')
  useDocumentTitle(t('title'))
  const search = useSearch()
  const [, navigate] = useLocation()
  const filters = useMemo(() => filtersFromSearch(search), [search])
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [plans, setPlans] = useState<PlanSummary[]>([])

  useEffect(() => {
    let stale = false
    setLoad((current) => (current.kind === 'ready' ? current : { kind: 'loading' }))
    api.tracker(apiQuery(filters)).then(
      (response) => !stale && setLoad({ kind: 'ready', response }),
      (error: unknown) => {
        if (stale) return
        const message =
          error instanceof NetworkError
            ? tc('status.networkError')
            : error instanceof ApiError
              ? t('loadError', { message: error.message })
              : tc('status.error')
        setLoad({ kind: 'error', message })
      },
    )
    return () => {
      stale = true
    }
  }, [filters, t, tc])

  useEffect(() => {
    api.listPlans().then(setPlans, () => setPlans([]))
  }, [])

  const update = (patch: Partial<TrackerFilters>) => {
    const next = searchFromFilters({ ...filters, ...patch })
    navigate(next ? `/tracker?${next}` : '/tracker', { replace: true })
  }

  const rows = load.kind === 'ready' ? load.response.rows : []
  const reviewsDue = rows.filter((row) => row.reviewDue)
  const others = rows.filter((row) => !row.reviewDue)
  const today = load.kind === 'ready' ? load.response.today : null
  const notYetAgreed = load.kind === 'ready' ? load.response.notYetAgreed : 0

  return (
    <section className="page tracker-page" aria-labelledby="tracker-title">
      <h1 id="tracker-title">{t('title')}</h1>
      <p className="tracker-intro">{t('intro')}</p>
      <TrackerFilterForm filters={filters} plans={plans} onChange={update} />

      <p role="status" className="tracker-count">
        {load.kind === 'loading' ? tc('status.loading') : load.kind === 'ready' ? t('count', { count: rows.length }) : ''}
      </p>
      {load.kind === 'error' && <Notice kind="error">{load.message}</Notice>}
      {notYetAgreed > 0 && (
        <div className="tracker-hidden">
          <p>{rows.length === 0 ? t('hidden.onlyUnagreed', { count: notYetAgreed }) : t('hidden.someUnagreed', { count: notYetAgreed })}</p>
          <Button className="btn-small" onClick={() => update({ all: true })}>
            {t('hidden.show', { count: notYetAgreed })}
          </Button>
        </div>
      )}

      {today && (
        <>
          <section className="tracker-section" aria-labelledby="tracker-reviews">
            <h2 id="tracker-reviews">{t('reviews.heading')}</h2>
            {reviewsDue.length === 0 ? (
              <p className="empty-note">{t('reviews.none')}</p>
            ) : (
              <TrackerRows rows={reviewsDue} today={today} caption={t('reviews.caption', { count: reviewsDue.length })} />
            )}
          </section>
          <section className="tracker-section" aria-labelledby="tracker-actions">
            <h2 id="tracker-actions">{reviewsDue.length > 0 ? t('actions.headingOthers') : t('actions.heading')}</h2>
            {others.length === 0 ? (
              <p className="empty-note">{rows.length === 0 ? t('actions.none') : t('actions.noOthers')}</p>
            ) : (
              <TrackerRows rows={others} today={today} caption={t('actions.caption', { count: others.length })} />
            )}
          </section>
        </>
      )}
    </section>
  )
}

const FLAG_LABELS: Record<FlagFilter, KeyIn<'tracker'>> = {
  mine: 'filters.mine',
  organisation: 'filters.organisation',
  overdue: 'filters.overdue',
  atRisk: 'filters.atRisk',
  all: 'filters.all',
}

/** The filters: they apply as they change (no submit), and the results count is announced. */
function TrackerFilterForm({
  filters,
  plans,
  onChange,
}: {
  filters: TrackerFilters
  plans: PlanSummary[]
  onChange: (patch: Partial<TrackerFilters>) => void
}) {
  const { t } = useTranslation('tracker')
  const id = useId()
  const districts = [
    ...new Set([
      ...POLICE_DISTRICTS,
      ...plans.map((plan) => plan.district).filter((d): d is string => !!d),
      ...(filters.district ? [filters.district] : []),
    ]),
  ]
  return (
    <form className="tracker-filters" role="search" aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
      <fieldset className="tracker-flags">
        <legend>{t('filters.show')}</legend>
        {(Object.keys(FLAG_LABELS) as FlagFilter[]).map((flag) => (
          <div key={flag} className="tracker-flag">
            <input
              id={`${id}-${flag}`}
              type="checkbox"
              checked={filters[flag]}
              onChange={(event) => onChange({ [flag]: event.target.checked })}
            />
            <label htmlFor={`${id}-${flag}`}>{t(FLAG_LABELS[flag])}</label>
          </div>
        ))}
      </fieldset>
      <div className="tracker-selects">
        <div className="field">
          <label htmlFor={`${id}-plan`}>{t('filters.plan')}</label>
          <select id={`${id}-plan`} value={filters.planId} onChange={(event) => onChange({ planId: event.target.value })}>
            <option value="">{t('filters.allPlans')}</option>
            {plans.map((plan) => (
              <option key={plan.id} value={plan.id}>
                {plan.title} ({plan.community})
              </option>
            ))}
            {filters.planId && !plans.some((plan) => plan.id === filters.planId) && (
              <option value={filters.planId}>{t('filters.chosenPlan')}</option>
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-district`}>{t('filters.district')}</label>
          <select id={`${id}-district`} value={filters.district} onChange={(event) => onChange({ district: event.target.value })}>
            <option value="">{t('filters.allDistricts')}</option>
            {districts.map((district) => (
              <option key={district} value={district}>
                {district}
              </option>
            ))}
          </select>
        </div>
        <EngagementFilter value={filters.engagement} onChange={(engagement) => onChange({ engagement })} />
        <div className="field">
          <label htmlFor={`${id}-sort`}>{t('filters.sort')}</label>
          <select
            id={`${id}-sort`}
            value={filters.sort}
            onChange={(event) => onChange({ sort: event.target.value as TrackerFilters['sort'] })}
          >
            {TRACKER_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`sort.${sort}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </form>
  )
}
