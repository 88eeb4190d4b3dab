import { describe, expect, it } from 'vitest'
import type { AgendaEntry } from './agenda'
import { timerWords } from './timerText'

const entry: AgendaEntry = {
  id: 'a1',
  kind: 'karakia',
  title: '',
  stepId: null,
  target: null,
  durationMinutes: 10,
  itemTitle: null,
}
const START = 1_000_000
const running = {
  active: true,
  currentItemId: 'a1',
  currentItemStartedAt: START,
  timerPausedAt: null,
  timerExtraMs: 0,
}
const MIN = 60_000

describe('timerWords', () => {
  it('counts down as a clock while time is left', () => {
    expect(timerWords(running, entry, START + 3 * MIN)).toEqual({ kind: 'left', clock: '7:00', paused: false })
  })

  it('says "time is up" (0 minutes over) in the first minute over, then whole minutes over', () => {
    expect(timerWords(running, entry, START + 10 * MIN + 30_000)).toMatchObject({ kind: 'over', minutes: 0, clock: '0:30' })
    expect(timerWords(running, entry, START + 14 * MIN + 59_000)).toMatchObject({ kind: 'over', minutes: 4, clock: '4:59' })
    expect(timerWords(running, entry, START + 75 * MIN)).toMatchObject({ kind: 'over', minutes: 65 })
  })

  it('counts minutes added and stands still while paused', () => {
    const extended = { ...running, timerExtraMs: 5 * MIN }
    expect(timerWords(extended, entry, START + 12 * MIN)).toMatchObject({ kind: 'left', clock: '3:00' })
    const paused = { ...running, timerPausedAt: START + 16 * MIN }
    expect(timerWords(paused, entry, START + 60 * MIN)).toMatchObject({ kind: 'over', minutes: 6, paused: true })
  })

  it('names each stretch of over time once: the same key every second, a new one after an extension', () => {
    const first = timerWords(running, entry, START + 11 * MIN)
    const later = timerWords(running, entry, START + 13 * MIN)
    const extended = timerWords({ ...running, timerExtraMs: 5 * MIN }, entry, START + 16 * MIN)
    expect(first?.kind === 'over' && later?.kind === 'over' && first.overKey === later.overKey).toBe(true)
    expect(extended?.kind === 'over' && first?.kind === 'over' && extended.overKey !== first.overKey).toBe(true)
  })

  it('has nothing to say without a running hui or a current item; counts up for an item without minutes', () => {
    expect(timerWords({ ...running, active: false }, entry, START)).toBeNull()
    expect(timerWords(running, null, START)).toBeNull()
    expect(timerWords(running, { ...entry, durationMinutes: null }, START + 2 * MIN)).toEqual({
      kind: 'elapsed',
      clock: '2:00',
      paused: false,
    })
  })
})
