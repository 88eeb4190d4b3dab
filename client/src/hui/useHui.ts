import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import { canFacilitate, newId, type AgreementTarget, type HuiEndResult, type HuiState, type HuiTimerBody, type Me, type PlanDetail } from '@hononga/shared'
import { ApiError, commands } from '../api/client'
import { STEPS } from '../plan-steps'
import { itemHeadingId } from '../plan-steps/SectionItemCard'
import type { StepId } from '../plan-steps/types'
import { isConnected, whenSaved, type Outbox } from '../sync/outbox'
import type { PlanSession } from '../sync/planSession'
import { useDocValue } from '../sync/useDocValue'
import { useSyncState } from '../sync/useY'
import { isStepId, neighbours, readAgenda, readHuiState, readParkingLot, stepOfEntry, type AgendaEntry } from './agenda'

export type HuiPanel = 'agenda' | 'parking' | 'end' | null

/** Everything the hui's parts share: the state from the plan, this person's place in it, and what they can do. */
export interface HuiModel {
  planId: string
  session: PlanSession
  me: Me
  /** May run the hui (agenda, start, next, end). */
  isFacilitator: boolean
  /** May change the plan (park a topic). */
  canEdit: boolean
  /** Where topics wait until recorded; null until it has opened. */
  outbox: Outbox | null
  /** Connected to the server: the hui controls (which cannot wait in the outbox) work. */
  online: boolean
  /** A hui control is on its way to the server. */
  busy: boolean
  /** Why the last hui control failed, in words; null when it did not. */
  problem: string | null
  state: HuiState
  agenda: AgendaEntry[]
  current: AgendaEntry | null
  previous: AgendaEntry | null
  next: AgendaEntry | null
  openTopics: number
  /** This person's navigation is the one others follow. */
  leading: boolean
  /** Whether this person's screen follows the facilitator's. */
  following: boolean
  /** Whether to offer "Follow the facilitator" (everyone in a hui but whoever leads). */
  canFollow: boolean
  /** Something to say politely (the follow moved the screen). */
  announcement: string
  panel: HuiPanel
  /** This facilitator ended the hui: where its minutes are. */
  ended: HuiEndResult | null
  /** The hui ended while this person was here (someone else ended it). */
  endedWhileHere: boolean
  setPanel(panel: HuiPanel): void
  setFollowing(on: boolean): void
  start(): void
  goTo(entry: AgendaEntry): void
  /** Pause, resume or add minutes (5 by default) to the current item's timer. */
  timer(action: HuiTimerBody['action'], minutes?: number): void
  /** A facilitator who is not leading takes the lead from where they are. */
  leadHere(): void
  end(): Promise<void>
  dismissEnded(): void
}

/**
 * Hui mode for one open plan: reads the hui from the document and keeps this person's side
 * of it: following the facilitator (or, for the facilitator, sharing where they are).
 * Attendance is recorded by the server for everyone connected while the hui runs. The hui's
 * state is the server's to write: facilitators change it through commands (start, advance,
 * timer, focus, end), which need a connection and are never queued.
 */
