import { afterAll, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addFocusArea, CloseCode, listFocusAreas } from '@hononga/shared'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { startCluster, type Cluster } from './support/cluster'
import { describeWithServices } from './support/haproxy'
import { waitFor } from './support/wait'
import { ClientPool, connectPlan, type PlanClient } from './support/yclient'

/**
 * Three Hononga processes on one real PostgreSQL behind HAProxy (deploy/haproxy.cfg), with
 * stock y-websocket clients: edits converge through the balancer; the owner of a plan killed
 * with kill -9 (again and again), frozen with SIGSTOP, or cut off by a PostgreSQL restart loses
 * nothing anyone received; a member removed through another process is disconnected by the
 * owner; and a thousand connections leave nothing behind.
 */

let cluster: Cluster
const pool = new ClientPool()

const titles = (doc: Y.Doc) => listFocusAreas(doc).map((area) => area.title.toString())

/** Adds a focus area titled `<prefix>-<n>` every `everyMs` until stopped; returns what it wrote. */
function typist(client: PlanClient, prefix: string, everyMs = 100) {
  let n = 0
  const written: string[] = []
  const timer = setInterval(() => {
    const title = `${prefix}-${++n}`
    addFocusArea(client.doc, { title })
    written.push(title)
  }, everyMs)
  return {
    written,
    stop: () => clearInterval(timer),
  }
}

/** What a client received from others: titles in its document it did not write itself. */
function receivedFrom(client: PlanClient, ownPrefix: string): string[] {
  return titles(client.doc).filter((title) => !title.startsWith(`${ownPrefix}-`))
}

/** The plan as storage holds it now, read by a fresh client through the balancer. */
async function storedTitles(api: ApiClient, planId: string): Promise<Set<string>> {
  const reader = await connectPlan(api, cluster.wsUrl, planId)
  try {
    await reader.synced()
    return new Set(titles(reader.doc))
  } finally {
    reader.destroy()
  }
}

/** Waits until `reader` sees the typist's next title (typed after now): the plan is served and stored. */
function seesNext(reader: PlanClient, writer: { written: string[] }, prefix: string, message: string, timeoutMs = 30_000) {
  const next = writer.written.length + 1
  return waitFor(() => titles(reader.doc).includes(`${prefix}-${next}`), { timeoutMs, message })
}

/** The author goes away without sending anything again; storage must hold all the reader received from others. */
async function expectReceivedKept(api: ApiClient, planId: string, reader: PlanClient, readerPrefix: string, author: PlanClient) {
  const received = receivedFrom(reader, readerPrefix)
  author.destroy()
  const stored = await storedTitles(api, planId)
  expect(received.filter((title) => !stored.has(title))).toEqual([])
}

/** Two people on one plan, through the balancer. */
async function twoPeople() {
  const { api, planId } = await facilitatorWithPlan(cluster.url)
  const other = await new ApiClient(cluster.url).register('Hemi Editor')
  await api.invite(planId, other, 'editor')
  const aroha = await pool.join(api, cluster.wsUrl, planId)
  const hemi = await pool.join(other, cluster.wsUrl, planId)
  return { api, other, planId, aroha, hemi }
}

