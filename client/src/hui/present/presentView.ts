import type { AgendaEntry } from '../agenda'

/** Where one screen stands in the agenda while presenting. */
export interface PresentedPlace {
  /** The agenda item shown; null when the agenda is empty. */
  entry: AgendaEntry | null
  /** Its place in the agenda (0-based), -1 with no item. */
  index: number
  /** The item after it, shown as "Next". */
  next: AgendaEntry | null
  /** This screen shows the hui's current item (it has not looked elsewhere on its own). */
  onCurrent: boolean
}

/**
 * The item a presentation screen shows: the one this screen moved to on its own (`ownId`),
 * if it is still on the agenda, else the hui's current item, else the first.
 */
export function presentedPlace(agenda: readonly AgendaEntry[], currentId: string | null, ownId: string | null): PresentedPlace {
  const find = (id: string | null) => (id === null ? -1 : agenda.findIndex((entry) => entry.id === id))
  let index = find(ownId)
  if (index < 0) index = find(currentId)
  if (index < 0 && agenda.length > 0) index = 0
  const entry = index >= 0 ? agenda[index]! : null
  return {
    entry,
    index,
    next: index >= 0 && index + 1 < agenda.length ? agenda[index + 1]! : null,
    onCurrent: entry !== null && entry.id === currentId,
  }
}

/**
 * The item `delta` places from `fromId` (the first item when `fromId` is not on the agenda),
 * or null past either end: the arrow keys stop at the ends rather than wrap round.
 */
export function agendaStep(agenda: readonly AgendaEntry[], fromId: string | null, delta: number): AgendaEntry | null {
  const from = fromId === null ? -1 : agenda.findIndex((entry) => entry.id === fromId)
  const to = from < 0 ? 0 : from + delta
  return to >= 0 && to < agenda.length && to !== from ? agenda[to]! : null
}

/** Keys that move through the agenda: arrows, and what a presentation clicker sends. */
export function agendaKeyDelta(key: string): -1 | 1 | null {
  if (key === 'ArrowRight' || key === 'PageDown') return 1
  if (key === 'ArrowLeft' || key === 'PageUp') return -1
  return null
}
