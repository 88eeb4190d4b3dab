import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addFocusArea, CloseCode, MessageType, SyncMessageType, toPlanJson } from '@hononga/shared'
import type { DocStore } from '@hononga/server'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { frame, RawSocket } from './support/raw-socket'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { connectPlan } from './support/yclient'

/** A store whose appends can be made to fail, to test what a failed write does. */
class FaultyStore {
  failAppends = false
  failLoads = false
  wrap = (store: DocStore): DocStore => ({
    ...store,
    appendBatch: (batch, at) => (this.failAppends ? Promise.reject(new Error('disk full')) : store.appendBatch(batch, at)),
    load: (docId) => (this.failLoads ? Promise.reject(new Error('I/O error')) : store.load(docId)),
  })
}

const faults = new FaultyStore()
let server: Awaited<ReturnType<typeof inProcessServer>>
beforeAll(async () => {
  server = await inProcessServer({ PLAN_IDLE_UNLOAD_MS: '0' }, undefined, { wrapStore: faults.wrap })
})
afterAll(async () => {
  await server.close()
})

function edit(title: string): Uint8Array {
  const doc = new Y.Doc()
  addFocusArea(doc, { title })
  return frame(MessageType.Sync, SyncMessageType.Update, Y.encodeStateAsUpdate(doc))
}

describe('plans in memory', () => {
  it('a thousand connect, edit, disconnect cycles leave no plan and no socket resident', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const headers = { cookie: api.cookie!, origin: server.url }
    const cycles = 1000
    const parallel = 10
    for (let batch = 0; batch < cycles / parallel; batch++) {
      await Promise.all(
        Array.from({ length: parallel }, async (_, i) => {
          const socket = new RawSocket(`${server.wsUrl}/${planId}`, headers)
          await waitFor(() => socket.messages.length > 0, { message: 'sync step 1' })
          socket.send(edit(`cycle ${batch * parallel + i}`))
          socket.close()
          await socket.closed
        }),
      )
    }
    await waitFor(() => server.engine.stats().plansInMemory === 0 && server.engine.stats().connections === 0, {
      message: 'nothing resident',
    })
    const stored = await api.request<{ focusAreas: unknown[] }>('GET', `/api/plans/${planId}/document`)
    expect(stored.body.focusAreas.length).toBe(cycles)
    await waitFor(() => server.engine.stats().plansInMemory === 0, { message: 'unloaded after the HTTP render too' })
  })

  it('presence of departed sockets does not accumulate in a plan that stays open', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const stay = await connectPlan(api, server.wsUrl, planId)
    await stay.synced()
    // y-protocols ignores a new client's clock-0 state; any field set makes it visible.
    stay.provider.awareness.setLocalStateField('step', 'environment')
    await waitFor(() => server.engine.registry.loaded(planId)?.awareness.getStates().size === 1, { message: 'stay present' })
    for (let i = 0; i < 100; i++) {
      const visitor = await connectPlan(api, server.wsUrl, planId)
      await visitor.synced()
      visitor.provider.awareness.setLocalStateField('step', 'focus-areas')
      await waitFor(() => stay.provider.awareness.getStates().size === 2, { message: 'visitor present' })
      visitor.destroy()
      await waitFor(() => stay.provider.awareness.getStates().size === 1, { message: 'visitor gone' })
    }
    const room = server.engine.registry.loaded(planId)!
    expect([...room.awareness.getStates().keys()]).toEqual([stay.doc.clientID])
    // Stay's meta, and the server's own (it publishes none, but y-protocols keeps its clock).
    expect(room.awareness.meta.size).toBeLessThanOrEqual(2)
    stay.destroy()
  })

  it('a plan reconnected to while it unloads is loaded again from storage, complete and without duplicates', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    for (let i = 0; i < 30; i++) {
      const client = await connectPlan(api, server.wsUrl, planId)
      await client.synced()
      addFocusArea(client.doc, { title: `round ${i}` })
      // Durable once the server has it: then leave, and come straight back.
      const witness = await connectPlan(api, server.wsUrl, planId)
      await waitFor(() => toPlanJson(witness.doc).focusAreas.length === i + 1, { message: `round ${i} shared` })
      client.destroy()
      witness.destroy()
      const back = await connectPlan(api, server.wsUrl, planId)
      await back.synced()
      expect(toPlanJson(back.doc).focusAreas.map((f) => f.title)).toEqual(Array.from({ length: i + 1 }, (_, n) => `round ${n}`))
      back.destroy()
    }
  })

  it('a plan that fails to load refuses sockets (no empty document) and keeps nothing resident', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    await waitFor(() => !server.engine.registry.isResident(planId))
    faults.failLoads = true
    try {
      const socket = new RawSocket(`${server.wsUrl}/${planId}`, { cookie: api.cookie!, origin: server.url })
      expect((await socket.closed).code).toBe(CloseCode.PlanUnavailable)
      expect(socket.messages).toEqual([])
      const response = await api.request('GET', `/api/plans/${planId}/document`)
      expect(response.status).toBe(503)
      expect(response.body).toEqual({ error: { code: 'plan_unavailable', message: expect.any(String) } })
      expect(server.engine.registry.isResident(planId)).toBe(false)
    } finally {
      faults.failLoads = false
    }
    const client = await connectPlan(api, server.wsUrl, planId)
    await client.synced()
    expect(toPlanJson(client.doc).meta.title).toBe('Whakatāne community plan')
    client.destroy()
  })

  it('a plan whose stored state is corrupt is refused, and its storage is left untouched', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    await waitFor(() => !server.engine.registry.isResident(planId))
    const sqlite = server.db!.$client
    const original = sqlite.prepare('SELECT data FROM doc_states WHERE doc_id = ?').get(planId) as { data: Buffer }
    const corrupt = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
    sqlite.prepare('UPDATE doc_states SET data = ? WHERE doc_id = ?').run(corrupt, planId)
    const socket = new RawSocket(`${server.wsUrl}/${planId}`, { cookie: api.cookie!, origin: server.url })
    expect((await socket.closed).code).toBe(CloseCode.PlanUnavailable)
    expect(socket.messages).toEqual([])
    const after = sqlite.prepare('SELECT data FROM doc_states WHERE doc_id = ?').get(planId) as { data: Buffer }
    expect(after.data.equals(corrupt)).toBe(true)
    sqlite.prepare('UPDATE doc_states SET data = ? WHERE doc_id = ?').run(original.data, planId)
  })

  it('a failed write drops the plan from memory, tells clients to come back, and loses nothing once storage recovers', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const partner = await new ApiClient(server.url).register('Partner')
    await api.invite(planId, partner, 'editor')
    const a = await connectPlan(api, server.wsUrl, planId)
    const b = await connectPlan(partner, server.wsUrl, planId)
    await a.synced()
    await b.synced()
    faults.failAppends = true
    addFocusArea(a.doc, { title: 'Written while the disk was full' })
    await waitFor(() => a.closes.some((c) => c.code === CloseCode.PlanUnavailable), { message: 'a told to come back' })
    // b never received the unstored edit.
    expect(toPlanJson(b.doc).focusAreas).toEqual([])
    faults.failAppends = false
    // The stock client reconnects by itself (4500 is transient) and resends what the server lacks.
    await waitFor(() => toPlanJson(b.doc).focusAreas.length === 1, { message: 'edit arrives after recovery', timeoutMs: 20_000 })
    expect(toPlanJson(b.doc).focusAreas[0]!.title).toBe('Written while the disk was full')
    a.destroy()
    b.destroy()
  })
})
