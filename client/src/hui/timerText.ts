import type { HuiState } from '@hononga/shared'
import { readTimer, type AgendaEntry } from './agenda'

type TimerState = Pick<HuiState, 'active' | 'currentItemId' | 'currentItemStartedAt' | 'timerPausedAt' | 'timerExtraMs'>

/**
 * What the current item's timer says, ready for the `hui:timer.*` keys: time left or so far as
 * a clock ("4:05 left"), and over time in whole minutes ("4 min over"), which is what a room
 * needs to know and reads from the back of a hall; under a minute over, "Time is up".
 * `overKey` names one stretch of over time (the item, its start and the minutes added), so the
 * moment it runs over is announced once, and again only after it is extended and runs over anew.
 */
export type TimerWords =
  | { kind: 'left' | 'elapsed'; clock: string; paused: boolean }
  | { kind: 'over'; minutes: number; clock: string; paused: boolean; overKey: string }
  | null

export function timerWords(state: TimerState, entry: AgendaEntry | null, now: number): TimerWords {
  const reading = readTimer(state, entry, now)
  if (!reading) return null
  if (reading.kind !== 'over') return { kind: reading.kind, clock: reading.clock, paused: reading.paused }
  // readTimer is 'over' only for a current item with minutes that has started.
  if (!entry || entry.durationMinutes === null || state.currentItemStartedAt === null) return null
  const at = state.timerPausedAt ?? now
  const overMs = Math.max(0, at - state.currentItemStartedAt - entry.durationMinutes * 60_000 - state.timerExtraMs)
  return {
    kind: 'over',
    minutes: Math.floor(overMs / 60_000),
    clock: reading.clock,
    paused: reading.paused,
    overKey: `${entry.id}:${state.currentItemStartedAt}:${state.timerExtraMs}`,
  }
}
