import type { RawData, WebSocket } from 'ws'
import * as Y from 'yjs'
import { CloseCode, CloseReason, importPlanContent, initPlanDoc, toPlanJson, type HuiEndResult, type PlanJson } from '@hononga/shared'
import type { Config } from '../config'
import { AppError } from '../errors'
import type { Logger } from '../log'
import { Connection, type SocketIdentity } from './connection'
import { recordAttendance, watchHuiStarts } from './attendance'
import { checkDeviceUpdate } from './content-scan'
import { ReadBudget, TokenBucket } from './budget'
import { workerSplitter } from './update-splitter'
import type { AuditSink, QuarantineSink } from './engine-hooks'
import { recoverPlan } from './recover'
import type { PlanBus } from './bus'
import type { DocStore } from './doc-store'
import type { CollabService, CommandAnswer, CommandRequest, EngineStats, NewPlanInit, SocketAccess } from './service'
import { applyCommand, CommandRunner, ensureMinutes } from './commands'
import { RegistryClosedError, RoomRegistry } from './registry'
import { PlanRoom } from './room'
import { SnapshotService } from './snapshots'
import { refreshDerived } from './tracking'
import { WriteQueue } from './write-queue'

export type { EngineStats, SocketAccess } from './service'

export interface EngineOptions {
  store: DocStore
  /** Fan-out to other server processes (singleProcessBus when there are none). */
  bus: PlanBus
  config: Pick<
    Config,
    | 'wsMaxBufferedBytes'
    | 'wsMaxMessageBytes'
    | 'compactMaxUpdates'
    | 'compactIdleMs'
    | 'compactMaxAgeMs'
    | 'compactMinIntervalMs'
    | 'autoSnapshotIntervalMs'
    | 'planIdleUnloadMs'
    | 'planMaxBytes'
    | 'wsBudgetBytesPerSec'
    | 'wsBudgetUpdatesPerSec'
    | 'wsLargeUpdateBytes'
  >
  log: Logger
  now: () => number
  /** Current membership of a user in a plan (null when not a member). */
  membership(planId: string, userId: string): Pick<SocketIdentity, 'role' | 'affiliation' | 'organisation'> | null
  /** Display names for snapshot authors. */
  userNames(ids: string[]): Map<string, string>
  /**
   * The plan's content changed (called at most every 2 s while it is edited, and when it
   * leaves memory): keeps derived tables current (the plans row, the action tracker).
   */
  planChanged(planId: string, doc: Y.Doc, at: number): void
  /**
   * Re-derives what is computed from the document (the action tracker) without marking the
   * plan changed; `planChanged` when absent.
   */
  refreshDerived?(planId: string, doc: Y.Doc, at: number): void
  /** Sets aside an update that could not be applied, or a stored state that could not be loaded (db/quarantine.ts). */
  quarantine: QuarantineSink
  /** Records an event in a plan's audit log (db/audit.ts): 'update.quarantined', 'plan.recovered'. */
  audit: AuditSink
}

export class PlanNotFoundError extends Error {}

/** Below this many updates the log is not worth folding on size alone. */
const MIN_UPDATES_TO_COMPACT = 100

