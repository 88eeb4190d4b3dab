import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAgendaItem, addDefaultAgenda, addFocusArea, initPlanDoc, startHui } from '@hononga/shared'
import { formatClock, neighbours, readAgenda, readTimer, stepOfEntry, type AgendaEntry } from './agenda'

function planWithAgenda() {
  const doc = new Y.Doc()
  initPlanDoc(doc, { title: 'Mahere', community: 'Whakatāne' })
  addDefaultAgenda(doc)
  return doc
}

describe('the hui agenda, as the hui shows it', () => {
  it('reads the usual agenda in order, each item with the step it takes the hui to', () => {
    const agenda = readAgenda(planWithAgenda())
    expect(agenda.map((entry) => entry.kind)).toEqual(['karakia', 'mihi', 'whakawhanaungatanga', 'step', 'step', 'step', 'step', 'closing'])
    expect(agenda.map(stepOfEntry)).toEqual([null, null, null, 'focus-areas', 'environment', 'actions', 'monitoring', null])
  })

  it('gives a chosen plan item its current title and step, and says when it is gone', () => {
    const doc = planWithAgenda()
    const area = addFocusArea(doc, { title: 'Meth harm in Kawerau' })
    addAgendaItem(doc, { kind: 'item', target: { kind: 'focusArea', id: area }, durationMinutes: 10 })
    addAgendaItem(doc, { kind: 'item', target: { kind: 'action', id: 'gone12345' }, durationMinutes: 10 })
    const [item, gone] = readAgenda(doc).slice(-2) as [AgendaEntry, AgendaEntry]
    expect(item.itemTitle).toBe('Meth harm in Kawerau')
    expect(stepOfEntry(item)).toBe('focus-areas')
    expect(gone.itemTitle).toBeNull()
    expect(stepOfEntry(gone)).toBe('actions')
  })

  it('finds the items either side of the current one (the first is next when none is current)', () => {
    const agenda = readAgenda(planWithAgenda())
    expect(neighbours(agenda, null).next?.id).toBe(agenda[0]!.id)
    expect(neighbours(agenda, agenda[0]!.id).previous).toBeNull()
    expect(neighbours(agenda, agenda[3]!.id)).toMatchObject({ index: 3, previous: { id: agenda[2]!.id }, next: { id: agenda[4]!.id } })
    expect(neighbours(agenda, agenda.at(-1)!.id).next).toBeNull()
  })
})

describe('the shared timer', () => {
  it("counts down from the item's minutes, then says how far over time it is", () => {
    const doc = planWithAgenda()
    startHui(doc, 'facilitator', 1_000_000)
    const state = { active: true, currentItemId: readAgenda(doc)[0]!.id, currentItemStartedAt: 1_000_000 }
    const karakia = readAgenda(doc)[0]! // 5 minutes
    expect(readTimer(state, karakia, 1_000_000)).toEqual({ kind: 'left', clock: '5:00', paused: false })
    expect(readTimer(state, karakia, 1_000_000 - 800)).toEqual({ kind: 'left', clock: '5:00', paused: false })
    expect(readTimer(state, karakia, 1_000_000 + 61_500)).toEqual({ kind: 'left', clock: '3:59', paused: false })
    expect(readTimer(state, karakia, 1_000_000 + 5 * 60_000)).toEqual({ kind: 'over', clock: '0:00', paused: false })
    expect(readTimer(state, karakia, 1_000_000 + 7 * 60_000 + 5_000)).toEqual({ kind: 'over', clock: '2:05', paused: false })
    expect(readTimer({ ...state, active: false }, karakia, 1_000_000)).toBeNull()
    expect(readTimer(state, { ...karakia, durationMinutes: null }, 1_000_000 + 90_000)).toEqual({
      kind: 'elapsed',
      clock: '1:30',
      paused: false,
    })
  })

  it('stands still while paused, and carries on with the minutes added', () => {
    const doc = planWithAgenda()
    startHui(doc, 'facilitator', 1_000_000)
    const karakia = readAgenda(doc)[0]! // 5 minutes
    const running = { active: true, currentItemId: karakia.id, currentItemStartedAt: 1_000_000, timerPausedAt: null, timerExtraMs: 0 }
    const paused = { ...running, timerPausedAt: 1_000_000 + 60_000 }
    expect(readTimer(paused, karakia, 1_000_000 + 10 * 60_000)).toEqual({ kind: 'left', clock: '4:00', paused: true })
    // Resumed after 2 minutes paused, then extended by 5: 4 minutes left became 9.
    const resumed = { ...running, timerExtraMs: 2 * 60_000 + 5 * 60_000 }
    expect(readTimer(resumed, karakia, 1_000_000 + 3 * 60_000)).toEqual({ kind: 'left', clock: '9:00', paused: false })
    expect(readTimer(resumed, karakia, 1_000_000 + 13 * 60_000)).toEqual({ kind: 'over', clock: '1:00', paused: false })
  })

  it('writes hours when an item runs past the hour', () => {
    expect(formatClock(0)).toBe('0:00')
    expect(formatClock(59_999)).toBe('0:59')
    expect(formatClock(3_723_000)).toBe('1:02:03')
    expect(formatClock(-65_000)).toBe('1:05')
  })
})
