import { useCallback, useEffect, useRef, useState } from 'react'
import { api } from '../api/client'

/** How often the bell asks for the unread count while the page is open. */
export const UNREAD_POLL_MS = 60_000
/** A focus within this long of the last ask does not ask again (switching tabs quickly stays cheap). */
const FOCUS_MIN_GAP_MS = 10_000

/** Other parts of the page (the notifications page) ask the bell to refresh after marking read. */
export const UNREAD_CHANGED = 'hononga:notifications-changed'

/**
 * The signed-in person's unread count: asked once, then every minute and when the window
 * regains focus (at most once per 10 s), never while signed out. One request at a time:
 * a slow answer is not overtaken by a second ask. A failed ask keeps the last count.
 */
export function useUnreadCount(enabled: boolean): number | null {
  const [unread, setUnread] = useState<number | null>(null)
  const inFlight = useRef(false)
  const lastAsked = useRef(0)

  const refresh = useCallback(async () => {
    if (inFlight.current) return
    inFlight.current = true
    lastAsked.current = Date.now()
    try {
      setUnread((await api.notifications()).unread)
    } catch {
      // Offline or signed out meanwhile: keep the last count; the next tick asks again.
    } finally {
      inFlight.current = false
    }
  }, [])

  useEffect(() => {
    if (!enabled) {
      setUnread(null)
      return
    }
    void refresh()
    const timer = window.setInterval(() => void refresh(), UNREAD_POLL_MS)
    const handleFocus = () => {
      if (Date.now() - lastAsked.current >= FOCUS_MIN_GAP_MS) void refresh()
    }
    const handleChanged = () => void refresh()
    window.addEventListener('focus', handleFocus)
    window.addEventListener(UNREAD_CHANGED, handleChanged)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener('focus', handleFocus)
      window.removeEventListener(UNREAD_CHANGED, handleChanged)
    }
  }, [enabled, refresh])

  return unread
}
