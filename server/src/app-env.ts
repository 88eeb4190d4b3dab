import type { WebSocket } from 'ws'
import type { Affiliation, AgreementTarget, HuiEndResult, MarkAgreedResult, Partner, PlanJson, Role, SnapshotSummary } from '@hononga/shared'
import type { EngineStats, SocketAccess } from './collab'
import type { Config } from './config'
import type { Db } from './db/open'
import type { Logger } from './log'

/** The signed-in person, as routes see them. */
export interface SessionUser {
  id: string
  email: string
  name: string
}

/** A person's membership of one plan. */
export interface Membership {
  planId: string
  userId: string
  role: Role
  affiliation: Affiliation
  organisation: string | null
}

/** Initial values of a new plan's document; the server creates its structure once. */
export interface NewPlanInit {
  title: string
  community: string
  district: string | null
}

/**
 * What the HTTP routes need from the sync engine (server/src/collab). Every method goes
 * through the live, in-memory plan when it is loaded, so connected people see the effect at once.
 */
export interface CollabService {
  /**
   * Creates and stores the document of a new plan. Call inside plan creation. With a
   * `template` (an imported plan) its content is written in before the document is first
   * stored (shared importPlanContent), so nobody ever sees the plan half filled.
   */
  createPlanDocument(planId: string, init: NewPlanInit, template?: PlanJson): Promise<void>
  /** The current plan as JSON (throws AppError 'plan_unavailable' if it cannot be loaded). */
  renderPlan(planId: string): Promise<PlanJson>
  /** Re-derives the tables computed from the plan's document (the action tracker), loading it if needed. */
  refreshDerived(planId: string): Promise<void>
  /** People connected to the plan right now (0 when it is not loaded). */
  activeCount(planId: string): number
  /** Re-reads the membership of connected sockets: a removed member is disconnected, a new role applies at once. */
  membershipChanged(planId: string, userId: string): void
  createSnapshot(planId: string, label: string, userId: string): Promise<SnapshotSummary>
  listSnapshots(planId: string): Promise<SnapshotSummary[]>
  renderSnapshot(planId: string, snapshotId: string): Promise<PlanJson | null>
  /** Restores a snapshot as a new forward change; returns the snapshot kept of the state before. */
  restoreSnapshot(planId: string, snapshotId: string, userId: string): Promise<{ before: SnapshotSummary } | null>
  /**
   * Marks an item agreed at a hui (collab/plan-actions.ts): 404 for no such item, 409
   * `not_agreed` unless every partner present agrees; takes the named snapshot the mark points to.
   */
  markAgreed(planId: string, request: MarkAgreedRequest): Promise<MarkedAgreed>
  /** Ends the running hui (409 `conflict` when none is) and keeps its minutes as a named snapshot. */
  endHui(planId: string, request: EndHuiRequest): Promise<HuiEndResult>
  /** Takes over an upgraded WebSocket whose access was decided on the upgrade request. */
  acceptSocket(socket: WebSocket, access: SocketAccess): void
  /** Live counters (plans in memory, sockets, bytes written). */
  stats(): EngineStats
}

/** A facilitator marking an item agreed. */
export interface MarkAgreedRequest {
  target: AgreementTarget
  /** The named snapshot's label; "Agreed at hui, <date>: <item>" when absent. */
  label?: string
  userId: string
  userName: string
  /** The partners of every member: whose agreement counts when no hui is running or nobody has attended it yet. */
  memberPartners: readonly Partner[]
  at: number
}

export interface MarkedAgreed {
  result: MarkAgreedResult
  /** The partners whose agreement was checked. */
  partners: Partner[]
}

/** A facilitator ending the running hui. */
export interface EndHuiRequest {
  userId: string
  at: number
}

export interface AppDeps {
  config: Config
  db: Db
  log: Logger
  collab: CollabService
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now: () => number
}

/** Hono's environment for every route: what middleware puts on the context. */
export interface AppEnv {
  Variables: {
    user: SessionUser | null
    /** Set when the request was authenticated by the session cookie (CSRF applies). */
    viaCookie: boolean
  }
}
