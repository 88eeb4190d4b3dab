import type { Affiliation } from '@hononga/shared'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, api } from '../api/client'

/** How often the waiting page asks whether the facilitator has let the person in. */
export const JOIN_POLL_MS = 3000
/** Polls before the page stops asking on its own (20 minutes); "Check again" starts another round. */
export const JOIN_MAX_POLLS = 400

export type JoinPhase =
  | { kind: 'idle' }
  | { kind: 'asking' }
  | { kind: 'waiting'; requestId: string; gaveUp: boolean }
  | { kind: 'admitted'; planId: string }
  | { kind: 'declined' }
  | { kind: 'failed'; error: unknown }

/** Where this device keeps the request made with a code, so a reload (or the code being stopped) keeps the wait. */
const storageKey = (code: string) => `hononga.joinRequest.${code}`

function remembered(code: string): string | null {
  try {
    return localStorage.getItem(storageKey(code))
  } catch {
    return null
  }
}

function remember(code: string, requestId: string | null): void {
  try {
    if (requestId === null) localStorage.removeItem(storageKey(code))
    else localStorage.setItem(storageKey(code), requestId)
  } catch {
    // Private browsing without storage: the wait simply does not survive a reload.
  }
}

/**
 * A person's request to join with a code: asking, then waiting while the page polls the
 * request's status every JOIN_POLL_MS (at most JOIN_MAX_POLLS times in a row, then it waits for
 * "Check again"), until the facilitator admits or declines them. Signed-in people only.
 */
export function useJoinRequest(code: string, signedIn: boolean) {
  const [phase, setPhase] = useState<JoinPhase>(() => {
    const requestId = signedIn ? remembered(code) : null
    return requestId ? { kind: 'waiting', requestId, gaveUp: false } : { kind: 'idle' }
  })

  const ask = useCallback(
    async (stated: { affiliation?: Affiliation; organisation?: string }) => {
      setPhase({ kind: 'asking' })
      try {
        const answer = await api.askToJoin(code, stated)
        if (answer.planId) setPhase({ kind: 'admitted', planId: answer.planId })
        else if (answer.requestId) {
          remember(code, answer.requestId)
          setPhase({ kind: 'waiting', requestId: answer.requestId, gaveUp: false })
        }
      } catch (error) {
        setPhase({ kind: 'failed', error })
      }
    },
    [code],
  )

  const checkAgain = useCallback(() => {
    setPhase((current) => (current.kind === 'waiting' ? { ...current, gaveUp: false } : current))
  }, [])

  useEffect(() => {
    if (phase.kind !== 'waiting' || phase.gaveUp) return
    const { requestId } = phase
    let cancelled = false
    let polls = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      polls += 1
      try {
        const status = await api.joinRequestStatus(requestId)
        if (cancelled) return
        if (status.status !== 'pending') {
          remember(code, null)
          setPhase(status.status === 'admitted' && status.planId ? { kind: 'admitted', planId: status.planId } : { kind: 'declined' })
          return
        }
      } catch (error) {
        if (cancelled) return
        // Not this person's request (another account on this device): start again. Network trouble: keep trying.
        if (error instanceof ApiError && error.status === 404) {
          remember(code, null)
          setPhase({ kind: 'idle' })
          return
        }
      }
      if (polls >= JOIN_MAX_POLLS) setPhase({ kind: 'waiting', requestId, gaveUp: true })
      else timer = setTimeout(() => void poll(), JOIN_POLL_MS)
    }
    void poll()
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [phase, code])

  return { phase, ask, checkAgain }
}
