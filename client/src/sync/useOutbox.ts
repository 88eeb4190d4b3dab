import { createContext, createElement, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react'
import { indexedDbOutboxStore, memoryOutboxStore, Outbox, outboxName, type OutboxCommand, type QueueableCommand } from './outbox'
import type { PlanSession } from './planSession'

/** Opens the outbox of one person's plan for the life of the session (one per plan and person). */
export function usePlanOutbox(session: PlanSession, planId: string, userId: string): Outbox | null {
  const [outbox, setOutbox] = useState<Outbox | null>(null)
  useEffect(() => {
    const store = typeof indexedDB === 'undefined' ? memoryOutboxStore() : indexedDbOutboxStore(outboxName(userId, planId))
    const opened = new Outbox({ planId, store, connection: session })
    setOutbox(opened)
    return () => {
      opened.destroy()
      setOutbox(null)
    }
  }, [session, planId, userId])
  return outbox
}

const Context = createContext<Outbox | null>(null)

/** Provides the open plan's outbox to everything in the workspace. */
export function OutboxProvider({ outbox, children }: { outbox: Outbox | null; children: ReactNode }) {
  return createElement(Context.Provider, { value: outbox }, children)
}

/** The open plan's outbox; null outside a workspace (or before it has opened). */
export function useOutbox(): Outbox | null {
  return useContext(Context)
}

const NONE: readonly OutboxCommand[] = []
const noSubscription = () => () => undefined

/**
 * The commands waiting (or refused) in the outbox, oldest first, re-rendering when they
 * change; only those named in `names` when given, and only those `where` accepts.
 */
export function useOutboxCommands(
  outbox: Outbox | null,
  names?: readonly QueueableCommand[],
  where?: (command: OutboxCommand) => boolean,
): readonly OutboxCommand[] {
  const all = useSyncExternalStore(outbox?.subscribe ?? noSubscription, outbox?.getSnapshot ?? (() => NONE))
  return all.filter((command) => (!names || names.includes(command.name)) && (!where || where(command)))
}
