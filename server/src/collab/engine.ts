import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import {
  canEdit,
  CloseCode,
  CloseReason,
  importPlanContent,
  initPlanDoc,
  recordOriginsOfAll,
  setPlanMetaField,
  toPlanJson,
  type Contributor,
  type HuiEndResult,
  type PlanJson,
} from '@hononga/shared'
import type { Config } from '../config'
import { AppError } from '../errors'
import type { Logger } from '../log'
import type { Clock } from './clock'
import type { Connection, SocketIdentity } from './connection'
import { checkDeviceUpdate } from './content-scan'
import { workerSplitter } from './update-splitter'
import type { AuditSink, QuarantineSink } from './engine-hooks'
import { recoverPlan } from './recover'
import type { DocStore } from './doc-store'
import type { CollabService, CommandAnswer, CommandRequest, EngineStats, NewPlanInit, SocketAccess } from './service'
import { applyCommand, CommandRunner, ensureMinutes } from './commands'
import { composeHooks, type ComposedHooks, type HookFactory, type HookHost } from './hooks/hook'
import { PlanNotFoundError, RoomRegistry } from './registry'
import { PlanRoom } from './room'
import { PlanElsewhereError, soleOwner, type PlanOwnership } from './ownership'
import type { ControlChannel, ControlEvent } from './control'
import { SnapshotService } from './snapshots'
import { joinRoom, pingAll } from './sockets'
import { WriteQueue } from './write-queue'

export interface EngineOptions {
  store: DocStore
  /** Which plans this process may serve (soleOwner with SQLite; leases with PostgreSQL). */
  ownership?: PlanOwnership
  /**
   * Other server processes (PostgreSQL): a change of membership, access, session or plan made
   * here is announced, so it takes effect on the process that holds the plan or the socket.
   */
  control?: ControlChannel
  config: Pick<
    Config,
    | 'wsMaxBufferedBytes'
    | 'wsMaxMessageBytes'
    | 'planIdleUnloadMs'
    | 'planMaxBytes'
    | 'wsBudgetBytesPerSec'
    | 'wsBudgetUpdatesPerSec'
    | 'wsLargeUpdateBytes'
  >
  log: Logger
  /** Milliseconds since the epoch, for the dates written into records (snapshots, stored rows). */
  now: () => number
  /** The clock of the engine's policies: compaction timing, unloading idle plans, hook timers. */
  clock: Clock
  /**
   * The concerns around the core (collab/hooks/: automatic snapshots, compaction, derived
   * tables, attendance), in the order their events reach them; composed in server.ts.
   */
  hooks: readonly HookFactory[]
  /** Current membership of a user in a plan (null when not a member). */
  membership(planId: string, userId: string): Awaitable<Pick<SocketIdentity, 'role' | 'affiliation' | 'organisation' | 'readOnly'> | null>
  /** Display names for snapshot authors. */
  userNames(ids: string[]): Awaitable<Map<string, string>>
  /**
   * Re-derives what is computed from the document (the action tracker) without marking the
   * plan changed (CollabService.refreshDerived).
   */
  refreshDerived(planId: string, doc: Y.Doc, at: number): Awaitable<void>
  /** Sets aside an update that could not be applied, or a stored state that could not be loaded (db/quarantine.ts). */
  quarantine: QuarantineSink
  /** Records an event in a plan's audit log (db/audit.ts): 'update.quarantined', 'plan.recovered'. */
  audit: AuditSink
}

/** A value, or a promise of it: the SQLite callbacks answer at once, the PostgreSQL ones later. */
export type Awaitable<T> = T | Promise<T>

export { PlanNotFoundError } from './registry'

/**
 * The sync engine: plans in memory, their sockets, their durable log, their snapshots.
 * Implements what the HTTP routes need (CollabService) and accepts authenticated sockets.
 * The lifecycle of rooms is here; the concerns around it (compaction, automatic
 * snapshots, derived tables, attendance) are hooks (collab/hooks/).
 */
export class CollabEngine implements CollabService {
  readonly registry: RoomRegistry
  readonly queue: WriteQueue
  readonly snapshots: SnapshotService
  private readonly store: DocStore
  private readonly log: Logger
  private readonly keepAlive: NodeJS.Timeout
  private readonly commands: CommandRunner
  private readonly splitter = workerSplitter()
  private readonly hooks: ComposedHooks
  private readonly ownership: PlanOwnership

