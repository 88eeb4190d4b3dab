import { useEffect, useState } from 'react'

/** Cards rendered at once when a list opens: what fills a screen, with some to spare. */
export const FIRST_CARDS = 3
/** A list longer than this is laid out only near the screen (`.item-list.is-long`, steps.css). */
export const LONG_LIST = 8
/** Cards added per idle moment after that. */
export const CARDS_PER_STEP = 4

type IdleWindow = Window & {
  requestIdleCallback?: (callback: () => void, options?: { timeout: number }) => number
  cancelIdleCallback?: (handle: number) => void
}

/**
 * How many items of a long list to render now: the first few at once, so that the step can
 * be typed in as soon as it opens however large the plan, and the rest a few at a time when
 * the browser is idle (all of them within a moment; find-in-page and print then see them all).
 * Never fewer than were shown before: items only ever appear.
 */
export function useProgressiveCount(total: number, first = FIRST_CARDS, step = CARDS_PER_STEP): number {
  const [shown, setShown] = useState(() => Math.min(total, first))
  const behind = shown < total
  useEffect(() => {
    if (!behind) return
    const idle = window as IdleWindow
    const more = () => setShown((count) => count + step)
    if (idle.requestIdleCallback && idle.cancelIdleCallback) {
      const handle = idle.requestIdleCallback(more, { timeout: 200 })
      return () => idle.cancelIdleCallback?.(handle)
    }
    const handle = setTimeout(more, 16)
    return () => clearTimeout(handle)
  }, [behind, shown, step])
  return Math.min(shown, total)
}
