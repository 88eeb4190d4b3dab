import type { WebSocket } from 'ws'
import type { Affiliation, PlanJson, Role, SnapshotSummary } from '@hononga/shared'
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
  /** Creates and stores the document of a new plan. Call inside plan creation. */
  createPlanDocument(planId: string, init: NewPlanInit): Promise<void>
  /** The current plan as JSON (throws AppError 'plan_unavailable' if it cannot be loaded). */
  renderPlan(planId: string): Promise<PlanJson>
  /** People connected to the plan right now (0 when it is not loaded). */
  activeCount(planId: string): number
  /** Re-reads the membership of connected sockets: a removed member is disconnected, a new role applies at once. */
  membershipChanged(planId: string, userId: string): void
  createSnapshot(planId: string, label: string, userId: string): Promise<SnapshotSummary>
  listSnapshots(planId: string): Promise<SnapshotSummary[]>
  renderSnapshot(planId: string, snapshotId: string): Promise<PlanJson | null>
  /** Restores a snapshot as a new forward change; returns the snapshot kept of the state before. */
  restoreSnapshot(planId: string, snapshotId: string, userId: string): Promise<{ before: SnapshotSummary } | null>
  /** Takes over an upgraded WebSocket whose access was decided on the upgrade request. */
  acceptSocket(socket: WebSocket, access: SocketAccess): void
  /** Live counters (plans in memory, sockets, bytes written). */
  stats(): EngineStats
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