  constructor(private readonly options: EngineOptions) {
    this.store = options.store
    this.ownership = options.ownership ?? soleOwner
    this.ownership.listen({
      lost: (planId) => {
        // Another process owns it now and storage refuses this one's writes: drop the copy;
        // its clients reconnect (4500) to the owner and resend what was not stored.
        const room = this.registry.loaded(planId)
        if (room) this.registry.drop(room, CloseCode.PlanUnavailable)
      },
      handOver: (planId) => this.handOver(planId),
    })
    options.control?.subscribe((event) => this.applyControlEvent(event))
    this.log = options.log
    this.queue = new WriteQueue(options.store, options.now, (error) =>
      this.log.error({ event: 'queue.listener_failed', err: error }, 'a write listener failed'),
    )
    this.registry = new RoomRegistry({
      load: (planId) => this.loadRoom(planId),
      finalize: (room) => this.finalize(room),
      idleMs: options.config.planIdleUnloadMs,
      clock: options.clock,
      log: options.log,
    })
    this.snapshots = new SnapshotService({
      store: options.store,
      now: options.now,
      userNames: options.userNames,
    })
    this.commands = new CommandRunner({
      store: options.store,
      withRoom: (id, fn) => this.withRoom(id, fn),
      snapshots: this.snapshots,
      now: options.now,
      log: options.log,
    })
    const host: HookHost = {
      store: options.store,
      snapshots: this.snapshots,
      log: options.log,
      clock: options.clock,
      now: options.now,
      background: (room, work) => void this.inBackground(room, work),
    }
    this.hooks = composeHooks(options.hooks.map((build) => build(host)))
    // Detects dead peers (a phone that lost its network without closing its socket).
    this.keepAlive = setInterval(() => pingAll(this.registry.readyRooms()), 30_000).unref()
  }

  // --- CollabService ---------------------------------------------------------------------

  async createPlanDocument(planId: string, init: NewPlanInit, template?: PlanJson, importer?: Contributor): Promise<void> {
    const doc = new Y.Doc()
    try {
      initPlanDoc(doc, { ...init, createdAt: this.options.now() })
      if (template) importPlanContent(doc, template, { source: 'server', reason: 'import' })
      if (template && importer) recordOriginsOfAll(doc, importer, this.options.now(), { source: 'server', reason: 'import' })
      await this.store.create(planId, Y.encodeStateAsUpdate(doc), this.options.now())
    } finally {
      doc.destroy()
    }
  }

  async renderPlan(planId: string) {
    return this.readPlan(planId, toPlanJson)
  }

  /**
   * Re-derives the tables computed from a plan's document (the action tracker's rows) from
   * the live document, loading the plan if it is not in memory. Used when those rows are
   * older than the plan's last change: a plan created or restored before the tracker existed,
   * or a process that stopped before it could derive them.
   */
  async refreshDerived(planId: string): Promise<void> {
    // Another process serves the plan and keeps its derived rows current itself.
    if (!this.registry.isResident(planId) && (await this.ownership.servedElsewhere(planId))) return
    return this.withRoom(planId, async (room) => {
      await this.options.refreshDerived(planId, room.doc, this.options.now())
    })
  }

  activeCount(planId: string): number {
    const room = this.registry.loaded(planId)
    if (!room) return 0
    return new Set(Array.from(room.connections, (c) => c.identity.userId)).size
  }

  membershipChanged(planId: string, userId: string): void {
    this.announce({ kind: 'membership', planId, userId })
    void this.recheck(planId, (connection) => connection.identity.userId === userId)
  }

  /** Tells the other processes (their handlers are idempotent, and so is this one's when its own event comes back). */
  private announce(event: ControlEvent): void {
    this.options.control?.publish(event).catch((error: unknown) => {
      this.log.error({ event: 'control.publish_failed', kind: event.kind, err: error }, 'could not tell the other server processes')
    })
  }

  /** A change made on another process, applied to what this one holds. */
  private applyControlEvent(event: ControlEvent): void {
    switch (event.kind) {
      case 'membership':
        void this.recheck(event.planId, (connection) => connection.identity.userId === event.userId)
        return
      case 'plan-access':
        void this.recheck(event.planId, () => true)
        return
      case 'session-closed':
        this.closeLocalSession(event.sessionId)
        return
      case 'plan-forgotten': {
        const room = this.registry.loaded(event.planId)
        if (room) this.registry.drop(room, CloseCode.PlanNotFound)
        return
      }
      case 'handover':
        return // PlanOwnership answers these
    }
  }

