import * as encoding from 'lib0/encoding'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '@hononga/shared'
import { createLogger } from '../log'
import { Connection } from './connection'
import { craftItem, craftUpdate } from './content-scan.testing'
import type { QuarantineEntry } from './engine-hooks'
import { MemoryDocStore } from './memory-doc-store'
import { PlanRoom, type RoomContext } from './room'
import { editor, MemorySocket, until, updateFrame } from './testing/memory-socket'
import { noHooks } from './testing/room-context'
import { workerSplitter } from './update-splitter'
import { WriteQueue } from './write-queue'

/**
 * The apply path of a room, in memory (no ports): a real MemoryDocStore, a real WriteQueue,
 * real Connections over an in-memory socket that records what the server sends.
 */

const PLAN = 'plan-apply-test'
/** Updates of 4 KiB or more go in pieces of about 2 KiB, split in a worker thread as the engine does. */
const splitter = workerSplitter({ maxWeight: 2 * 1024 })
afterAll(() => splitter.close())
const DEPTH = 5_000

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
      log: createLogger('silent'),
      planMaxBytes,
      largeUpdateBytes: 4 * 1024,
      splitUpdate: (update) => splitter.split(update),
      hold: () => () => {},
      onBroken: (room) => room.destroy(CloseCode.PlanUnavailable),
      // As the engine does: set the update aside, drop the room, everyone else reconnects.
      onApplyFailed: (room, connection, update) => {
        quarantined.push({ docId: room.planId, userId: connection.identity.userId, reason: 'apply-failed', data: update, at: Date.now() })
        room.destroy(CloseCode.PlanUnavailable)
      },
      release: () => {},
      hooks: noHooks,
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

describe('PlanRoom: a large update applied in pieces', () => {
  const store = new MemoryDocStore()
  const queue = new WriteQueue(store, Date.now, (error) => {
    throw error
  })
  let room: PlanRoom | undefined
  let refuse: (update: Uint8Array) => string | null = () => null

  afterEach(() => {
    room?.destroy()
    refuse = () => null
  })

  async function openRoom(planId: string): Promise<PlanRoom> {
    await store.create(planId, Y.encodeStateAsUpdate(new Y.Doc()))
    const stored = (await store.load(planId))!
    const ctx: RoomContext = {
      queue,
      checkEdit: (_doc, update) => refuse(update),
      log: createLogger('silent'),
      planMaxBytes: 64 * 1024 * 1024,
      largeUpdateBytes: 4 * 1024,
      splitUpdate: (update) => splitter.split(update),
      hold: () => () => {},
      onBroken: (broken) => broken.destroy(CloseCode.PlanUnavailable),
      onApplyFailed: (broken) => broken.destroy(CloseCode.PlanUnavailable),
      release: () => {},
      hooks: noHooks,
    }
    room = new PlanRoom(planId, ctx)
    room.loadStored(stored.state, stored.updates, stored.lastSeq)
    return room
  }

  function join(target: PlanRoom, userId: string): { connection: Connection; socket: MemorySocket } {
    const socket = new MemorySocket()
    const connection = new Connection(socket as unknown as WebSocket, editor(userId), 1 << 30, true)
    connection.onClosing = () => target.detach(connection)
    target.attach(connection)
    return { connection, socket }
  }

  /** Offline work: `entries` notes of about 100 characters, each its own struct, from the sender's own doc. */
  function offlineWork(doc: Y.Doc, entries: number, last = 'the end'): Uint8Array {
    const before = Y.encodeStateVector(doc)
    const notes = doc.getMap<string>('notes')
    for (let i = 0; i < entries; i++) notes.set(`note ${i}`, `${i}: ${'kōrero '.repeat(14)}`)
    notes.set('last', last)
    return Y.encodeStateAsUpdate(doc, before)
  }

  it('handles other sockets between pieces, holds the sender’s next edit until the last piece, then acknowledges both', async () => {
    const target = await openRoom('plan-pieces')
    const sender = join(target, 'sender')
    const partner = join(target, 'partner')
    const origins: string[] = []
    target.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      origins.push((origin as { userId?: string }).userId ?? 'other')
      // Straight after the first piece, before the next turn: the partner's edit arrives.
      if (origins.length === 1) queueMicrotask(() => target.receive(partner.connection, updateFrame(textEdit('partner line')), true))
    })

    const device = new Y.Doc()
    const work = offlineWork(device, 200)
    expect(work.byteLength).toBeGreaterThan(8 * 1024)
    // The next edit overwrites a note of the offline work: applied before it, Yjs would keep it pending.
    const before = Y.encodeStateVector(device)
    device.getMap<string>('notes').set('note 0', 'typed after reconnecting')
    const next = Y.encodeStateAsUpdate(device, before)

    const notesAtAck: number[] = []
    sender.socket.onAck = () => notesAtAck.push(target.doc.getMap('notes').size)
    target.receive(sender.connection, updateFrame(work), true)
    target.receive(sender.connection, updateFrame(next), true)
    await until(() => sender.socket.acks.includes(2), 'both of the sender’s edits acknowledged')
    // The offline work is acknowledged only once all of it is in: every note, and the last.
    expect(sender.socket.acks).toEqual([1, 2])
    expect(notesAtAck[0]).toBe(201)

    expect(origins[0]).toBe('sender')
    expect(origins[1]).toBe('partner')
    expect(origins.filter((origin) => origin === 'sender').length).toBeGreaterThan(3)
    expect(target.doc.getMap('notes').toJSON()).toEqual(device.getMap('notes').toJSON())
    expect(target.doc.getMap('notes').get('note 0')).toBe('typed after reconnecting')
    expect(target.doc.store.pendingStructs).toBeNull()
    expect(target.doc.getText('log').toString()).toBe('partner line')
  })

  it('closes the sender with 4422 at a refused piece: nothing after it is applied or acknowledged', async () => {
    const target = await openRoom('plan-pieces-refused')
    const sender = join(target, 'sender')
    refuse = (update) =>
      Y.decodeUpdate(update).structs.some(
        (struct) => struct instanceof Y.Item && JSON.stringify(struct.content.getContent()).includes('FORBIDDEN'),
      )
        ? 'forbidden'
        : null
    const device = new Y.Doc()
    const work = offlineWork(device, 200, 'FORBIDDEN')
    target.receive(sender.connection, updateFrame(work), true)
    target.receive(sender.connection, updateFrame(textEdit('after the refusal')), true)
    await until(() => sender.socket.closeCode !== undefined, 'the sender closed')
    expect(sender.socket.closeCode).toBe(CloseCode.EditRefused)
    await queue.flush()
    const notes = target.doc.getMap<string>('notes')
    // The pieces before the refused one passed the same checks and stay; the rest never arrive.
    expect(notes.size).toBeGreaterThan(0)
    expect(notes.size).toBeLessThan(201)
    expect(notes.has('last')).toBe(false)
    expect(target.doc.getText('log').toString()).toBe('')
    expect(sender.socket.acks).toEqual([])
    expect(target.broken).toBe(false)
  })
})

