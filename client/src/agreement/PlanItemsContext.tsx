import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react'
import { canFacilitate, getHuiState, listAttendance, type Me, type Member, type Partner, type Role } from '@hononga/shared'
import type * as Y from 'yjs'
import type { Outbox } from '../sync/outbox'
import type { PlanSession } from '../sync/planSession'
import { useDocValue } from '../sync/useDocValue'
import { useOutbox } from '../sync/useOutbox'
import { myPartnerOf } from './partnerNames'
import { planItemStoreFor, type PlanItemStore } from './planItemStore'
import { partnerVoices, speaksForPartner, type VoicelessReason } from './voice'

/**
 * What every item's agreement panel and comment list needs from the workspace: the plan, who
 * I am and whom I speak for, what I may do, the plan's partners with a voice, the outbox my
 * positions and comments wait in, and one {@link PlanItemStore} reading the document for all of them.
 */
export interface PlanItems {
  planId: string
  session: PlanSession
  me: Me
  /** The partners whose agreement counts now (see partnerVoices), iwi first. */
  partners: Partner[]
  /** The plan's other partners, and why they do not count. */
  voiceless: { partner: Partner; reason: VoicelessReason }[]
  /** A hui is running (agreement counts the partners present). */
  huiActive: boolean
  /** The partner I speak for; null when I do not speak for one (or my membership is not known here). */
  myPartner: Partner | null
  /** I may change the plan's content and write comments. */
  canEdit: boolean
  /** I am a facilitator: I may mark an agreed item "agreed at hui". */
  isFacilitator: boolean
  store: PlanItemStore
  /** Where my positions, comments and topics wait until they are recorded; null until it has opened. */
  outbox: Outbox | null
}

const Context = createContext<PlanItems | null>(null)

/** The user ids the server recorded at the running hui, or null outside a hui. */
export function readPresent(doc: Y.Doc): string[] | null {
  const hui = getHuiState(doc)
  if (!hui.active || hui.huiId === null) return null
  return listAttendance(doc, hui.huiId).map((record) => record.userId)
}

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
  // One store per document, shared with the step nav; it follows the document only while mounted (connect/cleanup).
  const store = useMemo(() => planItemStoreFor(session.doc), [session.doc])
  useEffect(() => store.connect(), [store])
  const present = useDocValue(session.doc, readPresent)
  const outbox = useOutbox()

  const value = useMemo<PlanItems>(() => {
    const voices = partnerVoices(members, present)
    const speaks = speaksForPartner(members.find((member) => member.userId === me.id))
    return {
      planId,
      session,
      me,
      partners: voices.counted,
      voiceless: voices.voiceless,
      huiActive: present !== null,
      myPartner: speaks ? myPartnerOf(members, me.id) : null,
      canEdit,
      isFacilitator: canFacilitate(role),
      store,
      outbox,
    }
  }, [planId, session, me, members, present, canEdit, role, store, outbox])
  return <Context.Provider value={value}>{children}</Context.Provider>
}

/** The workspace's {@link PlanItems}; null outside a workspace (the panels then show nothing). */
export function usePlanItems(): PlanItems | null {
  return useContext(Context)
}
