import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFocusArea, getEnvironment, listFocusAreas, MessageType, SyncMessageType } from '@hononga/shared'
import { facilitatorWithPlan, type ApiClient } from './support/api'
import { frame, RawSocket } from './support/raw-socket'
import { spawnServer, type SpawnedServer } from './support/server'
import { waitFor } from './support/wait'
import { connectPlan, type PlanClient } from './support/yclient'

/**
 * Volume is met with back-pressure, not refusal: a socket over its budget is read more
 * slowly, never closed, and a week of offline work (one sync message of several MiB) is
 * accepted. Also measures how long a large update holds up another plan's round trips.
 */

const FOCUS_AREAS = 1_500

/** A week of offline work: 1,500 focus areas with a few paragraphs each, typed in pieces. */
function offlineWork(): Uint8Array {
  const doc = new Y.Doc()
  const words = 'Rangatahi mentoring at the marae with whānau and kaumātua support '
  for (let i = 0; i < FOCUS_AREAS; i++) {
    const id = addFocusArea(doc, { title: `Focus area ${i}` })
    const description = listFocusAreas(doc).find((area) => area.id === id)!.description
    doc.transact(() => {
      for (let p = 0; p < 4; p++) {
        const paragraph = new Y.XmlElement('paragraph')
        description.insert(p, [paragraph])
        const text = new Y.XmlText()
        paragraph.insert(0, [text])
        for (let piece = 0; piece < 10; piece++) text.insert(0, `${words}${i}.${p}.${piece} `)
      }
    })
  }
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

function ackCount(messages: Uint8Array[]): number {
  let count = 0
  for (const message of messages) {
    if (message[0] === MessageType.Ack) count = Math.max(count, message[1]! < 128 ? message[1]! : 0)
  }
  return count
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

describe('back-pressure', () => {
  let server: SpawnedServer
  const clients: PlanClient[] = []
  const sockets: RawSocket[] = []

  beforeAll(async () => {
    server = await spawnServer()
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    for (const socket of sockets) socket.close()
    await server.stop()
  })

  async function rawEditor(api: ApiClient, planId: string): Promise<RawSocket> {
    const socket = new RawSocket(`${server.wsUrl}/${planId}?ticket=${await api.ticket(planId)}&acks=1`)
    sockets.push(socket)
    await socket.opened
    return socket
  }

  it('accepts a week of offline work in one sync message, and measures what it holds up elsewhere', async () => {
    const big = await facilitatorWithPlan(server.url)
    const other = await facilitatorWithPlan(server.url)
    const writer = await connectPlan(other.api, server.wsUrl, other.planId)
    const observer = await connectPlan(other.api, server.wsUrl, other.planId)
    clients.push(writer, observer)
    await writer.synced()
    await observer.synced()

    const work = offlineWork()
    const message = frame(MessageType.Sync, SyncMessageType.Step2, work)
    const sender = await rawEditor(big.api, big.planId)

    // Round trips on the other plan: the writer adds a line, the observer sees it arrive.
    const sentAt: number[] = []
    const delays: { at: number; ms: number }[] = []
    const seen = getEnvironment(observer.doc)
    observer.doc.on('update', () => {
      while (delays.length < seen.length && delays.length < sentAt.length) {
        const now = performance.now()
        delays.push({ at: now, ms: now - sentAt[delays.length]! })
      }
    })
    let sending = true
    const pings = (async () => {
      for (let i = 0; sending && i < 2_000; i++) {
        sentAt.push(performance.now())
        getEnvironment(writer.doc).insert(getEnvironment(writer.doc).length, [new Y.XmlText(`ping ${i}`)])
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()

    await waitFor(() => delays.length >= 20, { message: 'baseline round trips' })
    const startedAt = performance.now()
    sender.send(message)
    await waitFor(() => ackCount(sender.messages) >= 1, { message: 'the offline work acknowledged', timeoutMs: 60_000 })
    const storedAt = performance.now()
    await waitFor(() => delays.some((d) => d.at > storedAt + 500), { message: 'round trips after the big update' })
    sending = false
    await pings

    const baseline = delays.filter((d) => d.at < startedAt).map((d) => d.ms)
    const during = delays.filter((d) => d.at >= startedAt && d.at <= storedAt + 500).map((d) => d.ms)
    const figures = {
      updateMiB: +(work.byteLength / 2 ** 20).toFixed(2),
      storedAfterMs: Math.round(storedAt - startedAt),
      baselineP50Ms: +percentile(baseline, 50).toFixed(1),
      duringP50Ms: +percentile(during, 50).toFixed(1),
      duringMaxMs: +Math.max(...during).toFixed(1),
    }
    console.log(`[backpressure] large update vs another plan's round trips: ${JSON.stringify(figures)}`)
    expect(work.byteLength).toBeGreaterThan(3 * 2 ** 20)
    expect(sender.messages.length).toBeGreaterThan(0)

    // Everything arrived: a newcomer sees all 1,500 focus areas.
    const newcomer = await connectPlan(big.api, server.wsUrl, big.planId)
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
    console.log(`[backpressure] ${updates.length} updates of 16 KiB at ${RATE / 1024} KiB/s (burst 128 KiB): all acknowledged after ${Math.round(elapsed)} ms`)
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