/**
 * The sync engine: plans in memory, their sockets, their durable log, their snapshots.
 * Implements what the HTTP routes need (CollabService) and accepts authenticated sockets.
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
  private compactions = 0
  private compactionBytes = 0

  constructor(private readonly options: EngineOptions) {
    this.store = options.store
    this.log = options.log
    this.queue = new WriteQueue(options.store, options.now, (error) =>
      this.log.error({ event: 'queue.listener_failed', err: error }, 'a write listener failed'),
    )
    this.registry = new RoomRegistry({
      load: (planId) => this.loadRoom(planId),
      finalize: (room) => this.finalize(room),
      idleMs: options.config.planIdleUnloadMs,
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
    // Detects dead peers (a phone that lost its network without closing its socket).
    this.keepAlive = setInterval(() => this.pingAll(), 30_000).unref()
  }

  // --- CollabService ---------------------------------------------------------------------

  async createPlanDocument(planId: string, init: NewPlanInit, template?: PlanJson): Promise<void> {
    const doc = new Y.Doc()
    try {
      initPlanDoc(doc, { ...init, createdAt: this.options.now() })
      if (template) importPlanContent(doc, template, { source: 'server', reason: 'import' })
      await this.store.create(planId, Y.encodeStateAsUpdate(doc), this.options.now())
    } finally {
      doc.destroy()
    }
  }

  async renderPlan(planId: string) {
    return this.withRoom(planId, async (room) => toPlanJson(room.doc))
  }

  refreshDerived(planId: string): Promise<void> {
    const derive = this.options.refreshDerived ?? this.options.planChanged
    return refreshDerived(this, planId, (id, doc) => derive(id, doc, this.options.now()))
  }

  activeCount(planId: string): number {
    const room = this.registry.loaded(planId)
    if (!room) return 0
    return new Set(Array.from(room.connections, (c) => c.identity.userId)).size
  }

  membershipChanged(planId: string, userId: string): void {
    const room = this.registry.loaded(planId)
    if (!room) return
    const membership = this.options.membership(planId, userId)
    for (const connection of room.connections) {
      if (connection.identity.userId !== userId) continue
      if (!membership) connection.close(CloseCode.Forbidden)
      else connection.identity = { ...connection.identity, ...membership }
    }
  }

  closeSession(sessionId: string): void {
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
    const held: [Buffer, boolean][] = []
    let heldBytes = 0
    const hold = (data: RawData, isBinary: boolean) => {
      const bytes = toBuffer(data)
      heldBytes += bytes.byteLength
      if (heldBytes > this.options.config.wsMaxMessageBytes * 2) socket.close(CloseCode.PlanUnavailable, CloseReason[CloseCode.PlanUnavailable])
      else held.push([bytes, isBinary])
    }
    socket.on('message', hold)
    this.registry.acquire(access.planId).then(
      (room) => {
        socket.off('message', hold)
        if (socket.readyState !== socket.OPEN) {
          this.registry.release(room)
          return
        }
        const connection = new Connection(socket, access.identity, this.options.config.wsMaxBufferedBytes, access.wantsAcks)
        const budget = this.readBudget(socket)
        socket.on('message', (data, isBinary) => {
          const bytes = toBuffer(data)
          room.receive(connection, bytes, isBinary)
          budget.spend(bytes.byteLength)
        })
        connection.onClosing = () => {
          budget.stop()
          room.detach(connection)
        }
        socket.on('close', () => {
          budget.stop()
          room.detach(connection)
        })
        socket.on('pong', () => {
          connection.alive = true
        })
        room.attach(connection)
        recordAttendance(room, [connection])
        for (const [data, isBinary] of held) room.receive(connection, data, isBinary)
      },
      (error: unknown) => {
        socket.off('message', hold)
        const code =
          error instanceof PlanNotFoundError
            ? CloseCode.PlanNotFound
            : error instanceof RegistryClosedError
              ? CloseCode.ServiceRestart
              : CloseCode.PlanUnavailable
        if (code === CloseCode.PlanUnavailable) {
          this.log.error({ planId: access.planId, event: 'plan.load_failed', err: error }, 'refusing socket: plan failed to load')
        }
        socket.close(code, CloseReason[code])
      },
    )
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
      compactions: this.compactions,
      compactionBytes: this.compactionBytes,
    }
  }

  /** Graceful shutdown: store everything, snapshot what changed, close every socket (1012). */
  async close(): Promise<void> {
    clearInterval(this.keepAlive)
    await this.registry.closeAll(async (room) => {
      await room.durable()
      await this.snapshots.take(room, { kind: 'auto', label: 'Saved when the server stopped', createdBy: null, skipIfUnchanged: true })
      await this.compact(room)
      this.syncPlanRow(room)
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
   * Back-pressure on one socket (WS_BUDGET_BYTES_PER_SEC, WS_BUDGET_UPDATES_PER_SEC): reading
   * from it pauses while it is over its allowance, rather than closing it.
   */
  private readBudget(socket: WebSocket): ReadBudget {
    const { wsBudgetBytesPerSec, wsBudgetUpdatesPerSec } = this.options.config
    return new ReadBudget(socket, new TokenBucket({ bytesPerSec: wsBudgetBytesPerSec, messagesPerSec: wsBudgetUpdatesPerSec }))
  }

  /**
   * Loads a plan. A stored state that throws while loading (damaged before device updates
   * were scanned) is recovered (collab/recover.ts) and loaded from the recovered state.
   */
  private async loadRoom(planId: string): Promise<PlanRoom> {
    const stored = await this.store.load(planId)
    if (!stored) throw new PlanNotFoundError(planId)
    let room = this.newRoom(planId)
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
      } catch (reloadError) {
        room.destroy()
        throw reloadError
      }
    }
    // Observers die with the document when the room is destroyed.
    watchHuiStarts(room)
    this.log.debug({ planId, event: 'plan.loaded', updates: stored.updates.length }, 'plan loaded')
    return room
  }

  private newRoom(planId: string): PlanRoom {
    return new PlanRoom(planId, {
      queue: this.queue,
      checkEdit: (doc, update, c) => checkDeviceUpdate(doc, update, { facilitator: c.identity.role === 'facilitator' }),
      bus: this.options.bus,
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
      onPersisted: (r) => this.afterPersisted(r),
      onDetached: (r) => this.afterDetached(r),
    })
  }

  /**
   * An update passed the checks but Yjs could not apply it: the room's memory cannot be
   * trusted. The update is set aside, the room dropped without compaction or snapshot, and
   * everyone else closed with 4500 so their clients reconnect to the plan loaded afresh from
   * storage, where every acknowledged edit is and the failed update is not.
   */
  private afterApplyFailed(room: PlanRoom, connection: Connection, update: Uint8Array, error: unknown): void {
    const userId = connection.identity.userId
    const at = this.options.now()
    try {
      const quarantineId = this.options.quarantine({ docId: room.planId, userId, reason: 'apply-failed', data: update, at })
      this.options.audit({ planId: room.planId, actorId: userId, event: 'update.quarantined', details: { quarantineId, bytes: update.byteLength, userId }, at })
      this.log.error(
        { planId: room.planId, userId, event: 'update.quarantined', quarantineId, bytes: update.byteLength, err: error },
        'an update could not be applied: set aside, plan reloads from storage',
      )
    } catch (quarantineError) {
      this.log.error(
        { planId: room.planId, userId, event: 'update.quarantine_failed', bytes: update.byteLength, err: error, quarantineError },
        'an update could not be applied, nor set aside; plan reloads from storage',
      )
    } finally {
      this.registry.drop(room, CloseCode.PlanUnavailable)
    }
  }

  /**
   * Compaction policy. The log is folded into the state when it holds as many bytes as the
   * state itself (so compaction at most doubles what is written), when it reaches
   * COMPACT_MAX_UPDATES updates (so loading stays fast), when the plan has been idle for
   * COMPACT_IDLE_MS, or at the latest COMPACT_MAX_AGE_MS after its oldest update; but not
   * within COMPACT_MIN_INTERVAL_MS of the last compaction of the same plan. A compaction
   * encodes the whole plan on the event loop (about 5 ms for a 450 KiB plan): one writer
   * typing 40,000 updates a second reached COMPACT_MAX_UPDATES eight times a second, and
   * the edits waiting behind those compactions tripled the p99 of delivery (15 ms, against
   * 7 ms without). At the rates of people typing the spacing changes nothing.
   */
  private afterPersisted(room: PlanRoom): void {
    const { compactMaxUpdates, compactIdleMs, compactMaxAgeMs, compactMinIntervalMs, autoSnapshotIntervalMs } = this.options.config
    const log = room.uncompacted
    if (log.count >= compactMaxUpdates || (log.count >= MIN_UPDATES_TO_COMPACT && log.bytes >= room.stateBytes)) {
      const wait = room.compactedAt + compactMinIntervalMs - performance.now()
      if (wait <= 0) void this.inBackground(room, () => this.compact(room))
      else if (!room.compactionDue) {
        if (room.timers.compact) clearTimeout(room.timers.compact)
        room.compactionDue = true
        room.timers.compact = setTimeout(() => {
          room.timers.compact = undefined
          void this.inBackground(room, () => this.compact(room))
        }, wait).unref()
      }
    } else if (!room.compactionDue) {
      if (room.timers.compact) clearTimeout(room.timers.compact)
      const wait = Math.min(compactIdleMs, Math.max(0, log.since + compactMaxAgeMs - Date.now()))
      room.timers.compact = setTimeout(() => {
        room.timers.compact = undefined
        void this.inBackground(room, () => this.compact(room))
      }, wait).unref()
    }
    if (autoSnapshotIntervalMs > 0 && !room.timers.snapshot) {
      room.timers.snapshot = setTimeout(() => {
        room.timers.snapshot = undefined
        void this.inBackground(room, () =>
          this.snapshots.take(room, { kind: 'auto', label: 'Automatic', createdBy: null, skipIfUnchanged: true }),
        )
      }, autoSnapshotIntervalMs).unref()
    }
    if (!room.timers.meta) {
      room.timers.meta = setTimeout(() => {
        room.timers.meta = undefined
        this.syncPlanRow(room)
      }, 2_000).unref()
    }
  }

  private afterDetached(room: PlanRoom): void {
    if (room.connections.size === 0 && !room.broken) {
      if (room.timers.snapshot) clearTimeout(room.timers.snapshot)
      room.timers.snapshot = undefined
      void this.inBackground(room, () =>
        this.snapshots.take(room, { kind: 'auto', label: 'When the last participant left', createdBy: null, skipIfUnchanged: true }),
      )
    }
    this.registry.release(room)
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

  /** Folds the update log into one state row. */
  private async compact(room: PlanRoom): Promise<void> {
    if (room.timers.compact) clearTimeout(room.timers.compact)
    room.timers.compact = undefined
    room.compactionDue = false
    if (room.uncompacted.count === 0 || room.broken || room.destroyed) return
    room.compactedAt = performance.now()
    const state = room.encodedState()
    const through = room.lastSeq
    room.uncompacted = { count: 0, bytes: 0, since: 0 }
    await this.store.compact(room.planId, state, through, this.options.now())
    room.stateBytes = state.byteLength
    this.compactions++
    this.compactionBytes += state.byteLength
  }

  private async finalize(room: PlanRoom): Promise<void> {
    if (room.broken) return
    await room.durable()
    await this.compact(room)
    this.syncPlanRow(room)
  }

  private syncPlanRow(room: PlanRoom): void {
    if (room.destroyed) return
    if (room.timers.meta) clearTimeout(room.timers.meta)
    room.timers.meta = undefined
    // A plan loaded only to be read (a render, the tracker) has not changed: its "last
    // change" must not move.
    if (!room.changedSinceDerived) return
    room.changedSinceDerived = false
    try {
      this.options.planChanged(room.planId, room.doc, this.options.now())
    } catch (error) {
      this.log.error({ planId: room.planId, event: 'plan.derived_update_failed', err: error }, 'could not update what is derived from the plan')
    }
  }

  private pingAll(): void {
    for (const room of this.registry.readyRooms()) {
      for (const connection of room.connections) {
        if (!connection.alive) {
          connection.socket.terminate()
          continue
        }
        connection.alive = false
        connection.socket.ping()
      }
    }
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}
