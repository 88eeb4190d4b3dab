import { useCallback, useEffect, useState } from 'react'
import { parseResponse, PlanDetail, type Me } from '@hononga/shared'
import { api, ApiError, NetworkError } from '../api/client'
import { recallForPlan, rememberForPlan } from '../sync/localCopies'

export type PlanDetailState =
  | { kind: 'loading' }
  | { kind: 'ready'; plan: PlanDetail; fromDevice: boolean }
  | { kind: 'not-found' }
  | { kind: 'unauthenticated' }
  | { kind: 'error'; message: string }

/**
 * The plan's membership facts (my role, the members) from the server, kept on this device
 * so the plan still opens offline with the last known role. The server enforces the role
 * on every edit regardless of what this copy says.
 */
export function usePlanDetail(planId: string, me: Me): { state: PlanDetailState; reload: () => void } {
  const [state, setState] = useState<PlanDetailState>({ kind: 'loading' })
  const load = useCallback(async () => {
    try {
      const plan = await api.getPlan(planId)
      rememberForPlan(me.id, planId, 'detail', plan)
      setState({ kind: 'ready', plan, fromDevice: false })
    } catch (error) {
      if (error instanceof NetworkError) {
        const kept = recallForPlan(me.id, planId, 'detail', (value) => {
          const parsed = parseResponse(PlanDetail, value)
          return parsed.ok ? parsed.value : null
        })
        setState(kept ? { kind: 'ready', plan: kept, fromDevice: true } : { kind: 'error', message: 'network' })
      } else if (error instanceof ApiError && error.status === 404) setState({ kind: 'not-found' })
      else if (error instanceof ApiError && error.status === 401) setState({ kind: 'unauthenticated' })
      else setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) })
    }
  }, [planId, me.id])
  useEffect(() => {
    void load()
    const onOnline = () => void load()
    window.addEventListener('online', onOnline)
    return () => window.removeEventListener('online', onOnline)
  }, [load])
  return { state, reload: () => void load() }
}
