import type { HuiState } from '@hononga/shared'
import type * as Y from 'yjs'
import { useDocValue } from '../sync/useDocValue'
import { neighbours, readAgenda, readHuiState, readParkingLot, type AgendaEntry } from './agenda'

/** The hui as the plan document holds it, and where its agenda stands. */
export interface HuiDocument {
  state: HuiState
  agenda: AgendaEntry[]
  current: AgendaEntry | null
  previous: AgendaEntry | null
  next: AgendaEntry | null
  /** Parked topics not yet dealt with. */
  openTopics: number
}

/** Reads the hui from the plan document (the server writes it; everyone reads it), re-rendering when it changes. */
export function useHuiDocument(doc: Y.Doc): HuiDocument {
  const state = useDocValue(doc, readHuiState)
  const agenda = useDocValue(doc, readAgenda)
  const openTopics = useDocValue(doc, (d) => readParkingLot(d).filter((topic) => !topic.resolved).length)
  const { previous, next } = neighbours(agenda, state.currentItemId)
  const current = agenda.find((entry) => entry.id === state.currentItemId) ?? null
  return { state, agenda, current, previous, next, openTopics }
}
