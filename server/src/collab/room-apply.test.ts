import { EventEmitter } from 'node:events'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode, MessageType, SyncMessageType } from '@hononga/shared'
import { createLogger } from '../log'
import { singleProcessBus } from './bus'
import { Connection, type SocketIdentity } from './connection'
import type { QuarantineEntry } from './engine-hooks'
import { MemoryDocStore } from './memory-doc-store'
import { PlanRoom, type RoomContext } from './room'
import { WriteQueue } from './write-queue'

/**
 * The apply path of a room, in memory (no ports): a real MemoryDocStore, a real WriteQueue,
 * real Connections over an in-memory socket that records what the server sends.
 */

const PLAN = 'plan-apply-test'
const DEPTH = 5_000

class MemorySocket extends EventEmitter {
  readonly OPEN = 1
  readonly CLOSED = 3
  readyState = 1
  bufferedAmount = 0
  isPaused = false
  readonly acks: number[] = []
  closeCode: number | undefined
  send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    if (decoding.readVarUint(decoder) === MessageType.Ack) this.acks.push(decoding.readVarUint(decoder))
  }
  close(code: number): void {
    this.closeCode ??= code
    this.readyState = this.CLOSED
  }
  terminate(): void {
    this.readyState = this.CLOSED
  }
  pause(): void {}
  resume(): void {}
}

function editor(userId: string): SocketIdentity {
  return { userId, name: userId, role: 'editor', affiliation: 'iwi', organisation: null }
}

function updateFrame(update: Uint8Array): Buffer {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, SyncMessageType.Update)
  encoding.writeVarUint8Array(encoder, update)
  return Buffer.from(encoding.toUint8Array(encoder))
}

/** An update deleting one item, written by hand: the attacker's own Yjs would overflow doing it. */
function deleteOnly(id: Y.ID): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0) // no structs
  encoding.writeVarUint(encoder, 1) // one client in the delete set
  encoding.writeVarUint(encoder, id.client)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, id.clock)
  encoding.writeVarUint(encoder, 1)
  return encoding.toUint8Array(encoder)
}

/** Rich text nested `depth` deep; returns the update and the id of the outermost element. */
function deepNesting(depth: number): { update: Uint8Array; outer: Y.ID } {
  const doc = new Y.Doc({ gc: false })
  let element = new Y.XmlElement('paragraph')
  doc.getXmlFragment('notes').insert(0, [element])
  const outer = element._item!.id
  for (let i = 0; i < depth; i++) {
    const child = new Y.XmlElement('paragraph')
    element.insert(0, [child])
    element = child
  }
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return { update, outer }
}

