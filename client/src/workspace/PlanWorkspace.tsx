import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Redirect } from 'wouter'
import { canEdit as roleCanEdit, getPlanMeta, partnerKey, type Me, type PlanDetail } from '@hononga/shared'
import { AccessLogButton } from '../access/AccessLogPanel'
import { ReleasesButton } from '../withheld/ReleasesPanel'
import { PlanItemsProvider } from '../agreement/PlanItemsContext'
import { PlanDistrictButton } from '../district/PlanDistrictButton'
import { ExportMenu } from '../exports/ExportMenu'
import { HistoryPanel } from '../history/HistoryPanel'
import { HuiBar } from '../hui/HuiBar'
import { HuiButtons, HuiDialogs } from '../hui/HuiControls'
import { useHui } from '../hui/useHui'
import { PandaLayout, PandaToggleButton, usePandaGuide } from '../panda/PandaPanel'
import { PeoplePanel } from '../people/PeoplePanel'
import { isPlanLocked, PlanLifecycleNotice, PlanSettingsButton } from '../plans/PlanLifecycle'
import { STEPS, type StepId } from '../plan-steps'
import { PresenceList } from '../presence/PresenceList'
import { useSession } from '../session/SessionContext'
import { PlanReviewDate } from '../tracker/PlanReviewDate'
import { OutboxStatus } from '../sync/OutboxStatus'
import type { PlanSession } from '../sync/planSession'
import { OutboxProvider, usePlanOutbox } from '../sync/useOutbox'
import { useSyncState, useYChanges } from '../sync/useY'
import { Dialog } from '../ui/Dialog'
import { Notice } from '../ui/Notice'
import { OverflowMenu } from '../ui/OverflowMenu'
import { useMediaQuery, WIDE_SCREEN } from '../ui/useMediaQuery'
import { NotSavedBanner, NotSavedCopiesDialog, useNotSavedCopies } from './NotSavedCopies'
import { RestoreNotice } from './RestoreNotice'
import { StepNav } from './StepNav'
import { RefusedNotice, SyncStatus } from './SyncStatus'
import { UndoButtons } from './UndoButtons'
import { usePlanDetail } from './usePlanDetail'
import { useCarryOver } from './useCarryOver'
import { usePlanSession, type PlanSessionHandle } from './usePlanSession'
import './workspace.css'

const STEP_IDS = new Set<string>(STEPS.map((s) => s.id))

/**
 * The plan workspace: the four ROCC steps of one plan, edited live with everyone in it.
 * Loaded as its own chunk. `step` comes from the address (/plans/:id/:step).
 */
/** How often a page whose plan is archived or deleted asks whether it is in use again. */
const LOCKED_RECHECK_MS = 15_000

export default function PlanWorkspace({ planId, step }: { planId: string; step: string | undefined }) {
  const { me } = useSession()
  if (!me) return null
  if (step !== undefined && !STEP_IDS.has(step)) return <Redirect to={`/plans/${planId}`} replace />
  return <Workspace planId={planId} stepId={(step as StepId | undefined) ?? STEPS[0]!.id} me={me} />
}

function Workspace({ planId, stepId, me }: { planId: string; stepId: StepId; me: Me }) {
  const { t } = useTranslation('workspace')
  const { state, reload } = usePlanDetail(planId, me)
  const handle = usePlanSession(planId, me)
  const session = handle.session

  if (state.kind === 'not-found') {
    return (
      <section className="page narrow">
        <Notice kind="error">{t('notFound')}</Notice>
        <Link href="/plans">{t('backToPlans')}</Link>
      </section>
    )
  }
  if (state.kind === 'unauthenticated') return <Redirect to={`/sign-in?next=${encodeURIComponent(`/plans/${planId}/${stepId}`)}`} replace />
  if (state.kind === 'error') {
    return (
      <section className="page narrow">
        <Notice kind="error">{state.message === 'network' ? t('offlineNoCopy') : t('loadError')}</Notice>
        <Link href="/plans">{t('backToPlans')}</Link>
      </section>
    )
  }
  if (state.kind === 'loading' || !session) {
    return (
      <p className="loading" role="status">
        {t('sync.loading')}
      </p>
    )
  }
  return (
    <Loaded
      planId={planId}
      stepId={stepId}
      me={me}
      plan={state.plan}
      fromDevice={state.fromDevice}
      session={session}
      handle={handle}
      onPlanChanged={reload}
    />
  )
}

