import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { MessageType } from '@hononga/shared'
import { guardAwarenessUpdate } from './awareness-guard'
import type { Connection } from './connection'
import { rewriteAwarenessClocks } from './presence-clock'

/**
 * Presence (carets, who is where) is sent at most this often per plan. With 200 people
 * moving carets once a second, one message per move is 40,000 socket writes a second and
 * the profile showed the server spending nearly all its time in them; gathered over 20 ms
 * it is at most 50 messages a second per socket, for 10 ms of added delay on average.
 */
const PRESENCE_INTERVAL_MS = 20

const MAX_RETIRED_AWARENESS_IDS = 10_000

/**
 * One plan's presence (the y-protocols awareness of its sockets): who owns which awareness
 * id, the ids of sockets that left, and the pacing of what is sent. The server is not a
 * participant: it publishes no presence of its own.
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness
  /** Presence changes not yet sent, and when presence was last sent (see send). */
  private readonly pending = new Set<number>()
  private timer: NodeJS.Timeout | undefined
  private sentAt = Number.NEGATIVE_INFINITY
  private readonly owner = new Map<number, Connection>()
  /**
   * Awareness ids of sockets that left, with the user each belonged to: echoes from other
   * clients must not revive them, but the same person reconnecting may claim theirs again
   * (the stock provider keeps its awareness id across reconnects).
   */
  private readonly retired = new Map<number, { userId: string; clock: number }>()
  /**
   * Added to the clocks of an awareness id its owner took back after a reconnect: others saw
   * it removed at the retired clock, and ignore any lower one (see rewriteAwarenessClocks).
   */
  private readonly clockShift = new Map<number, number>()

  constructor(
    doc: Y.Doc,
    private readonly room: {
      /** Whether the room still serves its sockets. */
      live(): boolean
      /** Sends a message to every socket of the room. */
      broadcast(message: Uint8Array): void
    },
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.handleUpdate)
  }

  /** Everyone's presence, for a socket that joins; null when nobody has any. */
  current(): Uint8Array | null {
    return this.awareness.getStates().size > 0 ? this.everyone() : null
  }

  /** Everyone's presence (the answer to a query). */
  everyone(): Uint8Array {
    return this.message(Array.from(this.awareness.getStates().keys()))
  }

  /** Applies a socket's awareness update, as far as it may publish it. */
  receive(connection: Connection, update: Uint8Array): void {
    const reclaimed = new Map<number, number>()
    let guarded = guardAwarenessUpdate(update, connection.presence, (id, removal) => this.mayPublish(connection, id, removal, reclaimed))
    if (!guarded) return
    if (reclaimed.size > 0 || this.clockShift.size > 0) {
      guarded = rewriteAwarenessClocks(guarded, (id, clock) => {
        const retiredClock = reclaimed.get(id)
        if (retiredClock !== undefined && retiredClock >= clock) this.clockShift.set(id, retiredClock + 1 - clock)
        return clock + (this.clockShift.get(id) ?? 0)
      })
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, guarded, connection)
  }

  /** Removes the presence a socket that left published, and retires its ids. */
  leave(connection: Connection): void {
    const ids = Array.from(connection.awarenessIds)
    if (ids.length === 0) return
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, connection)
    for (const id of ids) {
      const clock = this.awareness.meta.get(id)?.clock ?? 0
      // y-protocols never forgets a client's meta; sockets come and go, so we do.
      this.awareness.meta.delete(id)
      this.owner.delete(id)
      this.clockShift.delete(id)
      this.retire(id, connection.identity.userId, clock)
    }
    connection.awarenessIds.clear()
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.owner.clear()
    this.awareness.off('update', this.handleUpdate)
    this.awareness.destroy()
  }

  private retire(id: number, userId: string, clock: number): void {
    this.retired.delete(id)
    this.retired.set(id, { userId, clock })
    // Bounded: the oldest retired ids are forgotten first (a Map iterates in insertion order).
    if (this.retired.size > MAX_RETIRED_AWARENESS_IDS) {
      this.retired.delete(this.retired.keys().next().value!)
    }
  }

  /**
   * One presence per socket: the stock client publishes its own awareness id and echoes
   * everyone else's back. A socket may update or clear the id it claimed; it claims one id,
   * with its first non-empty state, if nobody owns it and it does not belong to someone else
   * who left (the same person reconnecting takes their id back).
   */
  private mayPublish(connection: Connection, id: number, removal: boolean, reclaimed: Map<number, number>): boolean {
    const owner = this.owner.get(id)
    if (owner) return owner === connection
    if (removal || connection.awarenessIds.size > 0) return false
    const retired = this.retired.get(id)
    if (retired !== undefined) {
      if (retired.userId !== connection.identity.userId) return false
      this.retired.delete(id)
      reclaimed.set(id, retired.clock)
    }
    this.owner.set(id, connection)
    connection.awarenessIds.add(id)
    return true
  }

  private message(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Awareness)
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
    return encoding.toUint8Array(encoder)
  }

  private readonly handleUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
    for (const id of added) this.pending.add(id)
    for (const id of updated) this.pending.add(id)
    for (const id of removed) this.pending.add(id)
    if (this.pending.size === 0) return
    // A removal goes out at once: leave() forgets the socket's awareness meta right after.
    if (removed.length > 0) return this.send()
    if (this.timer) return
    const wait = this.sentAt + PRESENCE_INTERVAL_MS - performance.now()
    if (wait <= 0) this.send()
    else this.timer = setTimeout(() => this.send(), wait)
  }

  /**
   * Sends the presence changed since the last send, to everyone, the sender included (the
   * stock client treats 30 s of silence as a dead connection, and its own presence echo is
   * what a lone participant hears). At most one send per PRESENCE_INTERVAL_MS: a change
   * after a quiet spell goes out at once, changes in quick succession (carets of many
   * people moving) are gathered into one message.
   */
  private send(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.sentAt = performance.now()
    const changed = Array.from(this.pending)
    this.pending.clear()
    if (changed.length === 0 || !this.room.live()) return
    this.room.broadcast(this.message(changed))
  }
}
