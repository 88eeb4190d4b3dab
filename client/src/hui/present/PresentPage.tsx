import { useTranslation } from 'react-i18next'
import { Link, Redirect } from 'wouter'
import type { Me } from '@hononga/shared'
import { PlanItemsProvider } from '../../agreement/PlanItemsContext'
import { useSession } from '../../session/SessionContext'
import { Notice } from '../../ui/Notice'
import { usePlanDetail } from '../../workspace/usePlanDetail'
import { usePlanSession } from '../../workspace/usePlanSession'
import { Presenter } from './Presenter'
import './present.css'

/**
 * `/plans/:planId/present`: presentation mode for the projector at a hui. The current agenda
 * item alone in large type, with its timer, what comes next and each partner's position; the
 * arrow keys move through the agenda (a facilitator moves the hui, anyone else only their own
 * screen) and Escape goes back to the workspace. It opens the plan's live session like the
 * workspace, read-only. Loaded as its own chunk.
 */
export default function PresentPage({ planId }: { planId: string }) {
  const { me } = useSession()
  if (!me) return null
  return <PresentLoader planId={planId} me={me} />
}

function PresentLoader({ planId, me }: { planId: string; me: Me }) {
  const { t } = useTranslation('hui')
  const { state } = usePlanDetail(planId, me)
  const { session } = usePlanSession(planId, me)
  const workspacePath = `/plans/${encodeURIComponent(planId)}`

  if (state.kind === 'unauthenticated') return <Redirect to={`/sign-in?next=${encodeURIComponent(`${workspacePath}/present`)}`} replace />
  if (state.kind === 'not-found' || state.kind === 'error') {
    return (
      <section className="page narrow">
        <Notice kind="error">{state.kind === 'not-found' ? t('present.notFound') : t('present.loadError')}</Notice>
        <Link href={workspacePath}>{t('present.back')}</Link>
      </section>
    )
  }
  if (state.kind === 'loading' || !session) {
    return (
      <p className="loading" role="status">
        {t('present.loading')}
      </p>
    )
  }
  return (
    <PlanItemsProvider planId={planId} session={session} members={state.plan.members} me={me} role={state.plan.role} canEdit={false}>
      <Presenter planId={planId} plan={state.plan} session={session} />
    </PlanItemsProvider>
  )
}
