import { useCallback, useEffect, useRef } from 'react'

/** The CSS variable the page scrolls by (`scroll-padding-top` in hui.css), in pixels. */
const OFFSET_VARIABLE = '--hui-bar-offset'
/** Room left between the bar and what is scrolled to just below it. */
const GAP_PX = 8

/**
 * Keeps the page's scroll padding as tall as the sticky hui bar while it is shown (`active`),
 * so that whatever the page scrolls to (an item "follow the facilitator" jumps to, a field
 * reached with Tab) lands below the bar instead of under it. The bar's height changes with the
 * width, the agenda and the facilitator's controls: it is measured as it changes. Returns the
 * ref for the bar.
 */
export function useStickyBarHeight(active: boolean): (bar: HTMLElement | null) => void {
  const observer = useRef<ResizeObserver | null>(null)
  const ref = useCallback((bar: HTMLElement | null) => {
    observer.current?.disconnect()
    observer.current = null
    const root = document.documentElement
    if (!bar) {
      root.style.removeProperty(OFFSET_VARIABLE)
      return
    }
    const measure = () => root.style.setProperty(OFFSET_VARIABLE, `${Math.ceil(bar.getBoundingClientRect().height) + GAP_PX}px`)
    measure()
    observer.current = new ResizeObserver(measure)
    observer.current.observe(bar)
  }, [])
  useEffect(() => {
    if (!active) document.documentElement.style.removeProperty(OFFSET_VARIABLE)
  }, [active])
  useEffect(
    () => () => {
      observer.current?.disconnect()
      document.documentElement.style.removeProperty(OFFSET_VARIABLE)
    },
    [],
  )
  return ref
}
