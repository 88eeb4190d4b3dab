import { CloseCode } from '@hononga/shared'
import type { Logger } from '../log'
import type { Clock } from './clock'
import type { PlanRoom } from './room'

type Entry =
  | { state: 'loading'; promise: Promise<PlanRoom> }
  | { state: 'ready'; room: PlanRoom }
  | { state: 'unloading'; room: PlanRoom; promise: Promise<void> }

export interface RegistryOptions {
  /** Builds a room from storage. Throws when the plan does not exist or cannot be loaded. */
  load(planId: string): Promise<PlanRoom>
  /** Makes a room's content durable and compact before it leaves memory. */
  finalize(room: PlanRoom): Promise<void>
  /** How long an unused room stays in memory. */
  idleMs: number
  /** Times the unloading of unused rooms. */
  clock: Clock
  log: Logger
}

export class RegistryClosedError extends Error {}

/** The plan does not exist (its loader found nothing stored). */
export class PlanNotFoundError extends Error {}

/**
 * The plans in memory. Loading and unloading of one plan are serialised: a request that
 * arrives while its plan is loading waits for that load, and one that arrives while it is
 * unloading waits until the unload has stored everything, then loads it afresh. So there
 * is never a second copy of a plan in memory, nor a copy loaded from stale storage.
 *
 * Every holder of a room (a socket, an HTTP request, a timer's async work) takes a
 * reference with `acquire`/`retain` and gives it back with `release`; a room with no
 * references is unloaded after `idleMs`.
 */
export class RoomRegistry {
  private readonly entries = new Map<string, Entry>()
  /** Unused rooms waiting out `idleMs`: what cancels their unload. */
  private readonly unloadTimers = new Map<PlanRoom, () => void>()
  private closed = false

  constructor(private readonly options: RegistryOptions) {}

  /** Plans in memory, in any state. */
  get size(): number {
    return this.entries.size
  }

  /** Whether anything of the plan is in memory (loading, loaded or unloading). */
  isResident(planId: string): boolean {
    return this.entries.has(planId)
  }

  /** The room of a plan if it is loaded and usable. */
  loaded(planId: string): PlanRoom | undefined {
    const entry = this.entries.get(planId)
    return entry?.state === 'ready' ? entry.room : undefined
  }

  readyRooms(): PlanRoom[] {
    const rooms: PlanRoom[] = []
    for (const entry of this.entries.values()) if (entry.state === 'ready') rooms.push(entry.room)
    return rooms
  }

  async acquire(planId: string): Promise<PlanRoom> {
    for (;;) {
      if (this.closed) throw new RegistryClosedError('server is shutting down')
      const entry = this.entries.get(planId)
      if (!entry) {
        const promise = this.options.load(planId).then((room) => {
          this.entries.set(planId, { state: 'ready', room })
          return room
        })
        this.entries.set(planId, { state: 'loading', promise })
        try {
          await promise
        } catch (error) {
          // A plan that fails to load is not served (not even as an empty document), and
          // nothing of it stays resident; the next request tries again.
          this.entries.delete(planId)
          throw error
        }
        continue
      }
      if (entry.state === 'ready') {
        this.retain(entry.room)
        return entry.room
      }
      if (entry.state === 'loading') await entry.promise
      else await entry.promise.catch(() => undefined)
    }
  }

  /** Takes one more reference on a room already held. */
  retain(room: PlanRoom): void {
    room.refs++
    this.unloadTimers.get(room)?.()
    this.unloadTimers.delete(room)
  }

  release(room: PlanRoom): void {
    if (room.refs <= 0) throw new Error(`release of unreferenced plan ${room.planId}`)
    room.refs--
    if (room.refs > 0 || room.destroyed) return
    const unload = () => {
      this.unloadTimers.delete(room)
      void this.unload(room)
    }
    this.unloadTimers.get(room)?.()
    if (this.options.idleMs === 0) {
      const immediate = setImmediate(unload)
      this.unloadTimers.set(room, () => clearImmediate(immediate))
    } else this.unloadTimers.set(room, this.options.clock.after(this.options.idleMs, unload))
  }

  /** Drops a room at once, without storing anything more (its memory cannot be trusted). */
  drop(room: PlanRoom, code: CloseCode = CloseCode.PlanUnavailable): void {
    const entry = this.entries.get(room.planId)
    if (entry && entry.state !== 'loading' && entry.room === room) this.entries.delete(room.planId)
    this.cancelUnload(room)
    room.destroy(code)
  }

  private cancelUnload(room: PlanRoom): void {
    this.unloadTimers.get(room)?.()
    this.unloadTimers.delete(room)
  }

  private async unload(room: PlanRoom): Promise<void> {
    const entry = this.entries.get(room.planId)
    if (!entry || entry.state !== 'ready' || entry.room !== room || room.refs > 0) return
    const promise = this.options
      .finalize(room)
      .catch((error: unknown) => {
        this.options.log.error({ planId: room.planId, event: 'plan.unload_failed', err: error }, 'could not finalise plan before unloading')
      })
      .finally(() => {
        this.cancelUnload(room)
        room.destroy()
        if (this.entries.get(room.planId)?.state === 'unloading') this.entries.delete(room.planId)
      })
    this.entries.set(room.planId, { state: 'unloading', room, promise })
    await promise
  }

  /**
   * Shutdown: refuses new work, runs `beforeClose` on each loaded room (sockets still
   * open), then finalises and destroys every room.
   */
  async closeAll(shutdown: (room: PlanRoom) => Promise<void>): Promise<void> {
    this.closed = true
    const pending: Promise<unknown>[] = []
    for (const entry of this.entries.values()) {
      if (entry.state === 'loading') pending.push(entry.promise.catch(() => undefined))
      if (entry.state === 'unloading') pending.push(entry.promise)
    }
    await Promise.all(pending)
    await Promise.all(
      this.readyRooms().map(async (room) => {
        try {
          await shutdown(room)
        } catch (error) {
          this.options.log.error({ planId: room.planId, event: 'plan.shutdown_failed', err: error }, 'could not finalise plan at shutdown')
        } finally {
          this.cancelUnload(room)
          room.destroy(CloseCode.ServiceRestart)
          this.entries.delete(room.planId)
        }
      }),
    )
  }
}
