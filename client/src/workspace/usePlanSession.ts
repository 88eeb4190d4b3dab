import { useEffect, useState } from 'react'
import type { Me } from '@hononga/shared'
import { colourFor } from '../sync/colours'
import { PlanSession } from '../sync/planSession'

/** Opens a plan's session for the life of the component (one per plan and person). */
export function usePlanSession(planId: string, me: Me): PlanSession | null {
  const [session, setSession] = useState<PlanSession | null>(null)
  useEffect(() => {
    const opened = new PlanSession({ planId, userId: me.id, userName: me.name, colour: colourFor(me.id) })
    setSession(opened)
    return () => {
      opened.destroy()
      setSession(null)
    }
  }, [planId, me.id, me.name])
  return session
}
