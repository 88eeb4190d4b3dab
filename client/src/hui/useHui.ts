import { canFacilitate, type HuiTimerBody, type Me, type PlanDetail } from '@hononga/shared'
import { useState } from 'react'
import type { StepId } from '../plan-steps/types'
import { isConnected, type Outbox } from '../sync/outbox'
import type { PlanSession } from '../sync/planSession'
import { useSyncState } from '../sync/useY'
import { stepOfEntry, type AgendaEntry } from './agenda'
import { scrollToItem } from './scrollToItem'
import { useFollowFacilitator, type FollowFacilitator } from './useFollowFacilitator'
import { useHuiCommands } from './useHuiCommands'
import { useHuiDocument, type HuiDocument } from './useHuiDocument'
import { useHuiEnded, type HuiEnded } from './useHuiEnded'

export type HuiPanel = 'agenda' | 'parking' | 'end' | null

/**
 * Everything the hui's parts share: the hui from the plan, this person's place in it (following
 * or leading), how it ended, and what they can do.
 */
export interface HuiModel extends HuiDocument, Omit<FollowFacilitator, 'moveTo'>, Omit<HuiEnded, 'setEnded'> {
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
  panel: HuiPanel
  setPanel(panel: HuiPanel): void
  start(): void
  goTo(entry: AgendaEntry): void
  /** Pause, resume or add minutes (5 by default) to the current item's timer. */
  timer(action: HuiTimerBody['action'], minutes?: number): void
  /** A facilitator who is not leading takes the lead from where they are. */
  leadHere(): void
  end(): Promise<void>
}

/**
 * Hui mode for one open plan: reads the hui from the document (`useHuiDocument`) and keeps
 * this person's side of it: following the facilitator, or for the facilitator, sharing where
 * they are (`useFollowFacilitator`). Facilitators change the hui through commands
 * (`useHuiCommands`); the end of the hui is noticed by `useHuiEnded`. Attendance is recorded
 * by the server for everyone connected while the hui runs.
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
  const hui = useHuiDocument(session.doc)
  const online = isConnected(useSyncState(session))
  const isFacilitator = canFacilitate(plan.role) && canEdit
  const controls = useHuiCommands(planId, session)
  const { shareFocus } = controls
  const { moveTo, ...follow } = useFollowFacilitator({
    planId,
    stepId,
    me,
    members: plan.members,
    state: hui.state,
    isFacilitator,
    shareFocus,
  })
  const { setEnded, ...ended } = useHuiEnded(hui.state.active)
  const [panel, setPanel] = useState<HuiPanel>(null)

  return {
    planId,
    session,
    me,
    isFacilitator,
    canEdit,
    outbox,
    online,
    busy: controls.busy,
    problem: controls.problem,
    ...hui,
    ...follow,
    ...ended,
    panel,
    setPanel,
    start: () => {
      setEnded(null)
      void controls.start().then((started) => {
        if (started) shareFocus(stepId)
      })
    },
    goTo: (entry) => {
      void controls.advance(entry.id)
      const step = stepOfEntry(entry)
      if (!step) return
      // Share first, so the navigation below finds the focus already there (with its item).
      shareFocus(step, entry.target)
      if (step !== stepId) moveTo(step)
      // On this step or the next one (scrollToItem waits for the item to render).
      if (entry.target) scrollToItem(entry.target)
    },
    timer: (action, minutes) => void controls.timer(action, minutes),
    leadHere: () => {
      follow.setFollowing(false)
      shareFocus(stepId)
    },
    end: async () => {
      setEnded(await controls.end())
      setPanel(null)
    },
  }
}
