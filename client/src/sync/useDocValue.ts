import { useCallback, useRef, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'

/**
 * A value read from the plan document, as React state: `read` runs after every change to the
 * document (here or elsewhere) and the component re-renders only when the value it returns
 * differs (compared by `key`, JSON by default). For small views of the document (the hui's
 * state, the agenda, the parking lot) whose roots `shared/` keeps to itself.
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, key: (value: T) => string = defaultKey): T {
  const cache = useRef<{ value: T; key: string } | null>(null)
  // The latest `read` and `key`, without resubscribing when callers pass new closures.
  const readRef = useRef(read)
  const keyRef = useRef(key)
  readRef.current = read
  keyRef.current = key

  const compute = useCallback((): T => {
    const value = readRef.current(doc)
    const valueKey = keyRef.current(value)
    if (cache.current && cache.current.key === valueKey) return cache.current.value
    cache.current = { value, key: valueKey }
    return value
  }, [doc])

  const subscribe = useCallback(
    (onChange: () => void) => {
      const handleUpdate = () => onChange()
      doc.on('update', handleUpdate)
      return () => doc.off('update', handleUpdate)
    },
    [doc],
  )
  return useSyncExternalStore(subscribe, compute)
}

function defaultKey(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined'
}