function Loaded({
  planId,
  stepId,
  me,
  plan,
  fromDevice,
  session,
  handle,
  onPlanChanged,
}: {
  planId: string
  stepId: StepId
  me: Me
  plan: PlanDetail
  fromDevice: boolean
  session: PlanSession
  /** What a refusal left behind: the copy kept, and the old copy's governance to carry over. */
  handle: PlanSessionHandle
  onPlanChanged: () => void
}) {
  const { t } = useTranslation('workspace')
  const { t: tc } = useTranslation('common')
  const sync = useSyncState(session)
  const [panel, setPanel] = useState<'history' | 'people' | 'notSaved' | null>(null)
  const notSavedCopies = useNotSavedCopies(me.id, planId)
  const meta = getPlanMeta(session.doc)
  useYChanges(meta.map)
  // The server refused this person's edits: ask why at once (the plan may have been archived
  // or deleted meanwhile, or their role changed), so the page says so without a reload.
  const refused = session.editsRefused
  const planChanged = useRef(onPlanChanged)
  planChanged.current = onPlanChanged
  useEffect(() => {
    if (refused) planChanged.current()
  }, [refused])
  // Refused because the plan was locked or the person made a viewer: while so, look again now
  // and then (another facilitator may restore it); once it takes their edits, open up again.
  const lockedForMe = isPlanLocked(plan) || !roleCanEdit(plan.role)
  const refusedWhileLocked = useRef(false)
  useEffect(() => {
    if (!refused) {
      refusedWhileLocked.current = false
      return
    }
    if (lockedForMe) {
      refusedWhileLocked.current = true
      const timer = window.setInterval(() => planChanged.current(), LOCKED_RECHECK_MS)
      return () => window.clearInterval(timer)
    }
    if (refusedWhileLocked.current && !fromDevice) {
      refusedWhileLocked.current = false
      session.allowEditsAgain()
    }
  }, [refused, lockedForMe, fromDevice, session])
  // An archived or deleted plan is read-only for everyone (the server refuses its edits too).
  const editable = roleCanEdit(plan.role) && sync.kind !== 'refused' && !session.editsRefused && !isPlanLocked(plan)
  const step = STEPS.find((s) => s.id === stepId) ?? STEPS[0]!
  const StepComponent = step.Component
  const title = meta.title?.toString() || plan.title
  const community = meta.community?.toString() || plan.community
  const district = meta.district ?? plan.district
  // Governance commands (positions, comments, topics, progress) wait here until recorded.
  const outbox = usePlanOutbox(session, planId, me.id)
  const hui = useHui({ planId, session, stepId: step.id, me, plan, canEdit: editable, outbox })
  const guide = usePandaGuide()
  const myMembership = plan.members.find((member) => member.userId === me.id)
  useCarryOver(session, outbox, handle.carryOver, {
    id: me.id,
    ...(myMembership ? { partnerKey: partnerKey(myMembership.affiliation, myMembership.organisation) } : {}),
  })

  useEffect(() => {
    session.setLocation(stepId)
  }, [session, stepId])

  useEffect(() => {
    document.title = `${title} · ${tc(step.labelKey)} · ${tc('appName')}`
  }, [title, step.labelKey, tc])

  const stepLabel = (id: string) => {
    const labelKey = STEPS.find((s) => s.id === id)?.labelKey
    return labelKey ? tc(labelKey) : id
  }
  // Wide screens show every tool; narrower ones keep the secondary tools under "More".
  const wide = useMediaQuery(WIDE_SCREEN)

  // Nothing to show until the plan's content has arrived, from this device or the server.
  const waiting = meta.map.size === 0

  return (
    <OutboxProvider outbox={outbox}>
      <div className="workspace">
        <HuiBar hui={hui} />
        <header className="workspace-head">
          <div className="workspace-title">
            {/* One line where room is short; the whole title stays in the heading and its tooltip. */}
            <h1 title={title}>{title}</h1>
            <p className="workspace-place">{[community, district].filter(Boolean).join(' · ')}</p>
            {wide && <PlanReviewDate doc={session.doc} canEdit={hui.isFacilitator} />}
          </div>
          <SyncStatus session={session} />
          {/* One compact toolbar: what is used all the time in sight, the rest under "More" where room is short. */}
          <div className="workspace-toolbar">
            <PresenceList session={session} myId={me.id} stepLabel={stepLabel} />
            {editable && <UndoButtons session={session} />}
            <OverflowMenu label={t('more')} collapsed={!wide}>
              <HuiButtons hui={hui} />
              <PandaToggleButton guide={guide} />
              <ExportMenu planId={planId} releases={{ doc: session.doc, userId: me.id, isFacilitator: hui.isFacilitator }} />
              <PlanSettingsButton planId={planId} plan={plan} heading={{ title, community, district }} onChanged={onPlanChanged} />
              {notSavedCopies.length > 0 && (
                <button type="button" className="btn" onClick={() => setPanel('notSaved')}>
                  {t('notSaved.listButton', { count: notSavedCopies.length })}
                </button>
              )}
              <button type="button" className="btn" onClick={() => setPanel('history')}>
                {t('history')}
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  // Membership changes between visits (someone accepted an invite): ask again.
                  onPlanChanged()
                  setPanel('people')
                }}
              >
                {t('people')}
              </button>
              <AccessLogButton planId={planId} plan={plan} />
              <ReleasesButton planId={planId} session={session} me={me} members={plan.members} />
              <PlanDistrictButton planId={planId} role={plan.role} doc={session.doc} />
              {!wide && <PlanReviewDate doc={session.doc} canEdit={hui.isFacilitator} />}
            </OverflowMenu>
          </div>
          {/* Below wide screens, one scrolling line of steps beside the toolbar (workspace.css). */}
          <StepNav doc={session.doc} planId={planId} current={step.id} members={plan.members} />
        </header>
        <RefusedNotice
          session={session}
          planPath={`/plans/${planId}/${stepId}`}
          rejoining={handle.rejoining}
          onKeepAndRejoin={handle.keepAndRejoin}
        />
        {handle.kept && <NotSavedBanner onOpen={() => setPanel('notSaved')} onDismiss={handle.dismissKept} />}
        <RestoreNotice session={session} />
        <PlanLifecycleNotice planId={planId} plan={plan} onChanged={onPlanChanged} />
        <OutboxStatus outbox={outbox} />
        {!roleCanEdit(plan.role) && <Notice kind="info">{t('viewerNotice')}</Notice>}
        {roleCanEdit(plan.role) && session.editsRefused && <Notice kind="warning">{t('sync.editsRefused')}</Notice>}
        {fromDevice && <p className="workspace-note">{t('fromDevice')}</p>}
        <PandaLayout guide={guide} session={session} canEdit={hui.isFacilitator}>
          <div className="workspace-step">
            {waiting ? (
              <p className="loading" role="status">
                {sync.kind === 'offline' ? t('offlineNoCopy') : t('sync.loading')}
              </p>
            ) : (
              <PlanItemsProvider planId={planId} session={session} members={plan.members} me={me} role={plan.role} canEdit={editable}>
                <StepComponent session={session} canEdit={editable} members={plan.members} me={me} />
              </PlanItemsProvider>
            )}
          </div>
        </PandaLayout>
        <Dialog open={panel === 'history'} title={t('historyTitle')} onClose={() => setPanel(null)}>
          <HistoryPanel planId={planId} role={plan.role} session={session} />
        </Dialog>
        <Dialog open={panel === 'people'} title={t('peopleTitle')} onClose={() => setPanel(null)}>
          <PeoplePanel planId={planId} plan={plan} me={me} onChanged={onPlanChanged} />
        </Dialog>
        <NotSavedCopiesDialog
          copies={notSavedCopies}
          open={panel === 'notSaved'}
          initialId={handle.kept?.id ?? null}
          onClose={() => setPanel(null)}
        />
        <HuiDialogs hui={hui} />
      </div>
    </OutboxProvider>
  )
}
