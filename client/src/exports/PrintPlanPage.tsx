import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Redirect } from 'wouter'
import {
  fingerprintsOf,
  partnersOf,
  type AgreementTarget,
  type Partner,
  type PlanDetail,
  type PlanJson,
  type PrintoutWithheldNotice,
} from '@hononga/shared'
import { CommitmentsSection } from '../commitments/CommitmentsSection'
import { api, ApiError } from '../api/client'
import { AgreementGlance, usePartnerName } from '../agreement/AgreementGlance'
import { partnerVoices } from '../agreement/voice'
import { PositionList } from '../agreement/PositionList'
import { PlanPreview } from '../history/PlanPreview'
import { DateTime } from '../i18n/dates'
import { Button } from '../ui/Button'
import { Notice } from '../ui/Notice'
import { useDocumentTitle } from '../ui/useDocumentTitle'
import { agreementInPlan } from './printedAgreement'
import { leaveProblem } from './saveFile'
import { WithheldNotices } from './WithheldNotices'
import './print.css'

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; plan: PlanJson; withheld: PrintoutWithheldNotice[]; detail: PlanDetail; at: string }
  | { kind: 'error'; code: 'unauthenticated' | 'not_found' | 'offline' | 'notRecorded' | 'other'; message: string }

/**
 * `/plans/:planId/print`: the plan as a document to print or save as PDF, read-only, with
 * each item's agreement (who agreed, objected or has not yet, and the hui mark). A print
 * stylesheet hides the app around it, starts each ROCC step on a new page and prints the
 * address of every link. Loaded as its own chunk.
 *
 * The content comes from the server (`GET /api/plans/:id/printable`), not the local document:
 * the print is recorded in the plan's access log, and what partners withheld is left out and
 * listed. Offline there is no printout: it says a connection is needed, so it can be recorded.
 */
export default function PrintPlanPage({ planId }: { planId: string }) {
  const { t } = useTranslation('exports')
  const { t: tc } = useTranslation('common')
  const [state, setState] = useState<Loaded>({ kind: 'loading' })
  useDocumentTitle(state.kind === 'ready' ? t('print.documentTitle', { title: state.plan.meta.title }) : t('print.title'))

  useEffect(() => {
    let cancelled = false
    // The plan's members first: a signed-out reader is sent to sign in before anything is recorded.
    api
      .getPlan(planId)
      .then(async (detail) => ({ detail, printable: await api.printable(planId) }))
      .then(
        ({ detail, printable }) => !cancelled && setState({ kind: 'ready', ...printable, detail, at: new Date().toISOString() }),
        (error: unknown) => {
          if (cancelled) return
          if (error instanceof ApiError && error.status === 401) return setState({ kind: 'error', code: 'unauthenticated', message: '' })
          const problem = leaveProblem(error)
          const code = problem === 'notFound' ? 'not_found' : problem === 'failed' ? 'other' : problem
          setState({ kind: 'error', code, message: error instanceof Error ? error.message : String(error) })
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
          {state.code === 'offline'
            ? t('print.offline')
            : state.code === 'notRecorded'
              ? t('print.notRecorded')
              : state.code === 'not_found'
                ? t('print.notFound')
                : t('print.failed', { message: state.message })}
        </Notice>
      )}
      {state.kind === 'ready' && <PrintablePlan plan={state.plan} withheld={state.withheld} detail={state.detail} at={state.at} />}
    </div>
  )
}

function PrintablePlan({
  plan,
  withheld,
  detail,
  at,
}: {
  plan: PlanJson
  withheld: PrintoutWithheldNotice[]
  detail: PlanDetail
  at: string
}) {
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
      <WithheldNotices notices={withheld} />
    </div>
  )

  return (
    <>
      <PlanPreview
        plan={plan}
        level={1}
        monitoring
        intro={intro}
        emptyText={t('print.empty')}
        itemExtra={(target) => <PrintedAgreement plan={plan} fingerprints={fingerprints} partners={voiced} target={target} />}
      />
      <CommitmentsSection commitments={plan.commitments} />
    </>
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