describe('PlanRoom: a large update refused before any of it is applied', () => {
  const store = new MemoryDocStore()
  const queue = new WriteQueue(store, Date.now, (error) => {
    throw error
  })

  async function roomWithSender(planId: string): Promise<{ room: PlanRoom; socket: MemorySocket; connection: Connection }> {
    await store.create(planId, Y.encodeStateAsUpdate(new Y.Doc()))
    const stored = (await store.load(planId))!
    const room = new PlanRoom(planId, {
      queue,
      checkEdit: () => null,
      log: createLogger('silent'),
      planMaxBytes: 64 * 1024 * 1024,
      largeUpdateBytes: 4 * 1024,
      splitUpdate: (update) => splitter.split(update),
      hold: () => () => {},
      onBroken: (broken) => broken.destroy(CloseCode.PlanUnavailable),
      onApplyFailed: (broken) => broken.destroy(CloseCode.PlanUnavailable),
      release: () => {},
      hooks: noHooks,
    })
    room.loadStored(stored.state, stored.updates, stored.lastSeq)
    const socket = new MemorySocket()
    const connection = new Connection(socket as unknown as WebSocket, editor('sender'), 1 << 30, true)
    connection.onClosing = () => room.detach(connection)
    room.attach(connection)
    return { room, socket, connection }
  }

  it('closes bytes that are not an update as malformed (4400), and structs waiting on each other in a circle as refused (4422)', async () => {
    const garbage = await roomWithSender('plan-large-garbage')
    const bytes = new Uint8Array(8 * 1024).fill(0xff)
    garbage.room.receive(garbage.connection, updateFrame(bytes), true)
    await until(() => garbage.socket.closeCode !== undefined, 'the garbage sender closed')
    expect(garbage.socket.closeCode).toBe(CloseCode.BadMessage)

    const circle = await roomWithSender('plan-large-circle')
    const long = (text: string) => new Y.ContentString(text.repeat(4 * 1024))
    const update = craftUpdate([
      { client: 1, clock: 0, structs: [craftItem(1, 0, { origin: Y.createID(2, 0) }, long('a'))] },
      { client: 2, clock: 0, structs: [craftItem(2, 0, { origin: Y.createID(1, 0) }, long('b'))] },
    ])
    circle.room.receive(circle.connection, updateFrame(update), true)
    await until(() => circle.socket.closeCode !== undefined, 'the circle sender closed')
    expect(circle.socket.closeCode).toBe(CloseCode.EditRefused)
    expect(circle.room.doc.store.clients.size).toBe(0)
    expect(circle.room.broken).toBe(false)
    for (const { room } of [garbage, circle]) room.destroy()
  })
})
