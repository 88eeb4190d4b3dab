import {
  getCondition,
  getFocusArea,
  getHuiState,
  getPriorityAction,
  listAgenda,
  listParkingLot,
  type ActionId,
  type AgendaKind,
  type AgreementTarget,
  type ConditionId,
  type FocusAreaId,
  type HuiState,
  type ParkedTopic,
} from '@hononga/shared'
import type * as Y from 'yjs'
import type { StepId } from '../plan-steps/types'

/** The ROCC steps, as they appear in addresses. */
const STEP_IDS: readonly StepId[] = ['focus-areas', 'environment', 'actions', 'monitoring', 'commitments']

export function isStepId(value: string | null | undefined): value is StepId {
  return value != null && (STEP_IDS as readonly string[]).includes(value)
}

/** One agenda item as the hui shows it: plain values, with the title of the plan item it points at. */
export interface AgendaEntry {
  id: string
  kind: AgendaKind
  /** The facilitator's own title; empty for the usual items, whose titles come from i18n. */
  title: string
  stepId: string | null
  target: AgreementTarget | null
  durationMinutes: number | null
  /** For a chosen plan item: its title now (it may change while the hui runs); null if it was removed. */
  itemTitle: string | null
}

/** The step of the plan where an item lives. */
export function stepOfTarget(target: AgreementTarget): StepId {
  switch (target.kind) {
    case 'focusArea':
      return 'focus-areas'
    case 'condition':
      return 'environment'
    case 'action':
      return 'actions'
    case 'monitoring':
      return 'monitoring'
  }
}

/** The step an agenda item takes the hui to, if any (karakia and free items stay where people are). */
export function stepOfEntry(entry: Pick<AgendaEntry, 'stepId' | 'target'>): StepId | null {
  if (isStepId(entry.stepId)) return entry.stepId
  return entry.target ? stepOfTarget(entry.target) : null
}

/** The current title of a plan item, or null when it no longer exists. */
export function targetTitle(doc: Y.Doc, target: AgreementTarget): string | null {
  switch (target.kind) {
    case 'focusArea':
      return getFocusArea(doc, target.id as FocusAreaId)?.title.toString() ?? null
    case 'condition':
      return getCondition(doc, target.id as ConditionId)?.title.toString() ?? null
    case 'action':
    case 'monitoring':
      return getPriorityAction(doc, target.id as ActionId)?.title.toString() ?? null
  }
}

/** The agenda in order, as plain values (for `useDocValue`). */
export function readAgenda(doc: Y.Doc): AgendaEntry[] {
  return listAgenda(doc).map(({ id, kind, title, stepId, target, durationMinutes }) => ({
    id,
    kind,
    title,
    stepId,
    target,
    durationMinutes,
    itemTitle: target ? targetTitle(doc, target) : null,
  }))
}

/** The hui's state as plain values. */
export function readHuiState(doc: Y.Doc): HuiState {
  return getHuiState(doc)
}

export function readParkingLot(doc: Y.Doc): ParkedTopic[] {
  return listParkingLot(doc)
}

/** The items before and after the current one (the first item is "next" when none is current). */
export function neighbours(
  agenda: readonly AgendaEntry[],
  currentId: string | null,
): { index: number; previous: AgendaEntry | null; next: AgendaEntry | null } {
  const index = currentId === null ? -1 : agenda.findIndex((entry) => entry.id === currentId)
  return {
    index,
    previous: index > 0 ? agenda[index - 1]! : null,
    next: index + 1 < agenda.length ? agenda[index + 1]! : null,
  }
}

/** "4:05", "12:00", "1:02:03": minutes and seconds (with hours past the hour), never negative. */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`
}

/**
 * Where the current item's timer stands at `now`: time left, time over, or (for an item with
 * no minutes set) time so far; `paused` while a facilitator has paused it (the clock then
 * stands still). Computed on each device from the shared start time, the minutes added
 * (extensions and pauses already resumed) and when it was paused.
 */
export type TimerReading = { kind: 'left' | 'over' | 'elapsed'; clock: string; paused: boolean } | null

type TimerState = Pick<HuiState, 'active' | 'currentItemId' | 'currentItemStartedAt'> &
  Partial<Pick<HuiState, 'timerPausedAt' | 'timerExtraMs'>>

export function readTimer(state: TimerState, entry: AgendaEntry | null, now: number): TimerReading {
  if (!state.active || !entry || state.currentItemId !== entry.id || state.currentItemStartedAt === null) return null
  const paused = state.timerPausedAt != null
  const at = state.timerPausedAt ?? now
  const extra = state.timerExtraMs ?? 0
  if (entry.durationMinutes === null)
    return { kind: 'elapsed', clock: formatClock(Math.max(0, at - state.currentItemStartedAt - extra)), paused }
  const duration = entry.durationMinutes * 60_000 + extra
  // Never more than the item's time: `now` may lag a tick behind, or this clock run behind the facilitator's.
  const left = Math.min(duration, state.currentItemStartedAt + duration - at)
  // Round up while time is left, so "0:00" shows only when it is really up.
  if (left > 0) return { kind: 'left', clock: formatClock(Math.ceil(left / 1000) * 1000), paused }
  return { kind: 'over', clock: formatClock(-left), paused }
}