function textEdit(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('log').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('PlanRoom apply path', () => {
  const store = new MemoryDocStore()
  const queue = new WriteQueue(store, Date.now, (error) => {
    throw error
  })
  const rooms: PlanRoom[] = []
  const quarantined: QuarantineEntry[] = []
  let planMaxBytes = 64 * 1024 * 1024

  afterEach(() => {
    for (const room of rooms.splice(0)) room.destroy()
  })

  async function openRoom(planId = PLAN): Promise<PlanRoom> {
    const stored = (await store.load(planId))!
    const ctx: RoomContext = {
      queue,
      checkEdit: () => null,
      bus: singleProcessBus,
      log: createLogger('silent'),
      planMaxBytes,
      onBroken: (room) => room.destroy(CloseCode.PlanUnavailable),
      // As the engine does: set the update aside, drop the room, everyone else reconnects.
      onApplyFailed: (room, connection, update) => {
        quarantined.push({ docId: room.planId, userId: connection.identity.userId, reason: 'apply-failed', data: update, at: Date.now() })
        room.destroy(CloseCode.PlanUnavailable)
      },
      onPersisted: () => {},
      onDetached: () => {},
    }
    const room = new PlanRoom(planId, ctx)
    room.loadStored(stored.state, stored.updates, stored.lastSeq)
    rooms.push(room)
    return room
  }

  function join(room: PlanRoom, userId: string): { connection: Connection; socket: MemorySocket } {
    const socket = new MemorySocket()
    const connection = new Connection(socket as unknown as WebSocket, editor(userId), 1 << 30, true)
    connection.onClosing = () => room.detach(connection)
    room.attach(connection)
    return { connection, socket }
  }

  it('never acknowledges an update Yjs throws on, sets it aside, and keeps every acknowledged edit', async () => {
    await store.create(PLAN, Y.encodeStateAsUpdate(new Y.Doc()))
    const room = await openRoom()
    const attacker = join(room, 'attacker')
    const partner = join(room, 'partner')

    room.receive(partner.connection, updateFrame(textEdit('before ')), true)
    await until(() => partner.socket.acks.includes(1), 'ack of the edit before the attack')

    const { update: nested, outer } = deepNesting(DEPTH)
    room.receive(attacker.connection, updateFrame(nested), true)
    await until(() => attacker.socket.acks.includes(1), 'ack of the deep nesting (accepted: checkEdit accepts all here)')

    const wedge = deleteOnly(outer)
    room.receive(attacker.connection, updateFrame(wedge), true)
    expect(attacker.socket.closeCode).toBe(CloseCode.EditFailed)
    expect(partner.socket.closeCode).toBe(CloseCode.PlanUnavailable)
    expect(room.broken).toBe(true)
    expect(quarantined).toHaveLength(1)
    expect(quarantined[0]!.userId).toBe('attacker')
    expect(Array.from(quarantined[0]!.data)).toEqual(Array.from(wedge))
    await queue.flush()
    expect(attacker.socket.acks).toEqual([1])

    // The partner reconnects to the plan loaded afresh from storage and carries on.
    const reopened = await openRoom()
    const partnerAgain = join(reopened, 'partner')
    reopened.receive(partnerAgain.connection, updateFrame(textEdit('after')), true)
    await until(() => partnerAgain.socket.acks.includes(1), 'ack of the edit after the attack')
    reopened.destroy()

    const reloaded = await openRoom()
    const text = reloaded.doc.getText('log').toString()
    expect(text).toContain('before ')
    expect(text).toContain('after')
    // The deep nesting was acknowledged, so it is kept; the delete that wedged the room is not.
    const first = reloaded.doc.getXmlFragment('notes').get(0) as Y.XmlElement
    expect(first).toBeInstanceOf(Y.XmlElement)
    expect(first.length).toBe(1)
  })

  it('treats an update that leaves structs pending like one that throws', async () => {
    const planId = `${PLAN}-pending`
    await store.create(planId, Y.encodeStateAsUpdate(new Y.Doc()))
    const room = await openRoom(planId)
    const sender = join(room, 'sender')
    const doc = new Y.Doc()
    doc.getText('log').insert(0, 'first')
    const vector = Y.encodeStateVector(doc)
    doc.getText('log').insert(5, ' second')
    // Only the second edit: it refers to the first, which the server never got.
    room.receive(sender.connection, updateFrame(Y.encodeStateAsUpdate(doc, vector)), true)
    expect(sender.socket.closeCode).toBe(CloseCode.EditFailed)
    expect(sender.socket.acks).toEqual([])
    expect(quarantined.at(-1)!.docId).toBe(planId)
  })

  it('refuses an update that would take the plan past its size cap (4413), without applying it', async () => {
    const planId = `${PLAN}-cap`
    await store.create(planId, Y.encodeStateAsUpdate(new Y.Doc()))
    planMaxBytes = 64 * 1024
    try {
      const room = await openRoom(planId)
      const sender = join(room, 'sender')
      room.receive(sender.connection, updateFrame(textEdit('x'.repeat(10_000))), true)
      await until(() => sender.socket.acks.includes(1), 'ack of an edit within the cap')
      room.receive(sender.connection, updateFrame(textEdit('y'.repeat(60_000))), true)
      expect(sender.socket.closeCode).toBe(CloseCode.PlanTooLarge)
      expect(room.doc.getText('log').toString()).not.toContain('y')
      expect(room.broken).toBe(false)
    } finally {
      planMaxBytes = 64 * 1024 * 1024
    }
  })
})
