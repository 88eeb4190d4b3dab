import { describe, expect, it } from 'vitest'
import type { AgendaEntry } from '../agenda'
import { agendaKeyDelta, agendaStep, presentedPlace } from './presentView'

const entry = (id: string): AgendaEntry => ({
  id,
  kind: 'free',
  title: id,
  stepId: null,
  target: null,
  durationMinutes: 5,
  itemTitle: null,
})
const agenda = ['a', 'b', 'c'].map(entry)

describe('presentedPlace', () => {
  it('shows the current item and the one after it', () => {
    expect(presentedPlace(agenda, 'b', null)).toMatchObject({ entry: { id: 'b' }, index: 1, next: { id: 'c' }, onCurrent: true })
    expect(presentedPlace(agenda, 'c', null).next).toBeNull()
  })

  it('shows the item this screen moved to on its own, until it leaves the agenda', () => {
    expect(presentedPlace(agenda, 'a', 'c')).toMatchObject({ entry: { id: 'c' }, onCurrent: false })
    expect(presentedPlace(agenda, 'a', 'gone')).toMatchObject({ entry: { id: 'a' }, onCurrent: true })
  })

  it('starts at the first item before any is current, and shows nothing for an empty agenda', () => {
    expect(presentedPlace(agenda, null, null)).toMatchObject({ entry: { id: 'a' }, onCurrent: false })
    expect(presentedPlace([], null, null)).toEqual({ entry: null, index: -1, next: null, onCurrent: false })
  })
})

describe('agendaStep', () => {
  it('moves one item either way and stops at the ends', () => {
    expect(agendaStep(agenda, 'a', 1)?.id).toBe('b')
    expect(agendaStep(agenda, 'b', -1)?.id).toBe('a')
    expect(agendaStep(agenda, 'a', -1)).toBeNull()
    expect(agendaStep(agenda, 'c', 1)).toBeNull()
  })

  it('starts from the first item when there is no current one', () => {
    expect(agendaStep(agenda, null, 1)?.id).toBe('a')
    expect(agendaStep([], null, 1)).toBeNull()
  })
})

describe('agendaKeyDelta', () => {
  it('reads arrows and clicker keys, nothing else', () => {
    expect([agendaKeyDelta('ArrowRight'), agendaKeyDelta('PageDown')]).toEqual([1, 1])
    expect([agendaKeyDelta('ArrowLeft'), agendaKeyDelta('PageUp')]).toEqual([-1, -1])
    expect(agendaKeyDelta('Enter')).toBeNull()
  })
})