  /**
   * Looks up again the membership of the people behind the plan's sockets that `which`
   * picks: one no longer a member is closed (4403), the others get their new role or lock.
   */
  private async recheck(planId: string, which: (connection: Connection) => boolean): Promise<void> {
    const room = this.registry.loaded(planId)
    if (!room) return
    const userIds = new Set(
      Array.from(room.connections)
        .filter(which)
        .map((connection) => connection.identity.userId),
    )
    try {
      const found = await Promise.all(
        Array.from(userIds, async (userId) => [userId, await this.options.membership(planId, userId)] as const),
      )
      const memberships = new Map(found)
      for (const connection of room.connections) {
        if (!which(connection) || !memberships.has(connection.identity.userId)) continue
        const membership = memberships.get(connection.identity.userId)
        if (!membership) connection.close(CloseCode.Forbidden)
        else this.reidentify(room, connection, membership)
      }
    } catch (error) {
      this.log.error({ planId, event: 'membership.recheck_failed', err: error }, 'could not re-check the memberships of open sockets')
    }
  }

  /** A socket's new role or lock applies at once; one that can no longer write is told so now. */
  private reidentify(room: PlanRoom, connection: Connection, membership: Partial<Connection['identity']>): void {
    const writable = (identity: Connection['identity']) => canEdit(identity.role) && !identity.readOnly
    const before = writable(connection.identity)
    connection.identity = { ...connection.identity, ...membership }
    if (before && !writable(connection.identity)) room.tellReadOnly(connection)
    // Writable again (restored, or made an editor): a later refusal is told afresh.
    if (writable(connection.identity)) connection.warnedReadOnly = false
  }

  planAccessChanged(planId: string): void {
    this.announce({ kind: 'plan-access', planId })
    void this.recheck(planId, () => true)
  }

  updatePlanMeta(planId: string, change: Partial<NewPlanInit>): Promise<void> {
    return this.withRoom(planId, async (room) => {
      const origin = { source: 'server', reason: 'plan-meta' } as const
      room.doc.transact(() => {
        if (change.title !== undefined) setPlanMetaField(room.doc, 'title', change.title, origin)
        if (change.community !== undefined) setPlanMetaField(room.doc, 'community', change.community, origin)
        if (change.district !== undefined) setPlanMetaField(room.doc, 'district', change.district, origin)
      }, origin)
      await room.durable()
    })
  }

  /**
   * Reads the plan: the live document when this process serves it (loading it if nobody
   * does); when another process serves it, what storage holds, without taking the plan away
   * from it (a request that names no plan, such as a join code, reaches any process). Storage
   * holds every edit anyone was told is saved.
   */
  async readPlan<T>(planId: string, read: (doc: Y.Doc) => T): Promise<T> {
    if (this.registry.isResident(planId) || !(await this.ownership.servedElsewhere(planId))) {
      return this.withRoom(planId, async (room) => read(room.doc))
    }
    const stored = await this.store.load(planId).catch((error: unknown) => {
      this.log.error({ planId, event: 'plan.read_failed', err: error }, 'could not read a plan from storage')
      throw new AppError('plan_unavailable', 'This plan cannot be opened right now; nothing has been lost. Try again shortly.')
    })
    if (!stored) throw new AppError('not_found', 'Plan not found')
    const doc = new Y.Doc()
    try {
      Y.transact(doc, () => {
        if (stored.state) Y.applyUpdate(doc, stored.state)
        for (const update of stored.updates) Y.applyUpdate(doc, update)
      })
      return read(doc)
    } finally {
      doc.destroy()
    }
  }

  async forgetPlan(planId: string): Promise<void> {
    if (this.registry.isResident(planId)) {
      // Waits out a load or an unload (whose compaction would write after the delete), then
      // lets whatever is queued be written before the rows go, so nothing lands after them.
      const room = await this.registry.acquire(planId).catch(() => null)
      if (room) {
        try {
          await room.durable().catch(() => undefined)
          this.registry.drop(room, CloseCode.PlanNotFound)
        } finally {
          this.registry.release(room)
        }
      }
    }
    await this.queue.flush()
    await this.store.delete(planId)
    this.announce({ kind: 'plan-forgotten', planId })
  }

  closeSession(sessionId: string): void {
    this.announce({ kind: 'session-closed', sessionId })
    this.closeLocalSession(sessionId)
  }

  private closeLocalSession(sessionId: string): void {
    for (const room of this.registry.readyRooms()) {
      for (const connection of room.connections) {
        if (connection.identity.sessionId === sessionId) connection.close(CloseCode.Unauthenticated)
      }
    }
  }

