import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addFocusArea, listFocusAreas } from '@hononga/shared'
import type { PlanBus } from '@hononga/server'
import { facilitatorWithPlan } from './support/api'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { connectPlan } from './support/yclient'

/** A bus that records what this process publishes and lets the test play another process. */
class TestBus implements PlanBus {
  readonly published: { planId: string; update: Uint8Array }[] = []
  private readonly listeners = new Map<string, Set<(update: Uint8Array) => void>>()
  publish(planId: string, update: Uint8Array): void {
    this.published.push({ planId, update })
  }
  subscribe(planId: string, onUpdate: (update: Uint8Array) => void): () => void {
    let set = this.listeners.get(planId)
    if (!set) this.listeners.set(planId, (set = new Set()))
    set.add(onUpdate)
    return () => set.delete(onUpdate)
  }
  /** An update another process stored and announced. */
  deliver(planId: string, update: Uint8Array): void {
    for (const listener of this.listeners.get(planId) ?? []) listener(update)
  }
}

const bus = new TestBus()
let server: Awaited<ReturnType<typeof inProcessServer>>
beforeAll(async () => {
  server = await inProcessServer({}, undefined, { bus })
})
afterAll(async () => {
  await server.close()
})

describe('the broadcast interface between server processes', () => {
  it('publishes each update once it is durable, and fans out peers’ updates without storing them again', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const client = await connectPlan(api, server.wsUrl, planId)
    await client.synced()
    addFocusArea(client.doc, { title: 'From this process' })
    await waitFor(() => bus.published.some((p) => p.planId === planId), { message: 'published' })
    const appendedBefore = server.engine.stats().updatesAppended

    // Another process's edit: made on a doc that knows the plan, announced on the bus.
    const peer = new Y.Doc()
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(client.doc))
    const peerUpdates: Uint8Array[] = []
    peer.on('update', (u: Uint8Array) => peerUpdates.push(u))
    addFocusArea(peer, { title: 'From another process' })
    bus.deliver(planId, peerUpdates[0]!)

    await waitFor(() => listFocusAreas(client.doc).length === 2, { message: 'peer update reaches local socket' })
    expect(server.engine.stats().updatesAppended).toBe(appendedBefore)
    client.destroy()
  })
})
