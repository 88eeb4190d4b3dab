import { newId, type HuiEndResult, type HuiTimerBody } from '@hononga/shared'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, commands } from '../api/client'
import type { StepId } from '../plan-steps/types'
import { isConnected, whenSaved } from '../sync/outbox'
import type { PlanSession } from '../sync/planSession'
import type { AgendaEntry } from './agenda'

/** The hui's commands to the server, and how the last one went. */
export interface HuiCommands {
  /** A hui control is on its way to the server. */
  busy: boolean
  /** Why the last hui control failed, in words; null when it did not. */
  problem: string | null
  /** Starts the hui; true once the server has. */
  start(): Promise<boolean>
  /** Makes an agenda item the current one. */
  advance(itemId: string): Promise<boolean>
  timer(action: HuiTimerBody['action'], minutes?: number): Promise<boolean>
  /** Tells followers where this facilitator is: best effort (a lost focus only means followers stay put). */
  shareFocus(step: StepId, target?: AgendaEntry['target']): void
  /** Ends the hui: the server keeps its minutes. Throws when it fails. */
  end(): Promise<HuiEndResult>
}

/**
 * The facilitator's hui controls. The hui's state is the server's to write, so each is a
 * command that needs a connection and is never queued; each waits until every edit made
 * here is stored (the agenda item it names may have just been added), gets its own
 * idempotency key, and says why when it fails. Ending the hui reports its failure to the caller.
 */
export function useHuiCommands(planId: string, session: PlanSession): HuiCommands {
  const { t } = useTranslation('hui')
  const { t: tc } = useTranslation('common')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

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

  const shareFocus = useCallback(
    (step: StepId, target: AgendaEntry['target'] = null) => {
      if (!isConnected(session.getState())) return
      commands.huiFocus(planId, { focus: { step, target } }, newId()).catch(() => undefined)
    },
    [session, planId],
  )

  return {
    busy,
    problem,
    start: () => control((key) => commands.huiStart(planId, {}, key)),
    advance: (itemId) => control((key) => commands.huiAdvance(planId, { itemId }, key)),
    timer: (action, minutes) => control((key) => commands.huiTimer(planId, { action, ...(minutes ? { minutes } : {}) }, key)),
    shareFocus,
    end: () => commands.huiEnd(planId, newId()),
  }
}
