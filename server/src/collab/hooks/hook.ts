import type { Logger } from '../../log'
import type { Clock } from '../clock'
import type { Connection } from '../connection'
import type { DocStore } from '../doc-store'
import type { PlanRoom, RoomEvents } from '../room'
import type { SnapshotService } from '../snapshots'
import type { QueuedUpdate } from '../write-queue'

/** Why a room leaves memory: nobody used it for PLAN_IDLE_UNLOAD_MS, or the server stops. */
export type UnloadReason = 'idle' | 'shutdown'

/** Counters a hook keeps, reported in EngineStats (/api/metrics). */
export interface HookStats {
  compactions: number
  compactionBytes: number
}

/**
 * One concern around the sync core (in the spirit of Hocuspocus's extensions): compaction,
 * automatic snapshots, derived tables, attendance. Each lives in its own file in this
 * folder and keeps its own per-room state; server.ts composes them, in one place.
 *
 * Hooks on the apply path (`onLoaded`, `onAttached`, `afterPersisted`, `onDetached`,
 * `onDestroyed`) are synchronous: an async hook would reorder and delay applies. Work that
 * must wait starts in the background through `HookHost.background`, which keeps the room
 * loaded until it is done. The content check is not a hook: it is a required part of every
 * room (RoomContext.checkEdit), so no composition can leave it out.
 */
export interface RoomHook {
  /** The plan was loaded from storage, before anyone is attached. */
  onLoaded?(room: PlanRoom, loaded: { updates: number }): void
  /** A socket joined the room (its sync has started). */
  onAttached?(room: PlanRoom, connection: Connection): void
  /** Updates became durable and went out to everyone (never called for a broken room). */
  afterPersisted?(room: PlanRoom, updates: readonly QueuedUpdate[]): void
  /** A socket left the room. */
  onDetached?(room: PlanRoom, connection: Connection): void
  /**
   * The room is about to leave memory; everything applied to it is durable. Awaited, one
   * hook after the other in composition order. Not called for a broken room.
   */
  beforeUnload?(room: PlanRoom, reason: UnloadReason): Promise<void> | void
  /** The room left memory (or was dropped): cancel its timers. */
  onDestroyed?(room: PlanRoom): void
  /** Counters this hook keeps. */
  stats?(): Partial<HookStats>
}

/** What the engine gives a hook when it is built. */
export interface HookHost {
  store: DocStore
  snapshots: SnapshotService
  log: Logger
  /** The policy clock (compaction timing, timers). */
  clock: Clock
  /** Milliseconds since the epoch, for the dates written into records. */
  now(): number
  /** Runs async work on a room holding a reference to it (it cannot unload underneath); failures are logged. */
  background(room: PlanRoom, work: () => Promise<unknown>): void
}

/** Builds a hook once the engine it serves exists. */
export type HookFactory = (host: HookHost) => RoomHook

/** Every hook of a composition called as one, in composition order. */
export type ComposedHooks = Required<Omit<RoomHook, 'stats'>> & RoomEvents & { stats(): HookStats }

/** Composes hooks: each event reaches every hook that handles it, in the order given. */
export function composeHooks(hooks: readonly RoomHook[]): ComposedHooks {
  return {
    onLoaded: (room, loaded) => hooks.forEach((hook) => hook.onLoaded?.(room, loaded)),
    onAttached: (room, connection) => hooks.forEach((hook) => hook.onAttached?.(room, connection)),
    afterPersisted: (room, updates) => hooks.forEach((hook) => hook.afterPersisted?.(room, updates)),
    onDetached: (room, connection) => hooks.forEach((hook) => hook.onDetached?.(room, connection)),
    async beforeUnload(room, reason) {
      for (const hook of hooks) await hook.beforeUnload?.(room, reason)
    },
    onDestroyed: (room) => hooks.forEach((hook) => hook.onDestroyed?.(room)),
    stats: () => Object.assign({ compactions: 0, compactionBytes: 0 }, ...hooks.map((hook) => hook.stats?.() ?? {})) as HookStats,
  }
}

/** State a hook keeps per loaded room; it goes with the room. */
export class PerRoom<T> {
  private readonly states = new WeakMap<PlanRoom, T>()

  constructor(private readonly init: (room: PlanRoom) => T) {}

  of(room: PlanRoom): T {
    let state = this.states.get(room)
    if (state === undefined) this.states.set(room, (state = this.init(room)))
    return state
  }

  /** The room's state if it has one (does not create it). */
  peek(room: PlanRoom): T | undefined {
    return this.states.get(room)
  }
}
