import type { JoinCode, JoinRequestList } from '@hononga/shared'
import { useCallback, useEffect, useRef, useState } from 'react'
import { api } from '../api/client'

/** How often the facilitator's list of people asking to join is refreshed while it is open. */
export const JOIN_REQUESTS_POLL_MS = 3000

/**
 * Showing and stopping codes go out one after another, in order: a stop sent on closing the
 * dialog must never overtake the next "show" (React mounts twice in development, and a
 * facilitator may reopen the dialog at once).
 */
let pending: Promise<unknown> = Promise.resolve()
function inOrder<T>(work: () => Promise<T>): Promise<T> {
  const next = pending.then(work, work)
  pending = next.catch(() => undefined)
  return next
}

/** `at`: when the code came back (Date.now()), so a list asked for earlier is not read as the code having stopped. */
export type ShownCode = { status: 'loading' } | { status: 'shown'; joinCode: JoinCode; at: number } | { status: 'error'; error: unknown }

/** Shows a new join code for the plan while mounted, and stops it when unmounted (the dialog closes). */
export function useJoinCode(planId: string): { shown: ShownCode; showNew: () => void } {
  const [shown, setShown] = useState<ShownCode>({ status: 'loading' })
  const live = useRef(true)
  /** The code this dialog shows, the one to stop on closing (never a newer one another facilitator showed). */
  const showing = useRef<string | null>(null)
  const showNew = useCallback(() => {
    setShown({ status: 'loading' })
    inOrder(async () => {
      const joinCode = await api.showJoinCode(planId)
      showing.current = joinCode.code
      return joinCode
    }).then(
      (joinCode) => live.current && setShown({ status: 'shown', joinCode, at: Date.now() }),
      (error: unknown) => live.current && setShown({ status: 'error', error }),
    )
  }, [planId])
  useEffect(() => {
    live.current = true
    showNew()
    return () => {
      live.current = false
      // Runs after the show above has come back, so it knows which code to stop.
      const stop = async () => {
        const code = showing.current
        showing.current = null
        if (code !== null) await api.stopJoinCode(planId, code)
      }
      void inOrder(stop).catch(() => undefined)
    }
  }, [planId, showNew])
  return { shown, showNew }
}

export interface JoinRequestsState {
  list: JoinRequestList | null
  /** When the list shown was asked for (Date.now()). */
  askedAt: number
  /** The last refresh failed (the list shown is older). */
  failed: boolean
}

/**
 * The plan's pending requests to join and the live code's counts, refreshed every
 * JOIN_REQUESTS_POLL_MS while mounted; `refresh` asks at once (after admitting someone).
 */
export function useJoinRequests(planId: string): JoinRequestsState & { refresh: () => void } {
  const [state, setState] = useState<JoinRequestsState>({ list: null, askedAt: 0, failed: false })
  const [round, setRound] = useState(0)
  const refresh = useCallback(() => setRound((value) => value + 1), [])
  useEffect(() => {
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = async () => {
      const askedAt = Date.now()
      try {
        const list = await api.joinRequests(planId)
        if (!cancelled) setState({ list, askedAt, failed: false })
      } catch {
        if (!cancelled) setState((previous) => ({ ...previous, failed: true }))
      }
      if (!cancelled) timer = setTimeout(() => void load(), JOIN_REQUESTS_POLL_MS)
    }
    void load()
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [planId, round])
  return { ...state, refresh }
}