  createSnapshot(planId: string, label: string, userId: string) {
    return this.withRoom(planId, (room) => this.snapshots.take(room, { kind: 'named', label, createdBy: userId }).then((s) => s!))
  }

  listSnapshots(planId: string) {
    return this.snapshots.list(planId)
  }

  renderSnapshot(planId: string, snapshotId: string) {
    return this.snapshots.render(planId, snapshotId)
  }

  restoreSnapshot(planId: string, snapshotId: string, userId: string) {
    return this.withRoom(planId, (room) => this.snapshots.restore(room, snapshotId, userId))
  }

  // --- Commands --------------------------------------------------------------------------

  /** Runs a governance command (collab/commands/): one transaction, durable before it answers, idempotent by key. */
  async command<T = unknown>(planId: string, request: CommandRequest): Promise<CommandAnswer<T>> {
    const answer = await this.commands.run(planId, request, (scope) => applyCommand(scope, request.command))
    if (answer.replayed && request.command.name === 'huiEnd') {
      await this.withRoom(planId, (room) => ensureMinutes(room, this.snapshots, answer.body as HuiEndResult))
    }
    return answer as CommandAnswer<T>
  }

  // --- Sockets ---------------------------------------------------------------------------

  /**
   * Takes over an upgraded socket. Refused access closes it with its code before anything
   * else is sent; otherwise the plan is loaded (messages that arrive meanwhile are held)
   * and the sync starts.
   */
  acceptSocket(socket: WebSocket, access: SocketAccess): void {
    socket.on('error', (error) => this.log.debug({ event: 'ws.error', err: error }, 'socket error'))
    if (!access.ok) {
      socket.close(access.code, CloseReason[access.code])
      return
    }
    joinRoom(socket, access, { registry: this.registry, log: this.log, config: this.options.config })
  }

  stats(): EngineStats {
    let connections = 0
    for (const room of this.registry.readyRooms()) connections += room.connections.size
    return {
      plansInMemory: this.registry.size,
      connections,
      updatesAppended: this.queue.updatesAppended,
      bytesAppended: this.queue.bytesAppended,
      writeBatches: this.queue.batches,
      ...this.hooks.stats(),
    }
  }

  /** Graceful shutdown: store everything, snapshot what changed, close every socket (1012). */
  async close(): Promise<void> {
    clearInterval(this.keepAlive)
    await this.registry.closeAll(async (room) => {
      await room.durable()
      await this.hooks.beforeUnload(room, 'shutdown')
    })
    await this.queue.flush()
    await this.splitter.close()
  }

  // --- Lifecycle -------------------------------------------------------------------------

  /** Runs `fn` with the plan loaded and referenced; maps load failures to HTTP errors. */
  async withRoom<T>(planId: string, fn: (room: PlanRoom) => Promise<T>): Promise<T> {
    let room: PlanRoom
    try {
      room = await this.registry.acquire(planId)
    } catch (error) {
      if (error instanceof PlanNotFoundError) throw new AppError('not_found', 'Plan not found')
      if (error instanceof PlanElsewhereError) {
        throw new AppError('plan_unavailable', 'This plan is moving to another server; try again in a moment.', { 'Retry-After': '1' })
      }
      this.log.error({ planId, event: 'plan.load_failed', err: error }, 'plan failed to load')
      throw new AppError('plan_unavailable', 'This plan cannot be opened right now; nothing has been lost. Try again shortly.')
    }
    try {
      return await fn(room)
    } finally {
      this.registry.release(room)
    }
  }

  /**
   * Loads a plan. A stored state that throws while loading (damaged before device updates
   * were scanned) is recovered (collab/recover.ts) and loaded from the recovered state.
   */
  private async loadRoom(planId: string): Promise<PlanRoom> {
    await this.ownership.acquire(planId)
    try {
      return await this.loadOwnedRoom(planId)
    } catch (error) {
      await this.ownership.release(planId).catch(() => undefined)
      throw error
    }
  }

  private async loadOwnedRoom(planId: string): Promise<PlanRoom> {
    const stored = await this.store.load(planId)
    if (!stored) throw new PlanNotFoundError(planId)
    let room = this.newRoom(planId)
    let loadedUpdates = stored.updates.length
    try {
      room.loadStored(stored.state, stored.updates, stored.lastSeq)
    } catch (error) {
      // The document may be wedged half-way through a transaction: never reuse it.
      room.destroy()
      this.log.error({ planId, event: 'plan.load_threw', err: error }, 'stored plan failed to load; recovering it')
      const recovered = await recoverPlan(planId, stored, {
        store: this.store,
        quarantine: this.options.quarantine,
        audit: this.options.audit,
        log: this.log,
        now: this.options.now,
      })
      room = this.newRoom(planId)
      try {
        room.loadStored(recovered.stored.state, recovered.stored.updates, recovered.stored.lastSeq)
        loadedUpdates = recovered.stored.updates.length
      } catch (reloadError) {
        room.destroy()
        throw reloadError
      }
    }
    this.hooks.onLoaded(room, { updates: loadedUpdates })
    this.log.debug({ planId, event: 'plan.loaded', updates: stored.updates.length }, 'plan loaded')
    return room
  }

