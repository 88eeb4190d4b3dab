import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react'
import { canFacilitate, partnersOf, type Me, type Member, type Partner, type Role } from '@hononga/shared'
import type { PlanSession } from '../sync/planSession'
import { myPartnerOf } from './partnerNames'
import { PlanItemStore } from './planItemStore'

/**
 * What every item's agreement panel and comment list needs from the workspace: the plan, who
 * I am and whom I speak for, what I may do, the plan's partners, and one {@link PlanItemStore}
 * reading the document for all of them.
 */
export interface PlanItems {
  planId: string
  session: PlanSession
  me: Me
  /** The plan's partners (from its members), iwi first. */
  partners: Partner[]
  /** The partner I speak for; null when my membership is not known here. */
  myPartner: Partner | null
  /** I may change the plan: record my partner's position, write comments. */
  canEdit: boolean
  /** I am a facilitator: I may mark an agreed item "agreed at hui". */
  isFacilitator: boolean
  store: PlanItemStore
}

const Context = createContext<PlanItems | null>(null)

/** Provides {@link PlanItems} to the step shown in the workspace. */
export function PlanItemsProvider({
  planId,
  session,
  members,
  me,
  role,
  canEdit,
  children,
}: {
  planId: string
  session: PlanSession
  members: Member[]
  me: Me
  /** My role in the plan. */
  role: Role
  canEdit: boolean
  children: ReactNode
}) {
  // One store per document; it follows the document only while mounted (connect/cleanup).
  const store = useMemo(() => new PlanItemStore(session.doc), [session.doc])
  useEffect(() => store.connect(), [store])

  const value = useMemo<PlanItems>(
    () => ({
      planId,
      session,
      me,
      partners: partnersOf(members),
      myPartner: myPartnerOf(members, me.id),
      canEdit,
      isFacilitator: canFacilitate(role),
      store,
    }),
    [planId, session, me, members, canEdit, role, store],
  )
  return <Context.Provider value={value}>{children}</Context.Provider>
}

/** The workspace's {@link PlanItems}; null outside a workspace (the panels then show nothing). */
export function usePlanItems(): PlanItems | null {
  return useContext(Context)
}
