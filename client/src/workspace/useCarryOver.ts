import { useEffect } from 'react'
import { legacyCommands } from '../sync/legacyGovernance'
import type { Outbox } from '../sync/outbox'
import type { PlanSession } from '../sync/planSession'
import { useSyncState } from '../sync/useY'
import type { PlanSessionHandle } from './usePlanSession'

/**
 * After a refusal and rejoin: once the fresh session has the plan as the server has it, what
 * the device's old copy held of governance (positions, comments, parked topics made offline
 * under the old client, which wrote them into the document) goes to the outbox as commands,
 * so the refusal loses none of it. Each command's key is derived from what it records, so
 * doing this twice queues nothing new.
 */
export function useCarryOver(
  session: PlanSession,
  outbox: Outbox | null,
  carryOver: PlanSessionHandle['carryOver'],
  /** This person, and the partner they speak for (only that partner's positions are theirs to carry over). */
  me: { id: string; partnerKey?: string },
): void {
  const synced = useSyncState(session).kind === 'saved' || session.everSynced
  useEffect(() => {
    if (!carryOver || !outbox || !synced) return
    let cancelled = false
    const run = async () => {
      const commands = legacyCommands(carryOver.deviceDoc, session.doc, {
        id: me.id,
        ...(me.partnerKey === undefined ? {} : { partnerKey: me.partnerKey }),
      })
      for (const command of commands) {
        if (cancelled) return
        await outbox.enqueue(command)
      }
      if (!cancelled) carryOver.done()
    }
    void run().catch(() => {
      // Left for the next render: the device's document is kept until its commands are queued.
    })
    return () => {
      cancelled = true
    }
  }, [carryOver, outbox, synced, session, me.id, me.partnerKey])
}
