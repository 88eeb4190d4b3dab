import { useEffect, useReducer, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import type { PlanSession, SyncState } from './planSession'

/**
 * Re-renders the component whenever `type` (or, with `deep`, anything inside it) changes,
 * locally or remotely. Components read the Yjs values they show during render.
 */
export function useYChanges(type: Y.AbstractType<unknown> | null | undefined, deep = true): void {
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
