import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '@hononga/shared'
import type { SocketIdentity } from './connection'
import type { AppendEntry } from './doc-store'
import { MemoryDocStore } from './memory-doc-store'
import { PlanRoom, type RoomContext } from './room'
import { awarenessFrame, editor, memoryConnection, until, updateFrame, type MemorySocket } from './testing/memory-socket'
import { roomContext } from './testing/room-context'
import { WriteQueue } from './write-queue'

/**
 * The core of a plan in memory (no ports): a real PlanRoom, the real WriteQueue, a
 * MemoryDocStore, Connections over MemorySocket. Each test names the property it keeps.
 */

/** A MemoryDocStore whose appends wait at a gate the test opens, and which says what it holds. */
class GatedStore extends MemoryDocStore {
  private gate: Promise<void> | null = null
  private openGate: () => void = () => {}
  appendCalls = 0
  /** Updates whose append has completed. */
  readonly stored: Uint8Array[] = []

  close(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve))
  }

  open(): void {
    this.gate = null
    this.openGate()
  }

  override async appendBatch(batch: readonly AppendEntry[], at = 0): Promise<Map<string, number>> {
    this.appendCalls++
    await this.gate
    const seqs = await super.appendBatch(batch, at)
    for (const entry of batch) this.stored.push(entry.update)
    return seqs
  }
}

function textEdit(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('log').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

const contains = (updates: readonly Uint8Array[], text: string) =>
  updates.some((update) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, update)
    return doc.getText('log').toString().includes(text)
  })

describe('PlanRoom core', () => {
  const rooms: PlanRoom[] = []
  afterEach(() => {
    for (const room of rooms.splice(0)) room.destroy()
  })

  async function open(planId: string, store: MemoryDocStore, overrides: Partial<RoomContext> = {}) {
    await store.create(planId, Y.encodeStateAsUpdate(new Y.Doc()))
    const queue = new WriteQueue(store, Date.now, (error) => {
      throw error
    })
    const room = new PlanRoom(planId, roomContext(queue, overrides))
    const stored = (await store.load(planId))!
    room.loadStored(stored.state, stored.updates, stored.lastSeq)
    rooms.push(room)
    const join = (identity: SocketIdentity): MemorySocket => {
      const { connection, socket } = memoryConnection(identity)
      connection.onClosing = () => room.detach(connection)
      room.attach(connection)
      socket.on('message', (data: Buffer, isBinary: boolean) => room.receive(connection, data, isBinary))
      return socket
    }
    return { room, queue, join }
  }

  it('stores an edit before any other socket receives it', async () => {
    const store = new GatedStore()
    const { join } = await open('plan-stored-first', store)
    const writer = join(editor('writer'))
    const reader = join(editor('reader'))
    let storedWhenSent: number | undefined
    reader.onSend = (frame) => {
      if (frame.kind === 'update') storedWhenSent ??= store.stored.length
    }

    store.close()
    writer.deliver(updateFrame(textEdit('kia ora')))
    await until(() => store.appendCalls === 1, 'the append under way')
    // The append waits at the gate: nothing of the edit has left the server.
    expect(reader.updates).toEqual([])
    expect(writer.acks).toEqual([])

    store.open()
    await until(() => reader.updates.length === 1, 'the edit broadcast')
    expect(storedWhenSent).toBe(1)
    expect(contains(reader.updates, 'kia ora')).toBe(true)
    await until(() => writer.acks.includes(1), 'the writer acknowledged')
  })

  it('acknowledges only edits the store has: a failed append gets no acknowledgement', async () => {
    const store = new MemoryDocStore()
    const { room, queue, join } = await open('plan-acks', store)
    const writer = join(editor('writer'))
    const reader = join(editor('reader'))

    writer.deliver(updateFrame(textEdit('first ')))
    await until(() => writer.acks.includes(1), 'the stored edit acknowledged')

    store.failures.appendBatch = new Error('disk full')
    writer.deliver(updateFrame(textEdit('second')))
    await queue.flush()
    await until(() => room.destroyed, 'the room dropped after the failed write')
    expect(writer.acks).toEqual([1])
    expect(writer.closeCode).toBe(CloseCode.PlanUnavailable)
    expect(contains(reader.updates, 'second')).toBe(false)
    delete store.failures.appendBatch
    const stored = (await store.load('plan-acks'))!
    expect(contains(stored.updates, 'first')).toBe(true)
    expect(contains(stored.updates, 'second')).toBe(false)
  })

  it('neither stores nor broadcasts a refused update (a plan rule, or a viewer’s edit)', async () => {
    const store = new GatedStore()
    const refuse = (update: Uint8Array) => (contains([update], 'FORBIDDEN') ? 'writes where it may not' : null)
    const { room, queue, join } = await open('plan-refused', store, { checkEdit: (_doc, update) => refuse(update) })
    const writer = join(editor('writer'))
    const viewer = join({ ...editor('viewer'), role: 'viewer' })
    const reader = join(editor('reader'))

    writer.deliver(updateFrame(textEdit('FORBIDDEN')))
    expect(writer.closeCode).toBe(CloseCode.EditRefused)
    viewer.deliver(updateFrame(textEdit('from a viewer')))
    expect(viewer.sent.some((frame) => frame.kind === 'other')).toBe(true) // told once: read-only

    // An accepted edit after them shows the queue ran: the refused ones were never in it.
    const other = join(editor('other'))
    other.deliver(updateFrame(textEdit('accepted')))
    await until(() => other.acks.includes(1), 'the accepted edit acknowledged')
    await queue.flush()
    expect(store.stored).toHaveLength(1)
    expect(contains(store.stored, 'accepted')).toBe(true)
    for (const text of ['FORBIDDEN', 'from a viewer']) {
      expect(contains(store.stored, text)).toBe(false)
      expect(contains(reader.updates, text)).toBe(false)
      expect(room.doc.getText('log').toString()).not.toContain(text)
    }
  })

  it('sends presence at most every 20 ms per plan, and the latest state last', async () => {
    const { join } = await open('plan-presence', new MemoryDocStore())
    const mover = join(editor('mover'))
    const watcher = join(editor('watcher'))
    const arrivals: number[] = []
    watcher.onSend = (frame) => {
      if (frame.kind === 'awareness') arrivals.push(performance.now())
    }
    const device = new awarenessProtocol.Awareness(new Y.Doc())
    const moves = 60
    for (let i = 1; i <= moves; i++) {
      device.setLocalState({ user: { color: '#336699' }, caret: i })
      mover.deliver(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(device, [device.clientID])))
      // One move per turn of the event loop, about every 2 ms: far more often than 20 ms.
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    const seen = new awarenessProtocol.Awareness(new Y.Doc())
    await until(() => {
      for (const update of watcher.presence) awarenessProtocol.applyAwarenessUpdate(seen, update, 'server')
      return (seen.getStates().get(device.clientID) as { caret?: number } | undefined)?.caret === moves
    }, 'the last caret position')
    expect(arrivals.length).toBeGreaterThan(1)
    expect(arrivals.length).toBeLessThan(moves / 2)
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!)
    // Timers fire on the loop's cached time, which can lag performance.now() by a millisecond.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(18)
    device.destroy()
    seen.destroy()
  })
})
