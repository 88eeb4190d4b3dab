import { useEffect, useRef, useState } from 'react'

/** How often the People dialog asks the server again while it is open (and the tab is visible). */
export const PEOPLE_REFRESH_MS = 3_000

/**
 * Calls `refresh` every `intervalMs` while the component is mounted and the page is
 * visible, and once more when the page becomes visible again; returns a counter that moves
 * on each call, for children that fetch their own part (the invite list).
 *
 * Why polling: membership lives in the accounts tables, not in the plan's document, and it
 * changes through several routes (invites accepted, join requests admitted, roles changed,
 * members leaving), some of them on other server processes. Asking again while the dialog
 * is open (a few minutes at most, one small request every few seconds) keeps the dialog
 * current without a new message type on every plan socket.
 */
export function useRefreshWhileOpen(refresh: () => void, intervalMs = PEOPLE_REFRESH_MS): number {
  const latest = useRef(refresh)
  latest.current = refresh
  const [tick, setTick] = useState(0)
  useEffect(() => {
    const run = () => {
      if (document.visibilityState !== 'visible') return
      latest.current()
      setTick((n) => n + 1)
    }
    const timer = window.setInterval(run, intervalMs)
    document.addEventListener('visibilitychange', run)
    return () => {
      window.clearInterval(timer)
      document.removeEventListener('visibilitychange', run)
    }
  }, [intervalMs])
  return tick
}