describeWithServices('several server processes on PostgreSQL behind HAProxy', () => {
  beforeAll(async () => {
    cluster = await startCluster({ env: { PLAN_IDLE_UNLOAD_MS: '500' } })
  }, 120_000)
  afterAll(async () => {
    pool.destroyAll()
    await cluster?.stop()
  })

  it('edits through the balancer converge, checked and stored by the plan’s one owner', async () => {
    const { planId, aroha, hemi } = await twoPeople()
    addFocusArea(aroha.doc, { title: 'Rangatahi' })
    addFocusArea(hemi.doc, { title: 'Whānau' })
    await waitFor(() => titles(aroha.doc).length === 2 && titles(hemi.doc).length === 2, { message: 'both edits everywhere' })
    expect(new Set(titles(aroha.doc))).toEqual(new Set(titles(hemi.doc)))
    const owner = await cluster.ownerOf(planId)
    expect(owner).toBeGreaterThanOrEqual(0)
    // Only the owner holds the plan in memory.
    const inMemory = await Promise.all(cluster.ports.map((_, i) => cluster.metrics(i)))
    expect(inMemory.filter((m) => m.connections > 0)).toHaveLength(1)
    expect(inMemory[owner]!.connections).toBe(2)
  })

  it('kill -9 of the owner, twenty times while two people type: nothing either received is lost', { timeout: 420_000 }, async () => {
    const { api, planId, aroha, hemi } = await twoPeople()
    const a = typist(aroha, 'aroha')
    const h = typist(hemi, 'hemi')
    const failovers: number[] = []
    try {
      for (let round = 0; round < 20; round++) {
        // Both see each other's newest edits: the plan is being served and stored.
        const mark = { a: Math.max(1, a.written.length), h: Math.max(1, h.written.length) }
        await waitFor(() => titles(hemi.doc).includes(`aroha-${mark.a}`) && titles(aroha.doc).includes(`hemi-${mark.h}`), {
          timeoutMs: 30_000,
          message: `round ${round}: edits flowing`,
        })
        const owner = await cluster.ownerOf(planId)
        expect(owner).toBeGreaterThanOrEqual(0)
        const killedAt = performance.now()
        await cluster.kill(owner, 'SIGKILL')
        const next = { a: a.written.length + 1, h: h.written.length + 1 }
        await waitFor(() => titles(hemi.doc).includes(`aroha-${next.a}`) && titles(aroha.doc).includes(`hemi-${next.h}`), {
          timeoutMs: 30_000,
          message: `round ${round}: editing resumes on another process`,
        })
        failovers.push(performance.now() - killedAt)
        await cluster.start(owner)
      }
    } finally {
      a.stop()
      h.stop()
    }
    const received = [...receivedFrom(aroha, 'aroha'), ...receivedFrom(hemi, 'hemi')]
    // The authors go away without a chance to send anything again.
    aroha.destroy()
    hemi.destroy()
    const stored = await storedTitles(api, planId)
    const lost = received.filter((title) => !stored.has(title))
    expect(lost).toEqual([])
    failovers.sort((x, y) => x - y)
    console.info(
      `failover (kill -9 to the other person's next edit seen), ms: p50 ${failovers[10]!.toFixed(0)}, max ${failovers[19]!.toFixed(0)}`,
    )
  })

  it('a frozen owner (SIGSTOP) is replaced; woken, storage refuses it and it steps down', async () => {
    const { api, planId, aroha, hemi } = await twoPeople()
    const a = typist(aroha, 'aroha')
    const owner = await cluster.ownerOf(planId)
    const frozen = cluster.servers[owner]!
    try {
      await waitFor(() => titles(hemi.doc).includes(`aroha-${a.written.length}`) && a.written.length > 3, { message: 'typing' })
      frozen.process.kill('SIGSTOP')
      await seesNext(hemi, a, 'aroha', 'another process serves the plan')
      expect(await cluster.ownerOf(planId)).not.toBe(owner)
      frozen.process.kill('SIGCONT')
      await waitFor(() => frozen.logs.some((entry) => entry.event === 'lease.lost' || entry.event === 'plan.handed_over'), {
        timeoutMs: 30_000,
        message: 'the woken process learns the plan moved',
      })
      await seesNext(hemi, a, 'aroha', 'editing goes on')
    } finally {
      a.stop()
      frozen.process.kill('SIGCONT')
    }
    await expectReceivedKept(api, planId, hemi, 'hemi', aroha)
    // Every title once: no update was stored twice as two items, and none went backwards.
    const all = titles(hemi.doc)
    expect(new Set(all).size).toBe(all.length)
  })

  it('PostgreSQL restarted mid-edit: plans refuse service while it is down, then recover with nothing lost', async () => {
    const { api, planId, aroha, hemi } = await twoPeople()
    const a = typist(aroha, 'aroha')
    try {
      await waitFor(() => titles(hemi.doc).includes(`aroha-${a.written.length}`) && a.written.length > 3, { message: 'typing' })
      const before = receivedFrom(hemi, 'hemi')
      await cluster.pg.restart('immediate')
      await seesNext(hemi, a, 'aroha', 'editing resumes after the restart', 60_000)
      // Never an empty plan: what Hemi had is still there.
      for (const title of before) expect(titles(hemi.doc)).toContain(title)
    } finally {
      a.stop()
    }
    await expectReceivedKept(api, planId, hemi, 'hemi', aroha)
  })

  it('a process that comes back takes its plans back on the next request, once, without a tug of war', async () => {
    const { api, planId, aroha, hemi } = await twoPeople()
    const a = typist(aroha, 'aroha')
    try {
      await waitFor(() => titles(hemi.doc).includes(`aroha-${a.written.length}`) && a.written.length > 2, { message: 'typing' })
      const home = await cluster.ownerOf(planId)
      await cluster.kill(home)
      await seesNext(hemi, a, 'aroha', 'another process serves the plan')
      expect(await cluster.ownerOf(planId)).not.toBe(home)
      await cluster.start(home)
      // Someone opens the plan once HAProxy sends it home again: the plan follows.
      await waitFor(
        async () => {
          const visitor = await connectPlan(api, cluster.wsUrl, planId)
          try {
            await visitor.synced()
          } finally {
            visitor.destroy()
          }
          return (await cluster.ownerOf(planId)) === home
        },
        { timeoutMs: 60_000, intervalMs: 500, message: 'the plan back on its own process' },
      )
      await seesNext(hemi, a, 'aroha', 'editing goes on at home')
      // Steady: while both keep working for three seconds, the plan does not change hands again.
      const epoch = await cluster.epochOf(planId)
      const watchUntil = Date.now() + 3_000
      await waitFor(
        async () => {
          expect(await cluster.epochOf(planId)).toBe(epoch)
          return Date.now() > watchUntil
        },
        { timeoutMs: 10_000, intervalMs: 200, message: 'three steady seconds' },
      )
    } finally {
      a.stop()
    }
  })

  it('SIGTERM: the owner reports unhealthy, stores everything, hands its plans over and exits cleanly', async () => {
    const { api, planId, aroha, hemi } = await twoPeople()
    const a = typist(aroha, 'aroha')
    const owner = await cluster.ownerOf(planId)
    const stopped = cluster.servers[owner]!
    try {
      await waitFor(() => titles(hemi.doc).includes(`aroha-${a.written.length}`) && a.written.length > 3, { message: 'typing' })
      expect(await cluster.kill(owner, 'SIGTERM')).toBe(0)
      const said = stopped.logs.map((entry) => entry.event)
      expect(said.indexOf('server.draining')).toBeGreaterThanOrEqual(0)
      expect(said.indexOf('server.draining')).toBeLessThan(said.indexOf('server.stopped'))
      await seesNext(hemi, a, 'aroha', 'another process serves the plan')
      await cluster.start(owner)
    } finally {
      a.stop()
    }
    await expectReceivedKept(api, planId, hemi, 'hemi', aroha)
  })

  it('a join code and the tracker, asked of any process, read the plan without taking it from its owner', async () => {
    const { api, planId } = await twoPeople()
    expect((await api.request('POST', `/api/plans/${planId}/hui/start`, {})).status).toBe(200)
    const shown = await api.request<{ code: string }>('POST', `/api/plans/${planId}/join-code`, {})
    expect(shown.status).toBe(201)
    const owner = await cluster.ownerOf(planId)
    const epoch = await cluster.epochOf(planId)
    const elsewhere = cluster.ports.map((_, i) => i).filter((i) => i !== owner)
    for (const i of elsewhere) {
      const direct = api.at(`http://127.0.0.1:${cluster.ports[i]}`)
      const preview = await direct.request<{ planTitle: string }>('GET', `/api/join/${shown.body.code}`)
      expect(preview.status).toBe(200)
      expect(preview.body.planTitle).toBe('Whakatāne community plan')
      expect((await direct.request('GET', '/api/tracker')).status).toBe(200)
    }
    expect(await cluster.ownerOf(planId)).toBe(owner)
    expect(await cluster.epochOf(planId)).toBe(epoch)
  })

  it('a member removed through another process is disconnected by the plan’s owner', async () => {
    const { api, other, planId, hemi } = await twoPeople()
    const owner = await cluster.ownerOf(planId)
    const elsewhere = (owner + 1) % cluster.ports.length
    const direct = api.at(`http://127.0.0.1:${cluster.ports[elsewhere]}`)
    const started = performance.now()
    const removed = await direct.request('DELETE', `/api/plans/${planId}/members/${other.user!.id}`)
    expect(removed.status).toBe(204)
    await waitFor(() => hemi.closes.some((close) => close.code === CloseCode.Forbidden), {
      timeoutMs: 30_000,
      message: 'the removed member disconnected',
    })
    console.info(`member removed on another process: disconnected after ${(performance.now() - started).toFixed(0)} ms`)
  })

  it('1,000 connect / leave cycles across processes leave no lease, room or socket behind', async () => {
    pool.destroyAll()
    // Every process up (an earlier test may have stopped one).
    for (let i = 0; i < cluster.ports.length; i++) if (!cluster.servers[i]) await cluster.start(i)
    // One person, ten plans (registrations are limited per address, and this file makes many).
    const { api } = await facilitatorWithPlan(cluster.url)
    const people = [{ api, planId: await api.createPlan() }]
    for (let i = 1; i < 10; i++) people.push({ api, planId: await api.createPlan() })
    const deadline = Date.now() + 240_000
    let cycles = 0
    await Promise.all(
      people.map(async ({ api, planId }) => {
        for (let i = 0; i < 100 && Date.now() < deadline; i++) {
          const client = await connectPlan(api, cluster.wsUrl, planId)
          await client.synced()
          client.destroy()
          cycles++
        }
      }),
    )
    expect(cycles).toBe(1000)
    await waitFor(
      async () => {
        const counters = await Promise.all(cluster.ports.map((_, i) => cluster.metrics(i)))
        return (await cluster.leaseCount()) === 0 && counters.every((m) => m.plansInMemory === 0 && m.connections === 0)
      },
      { timeoutMs: 30_000, message: 'every plan unloaded and every lease released' },
    )
  })
})
