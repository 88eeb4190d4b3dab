import { useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { Me } from '@hononga/shared'
import { keepColourDistinct } from '../presence/distinctColours'
import { colourFor } from '../sync/colours'
import type { NotSavedCopy } from '../sync/notSavedCopies'
import { KEEP_AND_REJOIN_CODES, PlanSession } from '../sync/planSession'

/** At most this many automatic rejoins a minute: a refusal that keeps coming back is shown, not looped on. */
const MAX_REJOINS_PER_MINUTE = 3

/** What the workspace needs of its session: the session itself and what a refusal left behind. */
export interface PlanSessionHandle {
  session: PlanSession | null
  /** The "not saved" copy kept at the last refusal (the banner offers to open it), or null. */
  kept: NotSavedCopy | null
  dismissKept: () => void
  /** A copy is being kept and the plan rejoined (a moment, after a refusal). */
  rejoining: boolean
  /**
   * Keeps this device's copy as a "not saved" copy and rejoins the plan as the server has it.
   * Done at once on a refusal; offered as a button when refusals keep coming back.
   */
  keepAndRejoin: () => void
  /**
   * The device's document from before the last refusal, while what it holds of governance
   * (positions, comments, topics made under the old client) waits to become outbox commands;
   * `done` forgets it once they are queued.
   */
  carryOver: { deviceDoc: Y.Doc; done: () => void } | null
}

/**
 * Opens a plan's session for the life of the component (one per plan and person). When the
 * server refuses an edit this device holds (KEEP_AND_REJOIN_CODES), keeps what the person wrote
 * as a "not saved" copy, discards the device's copy and opens a fresh session on the plan as
 * the server has it; once that has synced, positions, comments and topics the old copy held
 * go to the outbox as commands (useCarryOver). No refusal costs the person their work.
 */
export function usePlanSession(planId: string, me: Me): PlanSessionHandle {
  const [session, setSession] = useState<PlanSession | null>(null)
  const [generation, setGeneration] = useState(0)
  const [kept, setKept] = useState<NotSavedCopy | null>(null)
  const [rejoining, setRejoining] = useState(false)
  /** The device's document from before the last refusal, until its commands are queued. */
  const [deviceDoc, setDeviceDoc] = useState<Y.Doc | null>(null)
  const deviceDocRef = useRef<Y.Doc | null>(null)
  const rejoins = useRef<number[]>([])
  const recovering = useRef(false)

  const recover = useRef(async (opened: PlanSession, code: number, automatic: boolean) => {
    if (recovering.current) return
    const now = Date.now()
    rejoins.current = rejoins.current.filter((at) => now - at < 60_000)
    if (automatic && rejoins.current.length >= MAX_REJOINS_PER_MINUTE) return
    recovering.current = true
    rejoins.current.push(now)
    setRejoining(true)
    try {
      const result = await opened.keepWorkAndDiscard(code)
      deviceDocRef.current?.destroy()
      deviceDocRef.current = result.deviceDoc
      setDeviceDoc(result.deviceDoc)
      setKept(result.copy)
      setGeneration((n) => n + 1)
    } finally {
      recovering.current = false
      setRejoining(false)
    }
  })

  useEffect(() => {
    const opened = new PlanSession({ planId, userId: me.id, userName: me.name, colour: colourFor(me.id) })
    setSession(opened)
    // No two people present share a caret colour.
    const stopColours = keepColourDistinct(opened.provider.awareness, me.id)
    const onState = () => {
      const state = opened.getState()
      if (state.kind === 'refused' && KEEP_AND_REJOIN_CODES.has(state.code)) void recover.current(opened, state.code, true)
    }
    const unsubscribe = opened.subscribe(onState)
    onState()
    return () => {
      stopColours()
      unsubscribe()
      opened.destroy()
      setSession(null)
    }
  }, [planId, me.id, me.name, generation])

  useEffect(
    () => () => {
      deviceDocRef.current?.destroy()
      deviceDocRef.current = null
    },
    [],
  )

  const carryOver = useMemo(
    () =>
      deviceDoc
        ? {
            deviceDoc,
            done: () => {
              if (deviceDocRef.current !== deviceDoc) return
              deviceDoc.destroy()
              deviceDocRef.current = null
              setDeviceDoc(null)
            },
          }
        : null,
    [deviceDoc],
  )

  return {
    session,
    kept,
    dismissKept: () => setKept(null),
    rejoining,
    keepAndRejoin: () => {
      const state = session?.getState()
      if (session && state?.kind === 'refused') void recover.current(session, state.code, false)
    },
    carryOver,
  }
}
