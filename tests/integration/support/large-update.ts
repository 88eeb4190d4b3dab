import * as Y from 'yjs'
import { addFocusArea, getEnvironment, listFocusAreas, MessageType, SyncMessageType } from '@hononga/shared'
import { facilitatorWithPlan, type ApiClient } from './api'
import { frame, RawSocket } from './raw-socket'
import type { SpawnedServer } from './server'
import { waitFor } from './wait'
import { connectPlan, type PlanClient } from './yclient'

/**
 * A week of offline work arriving as one sync message, and what it holds up on another plan
 * of the same server: the measurement behind tests/integration/backpressure.test.ts and
 * tests/bench/large-update.ts.
 */

export const FOCUS_AREAS = 1_500

/** 1,500 focus areas with a few paragraphs each, typed in pieces: about 5.4 MiB as one update. */
export function offlineWork(): Uint8Array {
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

export function ackCount(messages: Uint8Array[]): number {
  let count = 0
  for (const message of messages) {
    if (message[0] === MessageType.Ack) count = Math.max(count, message[1]! < 128 ? message[1]! : 0)
  }
  return count
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

export interface LargeUpdateFigures {
  updateMiB: number
  /** From sending the message to its acknowledgement (applied and durable). */
  storedAfterMs: number
  /** Round trips on the other plan before, and while the large update was handled (up to 500 ms after its acknowledgement). */
  baselineP50Ms: number
  duringP50Ms: number
  duringMaxMs: number
  /** The plan that received the offline work, for checks afterwards. */
  planId: string
  api: ApiClient
}

/**
 * Sends `work` as one sync step 2 to a new plan while, on another plan, one client adds a
 * line every 20 ms and another waits to see it; returns the round-trip figures. Closes
 * everything it opened.
 */
export async function measureLargeUpdate(server: SpawnedServer, work: Uint8Array): Promise<LargeUpdateFigures> {
  const big = await facilitatorWithPlan(server.url)
  const other = await facilitatorWithPlan(server.url)
  const clients: PlanClient[] = []
  let sender: RawSocket | undefined
  try {
    const writer = await connectPlan(other.api, server.wsUrl, other.planId)
    clients.push(writer)
    const observer = await connectPlan(other.api, server.wsUrl, other.planId)
    clients.push(observer)
    await writer.synced()
    await observer.synced()
    sender = new RawSocket(`${server.wsUrl}/${big.planId}?ticket=${await big.api.ticket(big.planId)}&acks=1`)
    await sender.opened

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
      for (let i = 0; sending && i < 3_000; i++) {
        sentAt.push(performance.now())
        getEnvironment(writer.doc).insert(getEnvironment(writer.doc).length, [new Y.XmlText(`ping ${i}`)])
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()

    await waitFor(() => delays.length >= 20, { message: 'baseline round trips' })
    const startedAt = performance.now()
    const socket = sender
    socket.send(frame(MessageType.Sync, SyncMessageType.Step2, work))
    await waitFor(() => ackCount(socket.messages) >= 1, { message: 'the offline work acknowledged', timeoutMs: 60_000 })
    const storedAt = performance.now()
    await waitFor(() => delays.some((d) => d.at > storedAt + 500), { message: 'round trips after the big update' })
    sending = false
    await pings

    const baseline = delays.filter((d) => d.at < startedAt).map((d) => d.ms)
    const during = delays.filter((d) => d.at >= startedAt && d.at <= storedAt + 500).map((d) => d.ms)
    return {
      updateMiB: +(work.byteLength / 2 ** 20).toFixed(2),
      storedAfterMs: Math.round(storedAt - startedAt),
      baselineP50Ms: +percentile(baseline, 50).toFixed(1),
      duringP50Ms: +percentile(during, 50).toFixed(1),
      duringMaxMs: +Math.max(...during).toFixed(1),
      planId: big.planId,
      api: big.api,
    }
  } finally {
    for (const client of clients) client.destroy()
    sender?.close()
  }
}
