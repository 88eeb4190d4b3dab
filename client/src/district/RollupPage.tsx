import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useSearch } from 'wouter'
import { ACTION_STATUSES, type ActionStatus, type DistrictRollup } from '@hononga/shared'
import { api } from '../api/client'
import { formatDate } from '../plan-steps/format'
import { Button } from '../ui/Button'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { isFiltered, NO_FILTERS, rollupFiltersFromSearch, searchFromRollupFilters, type RollupFilters } from './districtQuery'
import { isNotFound, useErrorMessage } from './errors'
import { RollupPlanSection } from './RollupPlanSection'
import './district.css'

type Load = { kind: 'loading' } | { kind: 'ready'; rollup: DistrictRollup } | { kind: 'not-found' } | { kind: 'error'; message: string }

/**
 * `/districts/:groupId`: the district roll-up, every plan shared with the group whose partners
 * all consent, title-level only. Filters live in the address, so a view can be shared; the
 * server applies them (and records the view in each plan's access log).
 */
export default function RollupPage({ groupId }: { groupId: string }) {
  const { t, i18n } = useTranslation('district')
  const { t: tc } = useTranslation('common')
  const message = useErrorMessage()
  const search = useSearch()
  const [, navigate] = useLocation()
  const filters = useMemo(() => rollupFiltersFromSearch(search), [search])
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [reloads, setReloads] = useState(0)
  const reload = useCallback(() => setReloads((n) => n + 1), [])
  useDocumentTitle(load.kind === 'ready' ? t('rollup.title', { group: load.rollup.group.name }) : t('list.title'))

  useEffect(() => {
    let stale = false
    setLoad((current) => (current.kind === 'ready' ? current : { kind: 'loading' }))
    api.districtRollup(groupId, searchFromRollupFilters(filters)).then(
      (rollup) => !stale && setLoad({ kind: 'ready', rollup }),
      (error: unknown) => {
        if (stale) return
        setLoad(isNotFound(error) ? { kind: 'not-found' } : { kind: 'error', message: t('loadError', { message: message(error) }) })
      },
    )
    return () => {
      stale = true
    }
  }, [groupId, filters, reloads, t, message])

  const update = (next: RollupFilters) => {
    const query = searchFromRollupFilters(next)
    const path = `/districts/${encodeURIComponent(groupId)}`
    navigate(query ? `${path}?${query}` : path, { replace: true })
  }

  if (load.kind === 'not-found') {
    return (
      <section className="page district-page">
        <h1>{t('list.title')}</h1>
        <Notice kind="error">{t('rollup.notFound')}</Notice>
        <p>
          <Link href="/districts">{t('rollup.back')}</Link>
        </p>
      </section>
    )
  }

  const rollup = load.kind === 'ready' ? load.rollup : null
  const plans = rollup?.plans ?? []
  return (
    <section className="page district-page rollup-page" aria-labelledby="rollup-title">
      <p className="rollup-back">
        <Link href="/districts">{t('rollup.back')}</Link>
      </p>
      <h1 id="rollup-title">{rollup ? t('rollup.title', { group: rollup.group.name }) : t('list.title')}</h1>
      <p className="district-intro">{t('sees')}</p>
      <RollupFilterForm filters={filters} onChange={update} />
      <p role="status" className="rollup-count">
        {load.kind === 'loading' ? tc('status.loading') : rollup ? t('rollup.count', { count: plans.length }) : ''}
      </p>
      {load.kind === 'error' && <Notice kind="error">{load.message}</Notice>}
      {rollup && <p className="rollup-as-of">{t('rollup.asOf', { date: formatDate(rollup.today, i18n.language) })}</p>}
      {rollup && plans.length === 0 && <p className="empty-note">{isFiltered(filters) ? t('rollup.noneMatching') : t('rollup.none')}</p>}
      {plans.map((plan) => (
        <RollupPlanSection key={plan.planId} plan={plan} groupId={groupId} onAnswered={reload} />
      ))}
    </section>
  )
}

/** Status and "overdue only" apply as they change; the keyword when submitted (not a request per letter). */
function RollupFilterForm({ filters, onChange }: { filters: RollupFilters; onChange: (next: RollupFilters) => void }) {
  const { t } = useTranslation('district')
  const { t: ts } = useTranslation('steps')
  const id = useId()
  const [keyword, setKeyword] = useState(filters.q)
  // The address changed (back, a shared link, "Clear filters"): the box shows its keyword.
  useEffect(() => setKeyword(filters.q), [filters.q])

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    onChange({ ...filters, q: keyword })
  }
  return (
    <form className="tracker-filters rollup-filters" role="search" aria-label={t('filters.label')} onSubmit={handleSubmit}>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('filters.status')}</label>
        <select
          id={`${id}-status`}
          value={filters.status}
          onChange={(event) => {
            const status = event.target.value
            onChange({ ...filters, status: (ACTION_STATUSES as readonly string[]).includes(status) ? (status as ActionStatus) : '' })
          }}
        >
          <option value="">{t('filters.allStatuses')}</option>
          {ACTION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {ts(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="tracker-flag">
        <input
          id={`${id}-overdue`}
          type="checkbox"
          checked={filters.overdue}
          onChange={(event) => onChange({ ...filters, overdue: event.target.checked })}
        />
        <label htmlFor={`${id}-overdue`}>{t('filters.overdue')}</label>
      </div>
      <div className="field rollup-keyword">
        <label htmlFor={`${id}-q`}>{t('filters.q')}</label>
        <div className="rollup-keyword-row">
          <input id={`${id}-q`} type="search" value={keyword} maxLength={200} onChange={(event) => setKeyword(event.target.value)} />
          <Button type="submit">{t('filters.apply')}</Button>
        </div>
      </div>
      {isFiltered(filters) && (
        <Button className="btn-quiet" onClick={() => onChange(NO_FILTERS)}>
          {t('filters.clear')}
        </Button>
      )}
    </form>
  )
}