export function useHui({
  planId,
  session,
  stepId,
  me,
  plan,
  canEdit,
  outbox,
}: {
  planId: string
  session: PlanSession
  stepId: StepId
  me: Me
  plan: PlanDetail
  canEdit: boolean
  outbox: Outbox | null
}): HuiModel {
  const { t } = useTranslation('hui')
  const { t: tc } = useTranslation('common')
  const doc = session.doc
  const [, navigate] = useLocation()
  const state = useDocValue(doc, readHuiState)
  const agenda = useDocValue(doc, readAgenda)
  const openTopics = useDocValue(doc, (d) => readParkingLot(d).filter((topic) => !topic.resolved).length)
  const [panel, setPanel] = useState<HuiPanel>(null)
  const [ended, setEnded] = useState<HuiEndResult | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [endedWhileHere, setEndedWhileHere] = useState(false)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const online = isConnected(useSyncState(session))
  const wasActive = useRef(state.active)
  useEffect(() => {
    if (wasActive.current && !state.active) setEndedWhileHere(true)
    if (state.active) setEndedWhileHere(false)
    wasActive.current = state.active
  }, [state.active])
  const isFacilitator = canFacilitate(plan.role) && canEdit
  const { previous, next } = neighbours(agenda, state.currentItemId)
  const current = agenda.find((entry) => entry.id === state.currentItemId) ?? null
  const focus = state.active ? state.focus : null
  const leading = isFacilitator && focus?.by === me.id

  // Following: on by default for participants, off for facilitators; chosen again per hui.
  const [followChoice, setFollowChoice] = useState<{ huiId: string | null; on: boolean } | null>(null)
  const chosen = followChoice && followChoice.huiId === state.huiId ? followChoice.on : !isFacilitator
  const canFollow = state.active && !leading
  const following = canFollow && chosen
  const setFollowing = useCallback((on: boolean) => setFollowChoice({ huiId: state.huiId, on }), [state.huiId])

  // Latest values for the effects below, which must not re-run on every change of them.
  const latest = useRef({ following, stepId, focus, isFacilitator, leading, active: state.active })
  latest.current = { following, stepId, focus, isFacilitator, leading, active: state.active }
  /** The step this screen is being taken to by following (not the person's own choice). */
  const followedTo = useRef<string | null>(null)

  /**
   * Sends a hui control once every edit made here is stored (the agenda item it names may
   * have just been added); says why when it fails. Each control gets its own idempotency key.
   */
  const control = useCallback(
    async (send: (key: string) => Promise<unknown>): Promise<boolean> => {
      setBusy(true)
      setProblem(null)
      try {
        await whenSaved(session)
        await send(newId())
        return true
      } catch (error) {
        setProblem(error instanceof ApiError ? t('control.failed', { message: error.message }) : tc('status.networkError'))
        return false
      } finally {
        setBusy(false)
      }
    },
    [session, t, tc],
  )

  // Where the facilitator is: best effort (a lost focus only means followers stay put).
  const shareFocus = useCallback(
    (step: StepId, target: AgendaEntry['target'] = null) => {
      if (!isConnected(session.getState())) return
      commands.huiFocus(planId, { focus: { step, target } }, newId()).catch(() => undefined)
    },
    [session, planId],
  )

  // Go where the facilitator is, whenever they move (and when following is turned back on).
  useEffect(() => {
    if (!following || !focus || !isStepId(focus.step)) return
    if (focus.step !== latest.current.stepId) {
      followedTo.current = focus.step
      navigate(`/plans/${planId}/${focus.step}`)
      const name = focus.by === me.id ? '' : (plan.members.find((member) => member.userId === focus.by)?.name ?? t('bar.theFacilitator'))
      const step = tc(STEPS.find((s) => s.id === focus.step)?.labelKey ?? focus.step)
      setAnnouncement(t('follow.moved', { name, step }))
    }
    if (focus.target) scrollToItem(focus.target)
    // Only the facilitator's moves (and turning following on) move this screen: not this
    // person's own steps, which the next effect handles.
  }, [following, focus?.step, focus?.at, focus?.target?.id])

  // This person changed step: by their own choice it stops following; a leading facilitator shares it.
  const previousStep = useRef(stepId)
  useEffect(() => {
    if (previousStep.current === stepId) return
    previousStep.current = stepId
    const now = latest.current
    if (followedTo.current === stepId) {
      followedTo.current = null
      return
    }
    followedTo.current = null
    if (now.following) setFollowing(false)
    if (now.active && now.isFacilitator && (now.leading || now.focus === null) && now.focus?.step !== stepId) shareFocus(stepId)
  }, [stepId, setFollowing, shareFocus])

  // Attendance is recorded by the server for everyone connected while a hui runs.

  const goTo = (entry: AgendaEntry) => {
    void control((key) => commands.huiAdvance(planId, { itemId: entry.id }, key))
    const step = stepOfEntry(entry)
    if (!step) return
    // Share first, so the navigation below finds the focus already there (with its item).
    shareFocus(step, entry.target)
    if (step !== stepId) {
      followedTo.current = null
      navigate(`/plans/${planId}/${step}`)
    } else if (entry.target) scrollToItem(entry.target)
  }

  return {
    planId,
    session,
    me,
    isFacilitator,
    canEdit,
    outbox,
    online,
    busy,
    problem,
    state,
    agenda,
    current,
    previous,
    next,
    openTopics,
    leading,
    following,
    canFollow,
    announcement,
    panel,
    ended,
    endedWhileHere,
    setPanel,
    setFollowing,
    start: () => {
      setEnded(null)
      void control((key) => commands.huiStart(planId, {}, key)).then((started) => {
        if (started) shareFocus(stepId)
      })
    },
    goTo,
    timer: (action, minutes) => void control((key) => commands.huiTimer(planId, { action, ...(minutes ? { minutes } : {}) }, key)),
    leadHere: () => {
      setFollowing(false)
      shareFocus(stepId)
    },
    end: async () => {
      const result = await commands.huiEnd(planId, newId())
      setEnded(result)
      setPanel(null)
    },
    dismissEnded: () => {
      setEnded(null)
      setEndedWhileHere(false)
    },
  }
}

/** Brings a plan item into view once its step has rendered (without moving keyboard focus). */
function scrollToItem(target: AgreementTarget): void {
  const id = target.kind === 'monitoring' ? `monitoring-${itemHeadingId(target.id)}` : itemHeadingId(target.id)
  let tries = 0
  const attempt = () => {
    const heading = document.getElementById(id)
    if (heading) heading.scrollIntoView({ block: 'start' })
    else if (++tries < 20) window.setTimeout(attempt, 100)
  }
  attempt()
}
