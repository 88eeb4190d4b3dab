import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { addFocusArea, CloseCode, MessageType, SyncMessageType, toPlanJson } from '@hononga/shared'
import { facilitatorWithPlan, type ApiClient } from './support/api'
import { frame, RawSocket } from './support/raw-socket'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { connectPlan, type PlanClient } from './support/yclient'

const MAX_MESSAGE = 64 * 1024
let server: Awaited<ReturnType<typeof inProcessServer>>
let api: ApiClient
let planId: string
let a: PlanClient
let b: PlanClient

beforeAll(async () => {
  server = await inProcessServer({ WS_MAX_MESSAGE_BYTES: String(MAX_MESSAGE) })
  ;({ api, planId } = await facilitatorWithPlan(server.url))
  a = await connectPlan(api, server.wsUrl, planId)
  b = await connectPlan(api, server.wsUrl, planId)
  await a.synced()
  await b.synced()
})
afterAll(async () => {
  a.destroy()
  b.destroy()
  await server.close()
})

function awarenessWith(json: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, 4242)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarString(encoder, json)
  return encoding.toUint8Array(encoder)
}

const garbage = new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 97 + 13) & 0xff))
const validUpdate = (() => {
  const doc = new Y.Doc()
  addFocusArea(doc, { title: 'x' })
  return Y.encodeStateAsUpdate(doc)
})()

const badFrames: [string, Uint8Array | string, number][] = [
  ['an empty frame', new Uint8Array(0), CloseCode.BadMessage],
  ['an unknown message type', frame(99 as MessageType), CloseCode.BadMessage],
  ['an unknown sync message type', frame(MessageType.Sync, 7), CloseCode.BadMessage],
  ['a truncated sync step 1', new Uint8Array([MessageType.Sync, SyncMessageType.Step1, 0x80]), CloseCode.BadMessage],
  [
    'a sync update whose length runs past the end',
    new Uint8Array([MessageType.Sync, SyncMessageType.Update, 50, 1, 2]),
    CloseCode.BadMessage,
  ],
  ['a garbage update', frame(MessageType.Sync, SyncMessageType.Update, garbage), CloseCode.BadMessage],
  [
    'a truncated real update',
    frame(MessageType.Sync, SyncMessageType.Update, validUpdate.slice(0, validUpdate.length - 3)),
    CloseCode.BadMessage,
  ],
  ['awareness with invalid JSON', frame(MessageType.Awareness, awarenessWith('{"user":')), CloseCode.BadMessage],
  ['awareness that is not an object', frame(MessageType.Awareness, awarenessWith('[1,2,3]')), CloseCode.BadMessage],
  ['a text frame', 'hello', CloseCode.BadMessage],
  ['a frame over the size limit', new Uint8Array(MAX_MESSAGE + 1), CloseCode.MessageTooBig],
]

describe('bad input from one socket', () => {
  it.each(badFrames)('%s closes that socket only, and the plan stays intact', async (_name, bytes, code) => {
    const before = JSON.stringify(toPlanJson(a.doc))
    const bad = new RawSocket(`${server.wsUrl}/${planId}?ticket=${await api.ticket(planId)}`)
    await bad.opened
    bad.send(bytes)
    expect((await bad.closed).code).toBe(code)

    // The others notice nothing: they are still connected and still syncing.
    const title = `after ${_name}`
    addFocusArea(a.doc, { title })
    await waitFor(() => toPlanJson(b.doc).focusAreas.some((f) => f.title === title), { message: 'b still syncing' })
    expect(a.closes).toEqual([])
    expect(b.closes).toEqual([])
    const now = toPlanJson(a.doc)
    expect(now.focusAreas.filter((f) => f.title !== title)).toEqual(JSON.parse(before).focusAreas)
    expect((await api.request('GET', '/api/health')).status).toBe(200)
  })

  it('the stored plan loads cleanly after all that (nothing corrupt was persisted)', async () => {
    const stored = await api.request<{ focusAreas: unknown[] }>('GET', `/api/plans/${planId}/document`)
    expect(stored.status).toBe(200)
    expect(stored.body.focusAreas.length).toBe(badFrames.length)
    const fresh = await connectPlan(api, server.wsUrl, planId)
    await fresh.synced()
    expect(toPlanJson(fresh.doc)).toEqual(toPlanJson(a.doc))
    fresh.destroy()
  })

  it('a socket that never reads is dropped instead of growing server memory', async () => {
    // A tiny buffer bound makes the point without sending megabytes.
    const small = await inProcessServer({ WS_MAX_BUFFERED_BYTES: '2048' })
    const owner = await facilitatorWithPlan(small.url)
    const writer = await connectPlan(owner.api, small.wsUrl, owner.planId)
    await writer.synced()
    const slow = new RawSocket(`${small.wsUrl}/${owner.planId}?ticket=${await owner.api.ticket(owner.planId)}`)
    await slow.opened
    slow.socket.pause()
    ;(slow.socket as unknown as { _socket: { pause(): void } })._socket.pause()
    const blob = 'x'.repeat(16_000)
    for (let i = 0; i < 4000 && small.engine.stats().connections > 1; i++) {
      addFocusArea(writer.doc, { title: blob })
      await new Promise((resolve) => setImmediate(resolve))
    }
    await waitFor(() => small.engine.stats().connections === 1, { message: 'slow socket dropped' })
    writer.destroy()
    await small.close()
  })
})
