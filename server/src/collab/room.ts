import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { canEdit, CloseCode, isTxOrigin, MessageType, SyncMessageType, type TxOrigin } from '@hononga/shared'
import type { Logger } from '../log'
import type { Connection } from './connection'
import { SKIPS_AHEAD } from './content-scan'
import { Presence } from './presence'
import type { SplitResult } from './update-splitter'
import type { AnsweringOrigin, QueueClient, QueuedUpdate, WriteQueue } from './write-queue'

/** What a room needs from the engine around it. */
export interface RoomContext {
  queue: WriteQueue
  /**
   * Checks an edit against the plan's rules before it is applied (collab/content-scan.ts):
   * returns null to accept it, or the reason it is refused.
   */
  checkEdit(doc: Y.Doc, update: Uint8Array, connection: Connection): string | null
  log: Logger
  /** A write failed: the room's memory is ahead of storage and must be dropped. */
  onBroken(room: PlanRoom, error: unknown): void
  /**
   * Applying a device update threw (or left structs pending): the document can no longer be
   * trusted. The room has already stopped acknowledging and closed the sender with 4424;
   * the engine sets the update aside and drops the room without storing anything more.
   */
  onApplyFailed(room: PlanRoom, connection: Connection, update: Uint8Array, error: unknown): void
  /** Size cap of one plan's storage (PLAN_MAX_BYTES): state plus the updates appended since compaction. */
  planMaxBytes: number
  /** A device update of at least this many bytes (WS_LARGE_UPDATE_BYTES) is applied in pieces. */
  largeUpdateBytes: number
  /** Splits a large update into pieces off the event loop (collab/update-splitter.ts). */
  splitUpdate(update: Uint8Array): Promise<SplitResult>
  /** Keeps the room loaded until the returned function is called. */
  hold(room: PlanRoom): () => void
  /** A socket left the room: gives back the reference it held on the room. */
  release(room: PlanRoom): void
  /**
   * The concerns around the core (collab/hooks/: compaction, snapshots, derived tables,
   * attendance), told synchronously when sockets come and go and updates become durable.
   */
  hooks: RoomEvents
}

/** What a room tells the hooks around it (collab/hooks/hook.ts composes them); all synchronous. */
export interface RoomEvents {
  /** A socket joined (its sync has started). */
  onAttached(room: PlanRoom, connection: Connection): void
  /** Updates became durable and went out to everyone. */
  afterPersisted(room: PlanRoom, updates: readonly QueuedUpdate[]): void
  /** A socket left. */
  onDetached(room: PlanRoom, connection: Connection): void
  /** The room was destroyed. */
  onDestroyed(room: PlanRoom): void
}

class BadMessage extends Error {}

/** Yjs left part of an update waiting for structs it never got: the update was not integrated. */
export class PendingAfterApplyError extends Error {}

/** A broadcast that took at least this long (ms) is followed by a pause as long (see paceBroadcast). */
const PACED_BROADCAST_MS = 1

const STORE_ORIGIN: TxOrigin = Object.freeze({ source: 'store' })

/**
 * One loaded plan: its document, its presence (collab/presence.ts), its sockets. The invariant it keeps:
 * no byte of document content leaves the server before it is durable. Updates are applied
 * to the document, queued for storage, and broadcast only once the write has committed;
 * a sync reply is held back until every update applied before it was encoded is durable.
 */
export class PlanRoom implements QueueClient {
  readonly doc = new Y.Doc({ gc: true })
  /** Who is here and where (carets, the step they are on): see collab/presence.ts. */
  readonly presence: Presence
  readonly connections = new Set<Connection>()
  /** The plan's awareness (y-protocols), owned by its presence. */
  get awareness() {
    return this.presence.awareness
  }

  /** Sockets plus server-side holders (an HTTP request rendering the plan). */
  refs = 0
  /** Sequence number of the last durable update. */
  lastSeq = 0
  broken = false
  destroyed = false

