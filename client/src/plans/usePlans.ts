import { useCallback, useEffect, useRef, useState } from 'react'
import type { PlanSummary } from '@hononga/shared'
import { api, ApiError } from '../api/client'
import { useSession } from '../session/SessionContext'

export type PlansState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  /** `refreshError`: the last refresh failed; `plans` is what was loaded before. */
  | { status: 'ready'; plans: PlanSummary[]; refreshError: unknown }

/**
 * The plans I belong to, loaded on mount and again whenever the window regains focus (so
 * "who is in it now" and the last change stay current after switching tabs).
 */
export function usePlans(): { state: PlansState; retry: () => void } {
  const [state, setState] = useState<PlansState>({ status: 'loading' })
  const inFlight = useRef(false)
  const { refresh: refreshSession } = useSession()

  const load = useCallback(async () => {
    // Focus and visibilitychange often fire together: one request is enough.
    if (inFlight.current) return
    inFlight.current = true
    try {
      const plans = await api.listPlans()
      setState({ status: 'ready', plans, refreshError: null })
    } catch (error) {
      // The session ended elsewhere: re-ask, and RequireSession sends the person to sign in.
      if (error instanceof ApiError && error.status === 401) void refreshSession()
      setState((current) => (current.status === 'ready' ? { ...current, refreshError: error } : { status: 'error', error }))
    } finally {
      inFlight.current = false
    }
  }, [refreshSession])

  useEffect(() => {
    void load()
    const handleFocus = () => void load()
    const handleVisibility = () => {
      if (document.visibilityState === 'visible') void load()
    }
    window.addEventListener('focus', handleFocus)
    document.addEventListener('visibilitychange', handleVisibility)
    return () => {
      window.removeEventListener('focus', handleFocus)
      document.removeEventListener('visibilitychange', handleVisibility)
    }
  }, [load])

  const retry = useCallback(() => {
    setState((current) => (current.status === 'error' ? { status: 'loading' } : current))
    void load()
  }, [load])

  return { state, retry }
}