  private newRoom(planId: string): PlanRoom {
    return new PlanRoom(planId, {
      queue: this.queue,
      checkEdit: (doc, update, c) => checkDeviceUpdate(doc, update, { facilitator: c.identity.role === 'facilitator' }),
      log: this.log,
      planMaxBytes: this.options.config.planMaxBytes,
      largeUpdateBytes: this.options.config.wsLargeUpdateBytes,
      splitUpdate: (update) => this.splitter.split(update),
      hold: (room) => {
        this.registry.retain(room)
        let held = true
        return () => {
          if (held) this.registry.release(room)
          held = false
        }
      },
      onBroken: (broken) => this.registry.drop(broken),
      onApplyFailed: (broken, connection, update, error) => this.afterApplyFailed(broken, connection, update, error),
      release: (r) => this.registry.release(r),
      hooks: this.hooks,
    })
  }

  /**
   * An update passed the checks but Yjs could not apply it: the room's memory cannot be
   * trusted. The update is set aside, the room dropped without compaction or snapshot, and
   * everyone else closed with 4500 so their clients reconnect to the plan loaded afresh from
   * storage, where every acknowledged edit is and the failed update is not.
   */
  private afterApplyFailed(room: PlanRoom, connection: Connection, update: Uint8Array, error: unknown): void {
    // The room goes at once; setting the bytes aside (never acknowledged, never replayed) follows.
    this.registry.drop(room, CloseCode.PlanUnavailable)
    void this.setAside(room.planId, connection.identity.userId, update, error)
  }

  private async setAside(planId: string, userId: string, update: Uint8Array, error: unknown): Promise<void> {
    const at = this.options.now()
    const room = { planId }
    try {
      const quarantineId = await this.options.quarantine({ docId: room.planId, userId, reason: 'apply-failed', data: update, at })
      await this.options.audit({
        planId: room.planId,
        actorId: userId,
        event: 'update.quarantined',
        details: { quarantineId, bytes: update.byteLength, userId },
        at,
      })
      this.log.error(
        { planId: room.planId, userId, event: 'update.quarantined', quarantineId, bytes: update.byteLength, err: error },
        'an update could not be applied: set aside, plan reloads from storage',
      )
    } catch (quarantineError) {
      this.log.error(
        { planId: room.planId, userId, event: 'update.quarantine_failed', bytes: update.byteLength, err: error, quarantineError },
        'an update could not be applied, nor set aside; plan reloads from storage',
      )
    }
  }

  /** Async work on a room holds a reference, so the room cannot unload underneath it. */
  private async inBackground(room: PlanRoom, work: () => Promise<unknown>): Promise<void> {
    if (room.destroyed) return
    this.registry.retain(room)
    try {
      await work()
    } catch (error) {
      this.log.error({ planId: room.planId, event: 'plan.background_failed', err: error }, 'background work on a plan failed')
    } finally {
      this.registry.release(room)
    }
  }

  private async finalize(room: PlanRoom): Promise<void> {
    if (room.broken) return
    await room.durable()
    await this.hooks.beforeUnload(room, 'idle')
    await this.ownership.release(room.planId)
  }

  /**
   * Another process was sent this plan by the load balancer and asks for it: what is queued
   * is stored, the sockets close with 4500 (their clients reconnect through the balancer to
   * the new owner and resend anything not stored), and the lease goes. A plan loading or
   * unloading here is left alone: the asker retries and asks again.
   */
  private async handOver(planId: string): Promise<void> {
    const room = this.registry.loaded(planId)
    if (room) {
      this.registry.retain(room)
      try {
        await room.durable().catch(() => undefined)
        this.registry.drop(room, CloseCode.PlanUnavailable)
      } finally {
        this.registry.release(room)
      }
    } else if (this.registry.isResident(planId)) return
    await this.queue.flush()
    await this.ownership.release(planId)
    this.log.info({ planId, event: 'plan.handed_over' }, 'handed a plan over to another process')
  }
}
