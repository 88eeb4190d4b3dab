import { useCallback, useSyncExternalStore } from 'react'

/** Whether a CSS media query matches now; re-renders when that changes (a phone turned, a window resized). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query)
      list.addEventListener('change', onChange)
      return () => list.removeEventListener('change', onChange)
    },
    [query],
  )
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches)
}

/** Screens wide enough for a side column beside the plan (matches the CSS breakpoint). */
export const WIDE_SCREEN = '(min-width: 64rem)'
/** Phone width: tables become stacked cards. */
export const PHONE_SCREEN = '(max-width: 40rem)'