  /**
   * The whole document encoded, kept while nothing changes: what a client with an empty
   * copy asks for (every first open on a device, every open of a plan just loaded from
   * storage). Encoding a 450 KiB plan takes 4–11 ms; a hui where twenty people open the
   * same plan pays it once. Dropped by any change to the document.
   */
  private fullState: Uint8Array | null = null
  private queuedCount = 0
  private persistedCount = 0
  private waiters: { target: number; run: () => void; fail?: (error: Error) => void }[] = []
  /** Bytes applied and queued but not yet durable (part of the size estimate). */
  private unpersistedBytes = 0
  /** Size of the stored state row, and of the updates appended after it (see foldLog). */
  private storedStateBytes = 0
  private storedLogBytes = 0
  /** Durable updates not yet broadcast, and the pacing of broadcasts (see paceBroadcast). */
  private outgoing: QueuedUpdate[] = []
  private broadcastTimer: NodeJS.Timeout | undefined
  private nextBroadcastAt = 0
  private readonly log: Logger

  constructor(
    readonly planId: string,
    private readonly ctx: RoomContext,
  ) {
    this.log = ctx.log.child({ planId })
    this.presence = new Presence(this.doc, {
      live: () => !this.destroyed,
      broadcast: (message) => {
        for (const connection of this.connections) connection.send(message)
      },
    })
    this.doc.on('update', this.handleDocUpdate)
  }

  /** Loads stored content. Only called before the room is shared with anyone. */
  loadStored(state: Uint8Array | null, updates: readonly Uint8Array[], lastSeq: number): void {
    Y.transact(
      this.doc,
      () => {
        if (state) Y.applyUpdate(this.doc, state, STORE_ORIGIN)
        for (const update of updates) Y.applyUpdate(this.doc, update, STORE_ORIGIN)
      },
      STORE_ORIGIN,
    )
    this.lastSeq = lastSeq
    this.storedStateBytes = state?.byteLength ?? 0
    this.storedLogBytes = sum(updates)
    // The stored state is the document exactly when no update follows it.
    if (state && updates.length === 0) this.fullState = state
  }

  /**
   * Runs `fn` once every update applied so far is durable (at once if it already is). If the
   * room breaks first, `fail` runs instead (or nothing: a broken room acknowledges nothing).
   */
  whenDurable(fn: () => void, fail?: (error: Error) => void): void {
    if (this.persistedCount >= this.queuedCount) fn()
    else this.waiters.push({ target: this.queuedCount, run: fn, fail })
  }

