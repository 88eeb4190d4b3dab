import { useCallback, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'

/**
 * The current content of a Y.Text, as React state: the component re-renders when the text
 * changes, here or on another device. For showing a title, not for editing it (see YTextInput).
 */
export function useYText(text: Y.Text | null | undefined): string {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!text) return () => {}
      text.observe(onChange)
      return () => text.unobserve(onChange)
    },
    [text],
  )
  return useSyncExternalStore(subscribe, () => text?.toString() ?? '')
}
