import { useEffect, useReducer, useSyncExternalStore } from 'react'
import type { PlanSession, SyncState } from './planSession'

/** What useYChanges needs of a Yjs type (Y.Map, Y.Array, Y.Text, Y.XmlFragment...). */
interface Observable {
  observe(listener: () => void): void
  unobserve(listener: () => void): void
  observeDeep(listener: () => void): void
  unobserveDeep(listener: () => void): void
}

/**
 * Re-renders the component whenever `type` (or, with `deep`, anything inside it) changes,
 * locally or remotely. Components read the Yjs values they show during render.
 */
export function useYChanges(type: Observable | null | undefined, deep = true): void {
  const [, bump] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    if (!type) return
    const onChange = () => bump()
    if (deep) type.observeDeep(onChange)
    else type.observe(onChange)
    return () => {
      if (deep) type.unobserveDeep(onChange)
      else type.unobserve(onChange)
    }
  }, [type, deep])
}

/** The session's connection state, as React state. */
export function useSyncState(session: PlanSession): SyncState {
  return useSyncExternalStore(session.subscribe, session.getState)
}
