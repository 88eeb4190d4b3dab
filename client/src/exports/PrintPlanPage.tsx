import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Redirect } from 'wouter'
import { fingerprintsOf, partnersOf, type AgreementTarget, type Partner, type PlanDetail, type PlanJson } from '@hononga/shared'
import { api, ApiError, NetworkError } from '../api/client'
import { AgreementGlance, usePartnerName } from '../agreement/AgreementGlance'
import { partnerVoices } from '../agreement/voice'
import { PositionList } from '../agreement/PositionList'
import { PlanPreview } from '../history/PlanPreview'
import { DateTime } from '../i18n/dates'
import { Button } from '../ui/Button'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { agreementInPlan } from './printedAgreement'
import './print.css'

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; plan: PlanJson; detail: PlanDetail; at: string }
  | { kind: 'error'; code: 'unauthenticated' | 'not_found' | 'network' | 'other'; message: string }

/**
 * `/plans/:planId/print`: the plan as a document to print or save as PDF, read-only, with
 * each item's agreement (who agreed, objected or has not yet, and the hui mark). A print
 * stylesheet hides the app around it, starts each ROCC step on a new page and prints the
 * address of every link. Loaded as its own chunk.
 */
export default function PrintPlanPage({ planId }: { planId: string }) {
  const { t } = useTranslation('exports')
  const { t: tc } = useTranslation('common')
  const [state, setState] = useState<Loaded>({ kind: 'loading' })
  useDocumentTitle(state.kind === 'ready' ? t('print.documentTitle', { title: state.plan.meta.title }) : t('print.title'))

  useEffect(() => {
    let cancelled = false
    Promise.all([api.getDocument(planId), api.getPlan(planId)]).then(
      ([plan, detail]) => !cancelled && setState({ kind: 'ready', plan, detail, at: new Date().toISOString() }),
      (error: unknown) => {
        if (cancelled) return
        if (error instanceof NetworkError) setState({ kind: 'error', code: 'network', message: '' })
        else if (error instanceof ApiError && (error.status === 401 || error.status === 404 || error.status === 403))
          setState({ kind: 'error', code: error.status === 401 ? 'unauthenticated' : 'not_found', message: error.message })
        else setState({ kind: 'error', code: 'other', message: error instanceof Error ? error.message : String(error) })
      },
    )
    return () => {
      cancelled = true
    }
  }, [planId])

  const planPath = `/plans/${encodeURIComponent(planId)}`
  if (state.kind === 'error' && state.code === 'unauthenticated')
    return <Redirect to={`/sign-in?next=${encodeURIComponent(`${planPath}/print`)}`} replace />

  return (
    <div className="page print-page">
      <div className="print-toolbar">
        <Link href={planPath}>
          <span aria-hidden="true">← </span>
          {t('print.back')}
        </Link>
        {state.kind === 'ready' && (
          <Button variant="primary" onClick={() => window.print()}>
            {t('print.button')}
          </Button>
        )}
      </div>
      {state.kind === 'loading' && (
        <p className="loading" role="status">
          {tc('status.loading')}
        </p>
      )}
      {state.kind === 'error' && (
        <Notice kind="error">
          {state.code === 'network'
            ? tc('status.networkError')
            : state.code === 'not_found'
              ? t('print.notFound')
              : t('print.failed', { message: state.message })}
        </Notice>
      )}
      {state.kind === 'ready' && <PrintablePlan plan={state.plan} detail={state.detail} at={state.at} />}
    </div>
  )
}

function PrintablePlan({ plan, detail, at }: { plan: PlanJson; detail: PlanDetail; at: string }) {
  const { t } = useTranslation('exports')
  const partnerName = usePartnerName()
  const partners = useMemo(() => partnersOf(detail.members), [detail.members])
  // Agreement counts the partners with someone who speaks for them, as on screen outside a hui.
  const voiced = useMemo(() => partnerVoices(detail.members, null).counted, [detail.members])
  const fingerprints = useMemo(() => fingerprintsOf(plan), [plan])

  const intro: ReactNode = (
    <div className="print-intro">
      <p>
        {t('print.printedOn')} <DateTime iso={at} />
      </p>
      <p>{t('print.partners', { partners: partners.map(partnerName).join(', ') || '—' })}</p>
      <p className="print-legend">{t('print.legend')}</p>
    </div>
  )

  return (
    <PlanPreview
      plan={plan}
      level={1}
      monitoring
      intro={intro}
      emptyText={t('print.empty')}
      itemExtra={(target) => <PrintedAgreement plan={plan} fingerprints={fingerprints} partners={voiced} target={target} />}
    />
  )
}

function PrintedAgreement({
  plan,
  fingerprints,
  partners,
  target,
}: {
  plan: PlanJson
  fingerprints: ReadonlyMap<string, string>
  partners: Partner[]
  target: AgreementTarget
}) {
  const { t } = useTranslation('agreement')
  const { summary, mark, changedSinceAgreed } = agreementInPlan(plan, fingerprints, partners, target)
  return (
    <div className="agreement" role="group" aria-label={t('state.label')}>
      <AgreementGlance summary={summary} mark={mark} changed={changedSinceAgreed} />
      {summary.positions.some((p) => p.record) && <PositionList id={`print-${target.kind}-${target.id}`} summary={summary} absolute />}
    </div>
  )
}
