import type { PlanSummary } from '@hononga/shared'
import { lazy, Suspense, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, NetworkError } from '../api/client'
import { T } from '../i18n/T'
import { Button } from '../ui/Button'
import { CheckboxField, TextField } from '../ui/Field'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { PlanCard } from './PlanCard'
import { byLastChange, filterPlans } from './search'
import { TemplateImportButton, type ChosenTemplate } from './TemplateImportButton'
import { usePlans } from './usePlans'
import './plans.css'

// The dialog's form needs the shared domain lists, which bring zod along: a chunk of its
// own keeps them off the first load (sign in, invite), and it is fetched ahead on hover/focus.
const loadNewPlanDialog = () => import('./NewPlanDialog')
const NewPlanDialog = lazy(() => loadNewPlanDialog().then((module) => ({ default: module.NewPlanDialog })))

/** The search box appears once there is more than this many plans to look through. */
const SEARCH_FROM = 2

/** `/plans`: "My plans", the plans I belong to, and "New plan". */
export function PlanListPage() {
  const { t } = useTranslation('plans')
  const { state, retry } = usePlans()
  const [creating, setCreating] = useState(false)
  const [dialogLoaded, setDialogLoaded] = useState(false)
  const [query, setQuery] = useState('')
  const [template, setTemplate] = useState<ChosenTemplate | null>(null)
  useDocumentTitle(t('list.title'))

  const newPlanButton = (
    <Button
      variant="primary"
      onClick={() => {
        setDialogLoaded(true)
        setTemplate(null)
        setCreating(true)
      }}
      onPointerEnter={() => void loadNewPlanDialog()}
      onFocus={() => void loadNewPlanDialog()}
    >
      <T k="plans:list.newPlan" />
    </Button>
  )

  return (
    <section className="page plan-list-page">
      <div className="plan-list-head">
        <h1>
          <T k="plans:list.title" />
        </h1>
        {state.status === 'ready' && state.plans.length > 0 && newPlanButton}
      </div>
      {state.status === 'ready' && (
        <TemplateImportButton
          onIntent={() => void loadNewPlanDialog()}
          onChosen={(chosen) => {
            setTemplate(chosen)
            setDialogLoaded(true)
            setCreating(true)
          }}
        />
      )}

      {state.status === 'loading' && (
        <p className="loading" role="status">
          <T k="plans:list.loading" />
        </p>
      )}

      {state.status === 'error' && <LoadError error={state.error} onRetry={retry} />}

      {state.status === 'ready' && state.refreshError !== null && (
        <Notice kind="warning">
          <T k="plans:list.refreshFailed" />
        </Notice>
      )}

      {state.status === 'ready' && state.plans.length === 0 && <EmptyState action={newPlanButton} />}

      {state.status === 'ready' && state.plans.length > 0 && (
        <>
          <p className="plan-list-intro">
            <T k="plans:list.intro" />
          </p>
          {state.plans.length >= SEARCH_FROM && (
            <TextField
              className="plan-search"
              type="search"
              label={<T k="plans:list.search" />}
              hint={<T k="plans:list.searchHint" />}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          )}
          <PlanResults plans={state.plans} query={query} />
        </>
      )}

      {/* Stays mounted once opened, so closing it hands focus back to "New plan". */}
      {dialogLoaded && (
        <Suspense fallback={null}>
          <NewPlanDialog open={creating} template={template} onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </section>
  )
}

function PlanResults({ plans: all, query }: { plans: PlanSummary[]; query: string }) {
  const [showArchived, setShowArchived] = useState(false)
  // Archived plans stay out of the way unless asked for; a deleted one is always shown, so its members are told.
  const archived = all.filter((plan) => plan.archivedAt && !plan.deletedAt).length
  const plans = showArchived ? all : all.filter((plan) => !plan.archivedAt || plan.deletedAt)
  const shown = byLastChange(filterPlans(plans, query))
  const searching = query.trim() !== ''
  return (
    <>
      {archived > 0 && (
        <CheckboxField
          className="plan-show-archived"
          label={<T k="plans:list.showArchived" />}
          hint={showArchived ? undefined : <T k="plans:list.archivedHidden" values={{ count: archived }} />}
          checked={showArchived}
          onChange={(event) => setShowArchived(event.target.checked)}
        />
      )}
      <p role="status" className={searching ? 'plan-search-count' : 'visually-hidden'}>
        {searching &&
          (shown.length === 0 ? (
            <T k="plans:list.noMatches" values={{ query: query.trim() }} />
          ) : (
            <T k="plans:list.matches" values={{ count: shown.length, total: plans.length }} />
          ))}
      </p>
      <ul className="plan-list">
        {shown.map((plan) => (
          <PlanCard key={plan.id} plan={plan} />
        ))}
      </ul>
    </>
  )
}

function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Notice kind="error">
      <p>
        {error instanceof NetworkError ? (
          <T k="common:status.networkError" />
        ) : (
          <T k="plans:list.loadFailed" values={{ message: error instanceof ApiError ? error.message : String(error) }} />
        )}
      </p>
      <Button onClick={onRetry}>
        <T k="common:actions.retry" />
      </Button>
    </Notice>
  )
}

function EmptyState({ action }: { action: ReactNode }) {
  return (
    <div className="card plan-empty">
      <h2>
        <T k="plans:empty.title" />
      </h2>
      <p>
        <T k="plans:empty.whatIsAPlan" />
      </p>
      <p>
        <T k="plans:empty.steps" />
      </p>
      <p>
        <T k="plans:empty.invited" />
      </p>
      {action}
    </div>
  )
}