  /** Resolves once every update applied so far is durable; rejects if the room broke. */
  durable(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.broken) return reject(new Error('plan storage failed'))
      this.whenDurable(resolve, reject)
      void this.ctx.queue.flush()
    })
  }

  /**
   * Estimated bytes the plan takes in storage: the state row, the updates appended since it
   * was compacted, and what is queued. Compaction usually shrinks it.
   */
  get storedBytesEstimate(): number {
    return this.storedStateBytes + this.storedLogBytes + this.unpersistedBytes
  }

  /** Bytes of the stored state row, which a compaction rewrites. */
  get stateBytes(): number {
    return this.storedStateBytes
  }

  /** Bytes of the updates stored since the last compaction. */
  get logBytes(): number {
    return this.storedLogBytes
  }

  /**
   * Starts a compaction (collab/hooks/compaction.ts): the whole document encoded and the
   * seq of the last durable update it holds. The stored log counts as empty from here;
   * updates made durable meanwhile start the next one. Call `logFolded` once stored.
   */
  foldLog(): { state: Uint8Array; through: number } {
    const state = this.encodedState()
    const through = this.lastSeq
    this.storedLogBytes = 0
    return { state, through }
  }

  /** The compaction's state row is stored: the plan's storage now starts with it. */
  logFolded(stateBytes: number): void {
    this.storedStateBytes = stateBytes
  }

  get hasUnpersisted(): boolean {
    return this.persistedCount < this.queuedCount
  }

  // --- Sockets ---------------------------------------------------------------------------

  /** Adds a socket whose identity and membership were checked; starts the sync. */
  attach(connection: Connection): void {
    this.connections.add(connection)
    const step1 = encoding.createEncoder()
    encoding.writeVarUint(step1, MessageType.Sync)
    syncProtocol.writeSyncStep1(step1, this.doc)
    connection.send(encoding.toUint8Array(step1))
    const present = this.presence.current()
    if (present) connection.send(present)
    this.ctx.hooks.onAttached(this, connection)
  }

  /** Removes a socket and the presence it published. */
  detach(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    this.presence.leave(connection)
    this.ctx.hooks.onDetached(this, connection)
    this.ctx.release(this)
  }

  /** Handles one frame from a socket. A frame it cannot decode closes that socket only. */
  receive(connection: Connection, data: Buffer, isBinary: boolean): void {
    if (connection.closed || this.destroyed || this.broken) return
    if (connection.inbox !== null) {
      connection.inbox.push([data, isBinary])
      return
    }
    try {
      if (!isBinary) throw new BadMessage('text frames are not part of the protocol')
      const decoder = decoding.createDecoder(data)
      const type = decoding.readVarUint(decoder)
      switch (type) {
        case MessageType.Sync:
          this.receiveSync(connection, decoder)
          break
        case MessageType.Awareness:
          this.presence.receive(connection, decoding.readVarUint8Array(decoder))
          break
        case MessageType.QueryAwareness:
          connection.send(this.presence.everyone())
          break
        case MessageType.Auth:
          // Only the server speaks the auth sub-protocol; a client has nothing to say in it.
          break
        default:
          throw new BadMessage(`unknown message type ${type}`)
      }
    } catch (error) {
      this.log.warn(
        { userId: connection.identity.userId, event: 'ws.bad_message', reason: error instanceof Error ? error.message : String(error) },
        'closing socket after a malformed message',
      )
      connection.close(CloseCode.BadMessage)
    }
  }

  private receiveSync(connection: Connection, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder)
    switch (syncType) {
      case SyncMessageType.Step1: {
        const stateVector = decoding.readVarUint8Array(decoder)
        const reply = encoding.createEncoder()
        encoding.writeVarUint(reply, MessageType.Sync)
        if (Y.decodeStateVector(stateVector).size === 0) {
          // An empty copy: the whole document, encoded once while it does not change.
          encoding.writeVarUint(reply, SyncMessageType.Step2)
          encoding.writeVarUint8Array(reply, this.encodedState())
        } else syncProtocol.writeSyncStep2(reply, this.doc, stateVector)
        const message = encoding.toUint8Array(reply)
        // The reply may contain updates applied this turn that are not yet durable.
        this.whenDurable(() => connection.send(message))
        break
      }
      case SyncMessageType.Step2:
      case SyncMessageType.Update: {
        const update = decoding.readVarUint8Array(decoder)
        if (!canEdit(connection.identity.role) || connection.identity.readOnly) this.refuseEdit(connection, update)
        else if (update.byteLength >= this.ctx.largeUpdateBytes) {
          if (!this.refuseOverCap(connection, update)) this.integrateInPieces(connection, update)
          return
        } else {
          const refusal = this.ctx.checkEdit(this.doc, update, connection)
          if (refusal === SKIPS_AHEAD && this.holdUntilStep2(connection, update)) return
          if (refusal !== null) {
            // Refused whole: not applied, stored or broadcast. The client's copy holds it, so
            // it cannot stay in sync: it is closed with a code that says so.
            this.log.warn(
              { userId: connection.identity.userId, event: 'ws.edit_refused', reason: refusal },
              'refused an edit that breaks a plan rule',
            )
            connection.close(CloseCode.EditRefused)
            return
          }
          if (this.refuseOverCap(connection, update)) return
          if (!this.integrate(connection, update)) return
        }
        this.received(connection)
        if (syncType === SyncMessageType.Step2) this.releaseHeld(connection)
        break
      }
      default:
        throw new BadMessage(`unknown sync message type ${syncType}`)
    }
  }

  /**
   * After a crash or a failover the plan may lack a client's last edits, which were applied but
   * never stored (so never acknowledged, never broadcast). The client sends them again in its
   * sync step 2, its answer to the step 1 the server sent on attach; an edit typed in the
   * meantime builds on them and would be refused. Until that step 2 arrives, such an update is
   * held (bounded), then handled after it; one that still skips ahead is refused then.
   */
  private holdUntilStep2(connection: Connection, update: Uint8Array): boolean {
    const held = connection.awaitingStep2
    if (!held || connection.awaitingStep2Bytes + update.byteLength > this.ctx.largeUpdateBytes) return false
    held.push(update)
    connection.awaitingStep2Bytes += update.byteLength
    return true
  }

  /** The socket's step 2 is in: the updates held for it are handled now, in order. */
  private releaseHeld(connection: Connection): void {
    const held = connection.awaitingStep2
    connection.awaitingStep2 = null
    if (!held || held.length === 0) return
    for (const update of held) {
      if (connection.closed || this.destroyed || this.broken) return
      const encoder = encoding.createEncoder()
      syncProtocol.writeUpdate(encoder, update)
      this.receiveSync(connection, decoding.createDecoder(encoding.toUint8Array(encoder)))
    }
  }

  /** Closes the sender with 4413 when the update would take the plan past its size cap. */
  private refuseOverCap(connection: Connection, update: Uint8Array): boolean {
    if (this.storedBytesEstimate + update.byteLength <= this.ctx.planMaxBytes) return false
    this.log.warn(
      {
        userId: connection.identity.userId,
        event: 'ws.plan_too_large',
        bytes: update.byteLength,
        estimate: this.storedBytesEstimate,
        cap: this.ctx.planMaxBytes,
      },
      'refused an edit that would take the plan past its size cap',
    )
    connection.close(CloseCode.PlanTooLarge)
    return true
  }

  /** An edit message was handled whole: counted, and acknowledged once durable. */
  private received(connection: Connection): void {
    connection.editsReceived++
    if (connection.wantsAcks) this.acknowledge(connection)
  }

  /**
   * A large update (a week of offline work arrives as one sync message of several MiB) is
   * split into pieces in a worker thread and each piece is checked and applied in its own
   * turn of the event loop, so that other plans wait a few milliseconds per piece rather
   * than the whole of it. The sender's later frames wait in its inbox until the last piece;
   * everyone else's are handled between pieces. The message is acknowledged only when every
   * piece is integrated and durable. A piece the content scan refuses closes the sender with
   * 4422 as a whole update would; the pieces before it stay applied (each passed the same
   * checks against the plan as it then was, and the sender's device still holds all of it).
   * Bytes that are not an update, or structs that wait on each other in a circle, are refused
   * by the worker before anything is applied.
   */
  private integrateInPieces(connection: Connection, update: Uint8Array): void {
    connection.inbox = []
    const release = this.ctx.hold(this)
    const done = () => {
      release()
      this.drainInbox(connection)
    }
    const applyPiece = (pieces: Uint8Array[], index: number): void => {
      if (this.destroyed || this.broken || connection.closed) return done()
      const piece = pieces[index]!
      let refusal: string | null
      try {
        refusal = this.ctx.checkEdit(this.doc, piece, connection)
      } catch (error) {
        this.log.warn(
          { userId: connection.identity.userId, event: 'ws.bad_message', reason: error instanceof Error ? error.message : String(error) },
          'closing socket after a malformed message',
        )
        connection.close(CloseCode.BadMessage)
        return done()
      }
      if (refusal !== null) {
        this.log.warn(
          { userId: connection.identity.userId, event: 'ws.edit_refused', reason: refusal, piece: index, pieces: pieces.length },
          'refused an edit that breaks a plan rule',
        )
        connection.close(CloseCode.EditRefused)
        return done()
      }
      if (!this.integrate(connection, piece)) return done()
      if (index + 1 < pieces.length) setImmediate(() => applyPiece(pieces, index + 1))
      else {
        this.received(connection)
        done()
      }
    }
    this.ctx.splitUpdate(update).then(
      (result) => {
        if ('pieces' in result) return applyPiece(result.pieces, 0)
        // Refused before anything of it is applied, without decoding it on this thread.
        const undecodable = result.refused === 'undecodable'
        this.log.warn(
          { userId: connection.identity.userId, event: undecodable ? 'ws.bad_message' : 'ws.edit_refused', reason: result.reason },
          undecodable ? 'closing socket after a malformed message' : 'refused an edit that breaks a plan rule',
        )
        connection.close(undecodable ? CloseCode.BadMessage : CloseCode.EditRefused)
        done()
      },
      (error: unknown) => {
        this.log.warn({ event: 'ws.split_failed', err: error }, 'could not split a large update; applying it whole')
        applyPiece([update], 0)
      },
    )
  }

  /** Handles the frames a socket sent while its large update was applied, until another large one starts. */
  private drainInbox(connection: Connection): void {
    const held = connection.inbox ?? []
    connection.inbox = null
    for (let i = 0; i < held.length; i++) {
      const [data, isBinary] = held[i]!
      this.receive(connection, data, isBinary)
      // Another large update started: the rest wait for it, as the first ones waited.
      const inbox = connection.inbox as [Buffer, boolean][] | null
      if (inbox !== null) {
        inbox.push(...held.slice(i + 1))
        return
      }
    }
  }

  /**
   * Applies a device update. If Yjs throws (a stack overflow in its transaction cleanup, after
   * which the document silently stops emitting updates) or leaves structs pending, the room
   * is broken at once: nothing more is acknowledged or stored from it, the sender is closed
   * with 4424, and the engine sets the update aside and drops the room (onApplyFailed).
   * Returns whether the update was integrated.
   */
  private integrate(connection: Connection, update: Uint8Array): boolean {
    let failure: unknown = null
    try {
      Y.applyUpdate(this.doc, update, connection.origin)
      if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
        failure = new PendingAfterApplyError('the update left structs or deletions pending')
      }
    } catch (error) {
      failure = error
    }
    if (failure === null) return true
    this.breakDown(failure)
    connection.close(CloseCode.EditFailed)
    this.ctx.onApplyFailed(this, connection, update, failure)
    return false
  }

  /**
   * Marks the room broken: whoever waits for durability is told it failed, and no further
   * frame is handled. Queued updates already integrated before the failure still reach
   * storage (they are sound), but nothing is broadcast or acknowledged from here on.
   */
  private breakDown(error: unknown): void {
    if (this.broken) return
    this.broken = true
    this.failWaiters(error)
  }

  private failWaiters(error: unknown): void {
    const waiters = this.waiters
    this.waiters = []
    const reason = error instanceof Error ? error : new Error(String(error))
    for (const waiter of waiters) waiter.fail?.(reason)
  }

  /**
   * Tells the socket how many of its edit messages are durable, once they are. At most one
   * acknowledgement waits at a time; edits that arrive meanwhile get the next one.
   */
  private acknowledge(connection: Connection): void {
    if (connection.ackWaiting) {
      connection.ackAgain = true
      return
    }
    connection.ackWaiting = true
    const count = connection.editsReceived
    this.whenDurable(() => {
      connection.ackWaiting = false
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.Ack)
      encoding.writeVarUint(encoder, count)
      connection.send(encoding.toUint8Array(encoder))
      if (connection.ackAgain) {
        connection.ackAgain = false
        this.acknowledge(connection)
      }
    })
  }

  /** A viewer's edit is not applied, stored or broadcast. The client is told once. */
  private refuseEdit(connection: Connection, update: Uint8Array): void {
    const { to } = Y.parseUpdateMeta(update)
    let adds = false
    to.forEach((clock, client) => {
      if (clock > Y.getState(this.doc.store, client)) adds = true
    })
    if (!adds || connection.warnedReadOnly) return
    this.log.warn(
      { userId: connection.identity.userId, event: 'ws.edit_refused', role: connection.identity.role },
      'refused an edit from a read-only member',
    )
    this.tellReadOnly(connection)
  }

  /**
   * Tells a socket, once, that its edits are refused (y-protocols' permission-denied message):
   * when it sends one, or at once when it became read-only (the plan was archived or deleted,
   * or the person made a viewer), so the page can say why before they type.
   */
  tellReadOnly(connection: Connection): void {
    if (connection.warnedReadOnly) return
    connection.warnedReadOnly = true
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Auth)
    authProtocol.writePermissionDenied(encoder, 'read-only: your changes were not saved')
    connection.send(encoding.toUint8Array(encoder))
  }

  // --- Persistence and broadcast ----------------------------------------------------------

  /** The whole document as one update (Y.encodeStateAsUpdate), from the cache while unchanged. */
  encodedState(): Uint8Array {
    return (this.fullState ??= Y.encodeStateAsUpdate(this.doc))
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullState = null
    if (isTxOrigin(origin) && origin.source === 'store') return
    this.queuedCount++
    this.unpersistedBytes += update.byteLength
    // A governance command's answer travels with its update, to be stored in the same
    // transaction (AnsweringOrigin, collab/commands/run.ts).
    const idempotency = (origin as AnsweringOrigin | null)?.idempotency?.answered
    this.ctx.queue.enqueue(this, idempotency ? { update, origin, idempotency } : { update, origin })
  }

  persisted(updates: readonly QueuedUpdate[], lastSeq: number): void {
    if (this.destroyed || this.broken) return
    this.persistedCount += updates.length
    this.lastSeq = lastSeq
    for (const queued of updates) this.outgoing.push(queued)
    this.paceBroadcast()
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => w.target <= this.persistedCount)
      this.waiters = this.waiters.filter((w) => w.target > this.persistedCount)
      for (const waiter of ready) waiter.run()
    }
    const bytes = sum(updates.map((u) => u.update))
    this.storedLogBytes += bytes
    this.unpersistedBytes = Math.max(0, this.unpersistedBytes - bytes)
    this.ctx.hooks.afterPersisted(this, updates)
  }

  persistFailed(_updates: readonly QueuedUpdate[], error: unknown): void {
    if (this.broken) return
    this.breakDown(error)
    this.log.error({ event: 'store.append_failed', err: error }, 'could not store updates; dropping the plan from memory')
    this.ctx.onBroken(this, error)
  }

  /**
   * Broadcasts the durable updates now or, when the last broadcast was costly (a plan with
   * hundreds of sockets), after a pause as long as it took: a busy plan then spends at most
   * half its time writing to sockets, the edits that arrive meanwhile go out merged in the
   * next broadcast, and the server keeps time for reading what comes in. A cheap broadcast
   * (under PACED_BROADCAST_MS) is never delayed.
   */
  private paceBroadcast(): void {
    if (this.broadcastTimer) return
    const wait = this.nextBroadcastAt - performance.now()
    if (wait <= 0) this.broadcastOutgoing()
    else this.broadcastTimer = setTimeout(() => this.broadcastOutgoing(), wait)
  }

  private broadcastOutgoing(): void {
    this.broadcastTimer = undefined
    const updates = this.outgoing
    this.outgoing = []
    if (this.destroyed || updates.length === 0) return
    const started = performance.now()
    this.broadcastDurable(updates)
    const took = performance.now() - started
    this.nextBroadcastAt = took < PACED_BROADCAST_MS ? 0 : performance.now() + took
  }

  /**
   * Sends durable updates. A single update goes to every socket but its sender. Several (a
   * busy plan: many edits arrive within one turn of the event loop) are merged into one
   * update, so each socket gets one frame per broadcast instead of one per update:
   * with 500 people typing, one frame per update per socket is 250,000 socket writes a
   * second, and the profile had three quarters of the server's time in them. The merged
   * update goes to its senders too unless there is only one (applying what one already has
   * changes nothing in Yjs, and the stock client sees no update).
   */
  private broadcastDurable(updates: readonly QueuedUpdate[]): void {
    if (this.connections.size === 0 || updates.length === 0) return
    const origin = updates[0]!.origin
    if (updates.length === 1) return this.broadcastUpdate(updates[0]!.update, origin)
    const oneSender = updates.every((queued) => queued.origin === origin)
    this.broadcastUpdate(Y.mergeUpdates(updates.map((queued) => queued.update)), oneSender ? origin : undefined)
  }

  /** Encodes an update once and sends the same bytes to every socket but its sender. */
  private broadcastUpdate(update: Uint8Array, origin: unknown): void {
    if (this.connections.size === 0) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    syncProtocol.writeUpdate(encoder, update)
    const message = encoding.toUint8Array(encoder)
    for (const connection of this.connections) {
      if (connection.origin !== origin) connection.send(message)
    }
  }

  /** Closes every socket with `code` and releases the document's memory. */
  destroy(code: CloseCode = CloseCode.ServiceRestart): void {
    if (this.destroyed) return
    this.destroyed = true
    this.ctx.hooks.onDestroyed(this)
    if (this.broadcastTimer) clearTimeout(this.broadcastTimer)
    for (const connection of this.connections) connection.close(code)
    this.connections.clear()
    this.failWaiters(new Error('plan left memory'))
    this.doc.off('update', this.handleDocUpdate)
    this.presence.destroy()
    this.doc.destroy()
  }
}

function sum(chunks: readonly Uint8Array[]): number {
  let total = 0
  for (const chunk of chunks) total += chunk.byteLength
  return total
}
