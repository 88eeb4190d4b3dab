import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { addFocusArea, listFocusAreas, MessageType, SyncMessageType } from '@hononga/shared'
import { facilitatorWithPlan } from './support/api'
import { frame, RawSocket } from './support/raw-socket'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()
beforeAll(async () => {
  server = await inProcessServer()
})
afterAll(async () => {
  pool.destroyAll()
  await server.close()
})

const acks = (socket: RawSocket) =>
  socket.messages
    .map((m) => decoding.createDecoder(m))
    .filter((d) => decoding.readVarUint(d) === MessageType.Ack)
    .map((d) => decoding.readVarUint(d))

/** What storage holds for a plan, as a document. */
async function stored(planId: string): Promise<Y.Doc> {
  const loaded = (await server.storage.store.load(planId))!
  const doc = new Y.Doc()
  if (loaded.state) Y.applyUpdate(doc, loaded.state)
  for (const update of loaded.updates) Y.applyUpdate(doc, update)
  return doc
}

describe('acknowledgements (?acks=1)', () => {
  it('count a socket’s edit messages once what they changed is stored', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const socket = new RawSocket(`${server.wsUrl}/${planId}?acks=1`, { cookie: api.cookie!, origin: server.url })
    await waitFor(() => socket.messages.length > 0, { message: 'sync step 1' })
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(await stored(planId)))
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 1; i <= 5; i++) addFocusArea(doc, { title: `area ${i}` })
    for (const update of updates) socket.send(frame(MessageType.Sync, SyncMessageType.Update, update))
    await waitFor(() => acks(socket).at(-1) === 5, { message: 'ack of all five' })
    // Counts only grow, and what they acknowledge is in storage.
    const seen = acks(socket)
    expect([...seen].sort((a, b) => a - b)).toEqual(seen)
    expect(listFocusAreas(await stored(planId)).length).toBe(5)
    // An edit that changes nothing (already known) is acknowledged too.
    socket.send(frame(MessageType.Sync, SyncMessageType.Update, updates[0]!))
    await waitFor(() => acks(socket).at(-1) === 6, { message: 'ack of a no-op edit' })
    socket.close()
  })

  it('are never sent to clients that did not ask (the stock client)', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const socket = new RawSocket(`${server.wsUrl}/${planId}`, { cookie: api.cookie!, origin: server.url })
    await waitFor(() => socket.messages.length > 0)
    const client = await pool.join(api, server.wsUrl, planId)
    const doc = new Y.Doc()
    addFocusArea(doc, { title: 'x' })
    socket.send(frame(MessageType.Sync, SyncMessageType.Update, Y.encodeStateAsUpdate(doc)))
    await waitFor(() => listFocusAreas(client.doc).length === 1, { message: 'edit applied' })
    expect(socket.messageTypes).not.toContain(MessageType.Ack)
    socket.close()
  })
})
