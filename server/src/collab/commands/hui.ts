import {
  addAgendaItem,
  addDefaultAgenda,
  clearFacilitatorFocus,
  fingerprintsOf,
  getHuiState,
  listAgenda,
  removeAgendaItem,
  setCurrentAgendaItem,
  setFacilitatorFocus,
  setHuiTimer,
  startHui,
  targetKey,
  toPlanJson,
  type HuiAdvanceBody,
  type HuiFocusBody,
  type HuiStartBody,
  type HuiStateResult,
  type HuiTimerBody,
  type ScheduledAgendaItem,
} from '@hononga/shared'
import type * as Y from 'yjs'
import { AppError, notFound } from '../../errors'
import type { CommandAnswer } from '../service'
import type { CommandScope } from './run'

/**
 * Running a hui: start it, move to an agenda item, pause / resume / extend the timer, and
 * say where the facilitator is. Facilitators only (the routes check the role). Everyone
 * present is recorded as attending when the hui starts (collab/hooks/attendance.ts).
 */

/** The hui as the server left it. */
export function huiStateOf(doc: Y.Doc): HuiStateResult {
  const { huiId, active, startedAt, currentItemId, currentItemStartedAt, timerPausedAt, timerExtraMs } = getHuiState(doc)
  return { huiId, active, startedAt, currentItemId, currentItemStartedAt, timerPausedAt, timerExtraMs }
}

const noHui = () => new AppError('conflict', 'No hui is running in this plan')

function requireRunning(doc: Y.Doc): void {
  if (!getHuiState(doc).active) throw noHui()
}

/**
 * Starts a hui (409 when one is running); `agenda: 'default'` fills an empty agenda first. A
 * scheduled hui's agenda (`scheduled`, issue 14) replaces the agenda items, when it has any.
 */
export function startRunningHui(
  scope: CommandScope,
  body: HuiStartBody,
  scheduled?: readonly ScheduledAgendaItem[],
): CommandAnswer<HuiStateResult> {
  const { room, origin, caller, at } = scope
  return scope.commit(() => {
    if (getHuiState(room.doc).active) throw new AppError('conflict', 'A hui is already running in this plan')
    if (scheduled && scheduled.length > 0) {
      for (const item of listAgenda(room.doc)) removeAgendaItem(room.doc, item.id, origin)
      for (const item of scheduled) addAgendaItem(room.doc, item, origin)
    }
    if (body.agenda === 'default') addDefaultAgenda(room.doc, origin)
    startHui(room.doc, caller.userId, at, origin)
    return { status: 200, body: huiStateOf(room.doc) }
  })
}

/** Makes an agenda item current and restarts its timer. */
export function advanceHui(scope: CommandScope, body: HuiAdvanceBody): CommandAnswer<HuiStateResult> {
  const { room, origin, at } = scope
  return scope.commit(() => {
    requireRunning(room.doc)
    if (!listAgenda(room.doc).some((item) => item.id === body.itemId)) throw notFound('No such agenda item')
    setCurrentAgendaItem(room.doc, body.itemId, at, origin)
    return { status: 200, body: huiStateOf(room.doc) }
  })
}

/** Pauses, resumes or extends the current item's timer (409 without a current item). */
export function setTimer(scope: CommandScope, body: HuiTimerBody): CommandAnswer<HuiStateResult> {
  const { room, origin, at } = scope
  return scope.commit(() => {
    requireRunning(room.doc)
    if (getHuiState(room.doc).currentItemId === null) throw new AppError('conflict', 'No agenda item is current, so there is no timer')
    setHuiTimer(room.doc, body.action, body.minutes ?? 5, at, origin)
    return { status: 200, body: huiStateOf(room.doc) }
  })
}

/** Where the facilitator is, for those who follow (null: nowhere in particular). */
export function setFocus(scope: CommandScope, body: HuiFocusBody): CommandAnswer<HuiStateResult> {
  const { room, origin, caller, at } = scope
  return scope.commit(() => {
    requireRunning(room.doc)
    const focus = body.focus
    if (focus === null) clearFacilitatorFocus(room.doc, origin)
    else {
      if (focus.target && !fingerprintsOf(toPlanJson(room.doc)).has(targetKey(focus.target))) throw notFound('No such item in this plan')
      setFacilitatorFocus(room.doc, { step: focus.step, target: focus.target, by: caller.userId, at }, origin)
    }
    return { status: 200, body: huiStateOf(room.doc) }
  })
}
