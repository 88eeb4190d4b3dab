import type { HuiEndResult } from '@hononga/shared'
import { useCallback, useEffect, useRef, useState } from 'react'

/** What this person is told once a hui is over. */
export interface HuiEnded {
  /** This facilitator ended the hui: where its minutes are. */
  ended: HuiEndResult | null
  /** The hui ended while this person was here (someone else ended it). */
  endedWhileHere: boolean
  setEnded(result: HuiEndResult | null): void
  dismissEnded(): void
}

/** Notices the end of the hui (`active` turning false) while this person is in the plan. */
export function useHuiEnded(active: boolean): HuiEnded {
  const [ended, setEnded] = useState<HuiEndResult | null>(null)
  const [endedWhileHere, setEndedWhileHere] = useState(false)
  const wasActive = useRef(active)
  useEffect(() => {
    if (wasActive.current && !active) setEndedWhileHere(true)
    if (active) setEndedWhileHere(false)
    wasActive.current = active
  }, [active])
  const dismissEnded = useCallback(() => {
    setEnded(null)
    setEndedWhileHere(false)
  }, [])
  return { ended, endedWhileHere, setEnded, dismissEnded }
}
