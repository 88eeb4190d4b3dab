import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getEnvironment, listFocusAreas, MessageType, SyncMessageType } from '@hononga/shared'
import { facilitatorWithPlan } from './support/api'
import { ackCount, FOCUS_AREAS, measureLargeUpdate, offlineWork } from './support/large-update'
import { frame, RawSocket } from './support/raw-socket'
import { spawnServer, type SpawnedServer } from './support/server'
import { waitFor } from './support/wait'
import { connectPlan, type PlanClient } from './support/yclient'

/**
 * Volume is met with back-pressure, not refusal: a socket over its budget is read more
 * slowly, never closed, and a week of offline work (one sync message of several MiB) is
 * accepted, applied in pieces so that other plans are not held up. Also measures how long
 * it holds up another plan's round trips.
 */

describe('back-pressure', () => {
  let server: SpawnedServer
  const clients: PlanClient[] = []

  beforeAll(async () => {
    server = await spawnServer()
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server.stop()
  })

  it('accepts a week of offline work in one sync message, and measures what it holds up elsewhere', async () => {
    const work = offlineWork()
    expect(work.byteLength).toBeGreaterThan(3 * 2 ** 20)
    const { planId, api, ...figures } = await measureLargeUpdate(server, work)
    // Not asserted (timing): `node --import tsx tests/bench/large-update.ts` compares pieces with whole.
    console.log(`[backpressure] large update vs another plan's round trips: ${JSON.stringify(figures)}`)

    // Everything arrived: a newcomer sees all 1,500 focus areas.
    const newcomer = await connectPlan(api, server.wsUrl, planId)
    clients.push(newcomer)
    await newcomer.synced()
    expect(listFocusAreas(newcomer.doc)).toHaveLength(FOCUS_AREAS)
  })
})

describe('a socket over its budget', () => {
  const RATE = 32 * 1024
  let server: SpawnedServer
  let socket: RawSocket | undefined

  beforeAll(async () => {
    server = await spawnServer({ env: { WS_BUDGET_BYTES_PER_SEC: String(RATE) } })
  })
  afterAll(async () => {
    socket?.close()
    await server.stop()
  })

  it('is read more slowly, not closed, and loses nothing', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    socket = new RawSocket(`${server.wsUrl}/${planId}?ticket=${await api.ticket(planId)}&acks=1`)
    await socket.opened
    // 4 s of burst (128 KiB) and then 64 KiB more: reading must pause about 2 s.
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    for (let i = 0; i < 12; i++) getEnvironment(doc).insert(i, [new Y.XmlText(`${i}:`.padEnd(16 * 1024, 'x'))])
    const started = performance.now()
    for (const update of updates) socket.send(frame(MessageType.Sync, SyncMessageType.Update, update))
    await waitFor(() => ackCount(socket!.messages) >= updates.length, { message: 'every update acknowledged', timeoutMs: 30_000 })
    const elapsed = performance.now() - started
    console.log(
      `[backpressure] ${updates.length} updates of 16 KiB at ${RATE / 1024} KiB/s (burst 128 KiB): all acknowledged after ${Math.round(elapsed)} ms`,
    )
    expect(elapsed).toBeGreaterThan(1_000)
    let closed = false
    void socket.closed.then(() => (closed = true))
    expect(closed).toBe(false)

    const reader = await connectPlan(api, server.wsUrl, planId)
    try {
      await reader.synced()
      expect(getEnvironment(reader.doc).length).toBe(12)
    } finally {
      reader.destroy()
    }
  })
})
