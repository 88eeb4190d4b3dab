import { afterAll, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, getPlanMeta } from '@hononga/shared'
import { createLogger } from '../../server/src/log'
import { openPgDb, type PgDatabase } from '../../server/src/db/pg/open'
import { docStoreContract } from '../../server/src/collab/doc-store.contract'
import { PlanFencedError } from '../../server/src/collab/doc-store'
import { PgControlChannel } from '../../server/src/collab/pg-control'
import { createPgDocStore } from '../../server/src/collab/pg-doc-store'
import { PgPlanOwnership } from '../../server/src/collab/pg-ownership'
import { PlanElsewhereError } from '../../server/src/collab/ownership'
import { memoryEngine, type MemoryEngine } from '../../server/src/collab/testing/memory-engine'
import { editor, until, updateFrame } from '../../server/src/collab/testing/memory-socket'
import { describeWithPostgres, startPostgres, type PgServer } from './support/postgres'

/**
 * The PostgreSQL DocStore against a real PostgreSQL server: the contract every store passes,
 * the fence (a process that lost a plan's lease stores nothing of it), and two engines handing
 * a plan over the way two server processes behind the load balancer do.
 */

const log = createLogger('silent')
let server: PgServer
let database: PgDatabase

/** One server process's storage side: its pool, control channel and leases. */
interface Process {
  database: PgDatabase
  control: PgControlChannel
  ownership: PgPlanOwnership
  lost: string[]
  handOvers: string[]
  close(): Promise<void>
}

async function process_(
  options: { leaseTtlMs?: number; renewEveryMs?: number; listen?: boolean; answerHandOvers?: boolean } = {},
): Promise<Process> {
  const own = await openPgDb({ url: server.url, log })
  const control = new PgControlChannel({ pool: own.pool, connection: { connectionString: server.url }, log })
  await control.start()
  const ownership = new PgPlanOwnership({
    pool: own.pool,
    connection: { connectionString: server.url },
    control,
    log,
    address: 'test',
    leaseTtlMs: options.leaseTtlMs ?? 30_000,
    renewEveryMs: options.renewEveryMs ?? 1_000,
  })
  const lost: string[] = []
  const handOvers: string[] = []
  if (options.listen !== false) {
    ownership.listen({
      lost: (planId) => void lost.push(planId),
      handOver: async (planId) => {
        handOvers.push(planId)
        if (options.answerHandOvers !== false) await ownership.release(planId)
      },
    })
  }
  await ownership.start()
  return {
    database: own,
    control,
    ownership,
    lost,
    handOvers,
    async close() {
      await ownership.close()
      await control.close()
      await own.close()
    },
  }
}

const bytes = (...values: number[]) => new Uint8Array(values)

describeWithPostgres('the DocStore on PostgreSQL', () => {
  beforeAll(async () => {
    server = await startPostgres()
    database = await openPgDb({ url: server.url, log })
  }, 60_000)
  afterAll(async () => {
    await database?.close()
    await server?.stop()
  })

  docStoreContract('PostgreSQL', async () => {
    await database.pool.query('TRUNCATE doc_updates, doc_states, snapshots, idempotency_keys, plan_leases')
    return { store: createPgDocStore(database.pool) }
  })

  it('stores nothing of a plan whose lease another process took, and keeps the rest of the batch', async () => {
    const a = await process_()
    const b = await process_()
    try {
      const storeA = createPgDocStore(a.database.pool, { fence: a.ownership })
      await storeA.create('fence-1', bytes(0), 1)
      await storeA.create('fence-2', bytes(0), 1)
      await a.ownership.acquire('fence-1')
      await a.ownership.acquire('fence-2')
      expect((await storeA.appendBatch([{ docId: 'fence-1', update: bytes(1) }], 2)).has('fence-1')).toBe(true)

      // B is sent the plan while A lives: B is refused and asks A to hand it over.
      await expect(b.ownership.acquire('fence-1')).rejects.toBeInstanceOf(PlanElsewhereError)
      await until(() => a.handOvers.includes('fence-1'), 'A asked to hand over', 10_000)
      await b.ownership.acquire('fence-1')

      // A still thinks it holds epoch 1 of fence-1 (as a paused process would): fenced, per plan.
      const stale = { owner: a.ownership.owner, epochOf: (id: string) => (id === 'fence-1' ? 1 : a.ownership.epochOf(id)) }
      const staleStore = createPgDocStore(a.database.pool, { fence: stale })
      const result = await staleStore.appendBatch(
        [
          { docId: 'fence-1', update: bytes(2) },
          { docId: 'fence-2', update: bytes(3) },
        ],
        3,
      )
      expect(result.has('fence-1')).toBe(false)
      expect(result.has('fence-2')).toBe(true)
      await expect(staleStore.compact('fence-1', bytes(9), 100, 4)).rejects.toBeInstanceOf(PlanFencedError)
      expect((await storeA.load('fence-1'))?.updates).toEqual([bytes(1)])
      expect((await storeA.load('fence-2'))?.updates).toEqual([bytes(3)])
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('takes over an expired lease from a live owner, which learns it lost the plan', async () => {
    // A frozen process: it neither renews nor answers hand-over requests.
    const a = await process_({ leaseTtlMs: 300, renewEveryMs: 60 * 60_000, answerHandOvers: false })
    const b = await process_()
    try {
      await a.ownership.acquire('expiring')
      await expect(b.ownership.acquire('expiring')).rejects.toBeInstanceOf(PlanElsewhereError)
      // A never renews (a frozen process): once the lease expires, B may take it, though A's liveness lock is held.
      const deadline = Date.now() + 10_000
      for (;;) {
        const taken = await b.ownership.acquire('expiring').then(
          () => true,
          (error: unknown) => (error instanceof PlanElsewhereError ? false : Promise.reject(error)),
        )
        if (taken) break
        if (Date.now() > deadline) throw new Error('B never took the expired lease')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      await a.ownership.renew()
      expect(a.lost).toEqual(['expiring'])
      expect(a.ownership.epochOf('expiring')).toBeUndefined()
      expect(b.ownership.epochOf('expiring')).toBe(2)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('delivers control events to every process, including those published while its listening connection was cut', async () => {
    const a = await process_()
    const b = await process_()
    try {
      const seen: string[] = []
      b.control.subscribe((event) => {
        if (event.kind === 'plan-access') seen.push(event.planId)
      })
      await a.control.publish({ kind: 'plan-access', planId: 'first' })
      await until(() => seen.includes('first'), 'the first event', 10_000)

      // Cut B's listening connection, publish while it is down: the catch-up after reconnecting delivers it.
      await database.pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
      )
      await a.control.publish({ kind: 'plan-access', planId: 'while-down' })
      await until(() => seen.includes('while-down'), 'the event published while B was not listening', 15_000)
      expect(seen.filter((id) => id === 'first')).toHaveLength(1)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('moves a plan between two engines: the owner stores what it has, closes its sockets with 4500 and lets go', async () => {
    const a = await process_({ listen: false })
    const b = await process_({ listen: false })
    let engineA: MemoryEngine | undefined
    let engineB: MemoryEngine | undefined
    try {
      engineA = memoryEngine(createPgDocStore(a.database.pool, { fence: a.ownership }), {}, a.ownership)
      engineB = memoryEngine(createPgDocStore(b.database.pool, { fence: b.ownership }), {}, b.ownership)
      const plan = 'moving-plan'
      await engineA.engine.createPlanDocument(plan, { title: 'Mahere', community: 'Kaitaia', district: null })

      const onA = engineA.connect(plan, editor('aroha'))
      await until(() => onA.sent.some((frame) => frame.kind === 'step1'), 'A synced', 10_000)
      const stored = (await createPgDocStore(database.pool).load(plan))!
      const device = new Y.Doc()
      Y.applyUpdate(device, stored.state!)
      const before = Y.encodeStateVector(device)
      const title = getPlanMeta(device).title!
      device.transact(() => {
        title.delete(0, title.length)
        title.insert(0, 'Mahere hou')
      })
      onA.deliver(updateFrame(Y.encodeStateAsUpdate(device, before)))
      await until(() => onA.acks.includes(1), 'the edit acknowledged on A', 10_000)

      // The balancer now sends the plan to B: B is refused (4500) and asks A to let go.
      const first = engineB.connect(plan, editor('hemi'))
      await until(() => first.closeCode !== undefined, 'B refused the socket', 10_000)
      expect(first.closeCode).toBe(CloseCode.PlanUnavailable)
      await until(() => onA.closeCode !== undefined, 'A closed its socket', 10_000)
      expect(onA.closeCode).toBe(CloseCode.PlanUnavailable)
      await until(() => a.ownership.epochOf(plan) === undefined, 'A released the lease', 10_000)

      const second = engineB.connect(plan, editor('hemi'))
      await until(() => engineB!.engine.registry.loaded(plan) !== undefined, 'B serves the plan', 10_000)
      expect(second.closeCode).toBeUndefined()
      expect(await engineB.engine.readPlan(plan, (doc) => getPlanMeta(doc).title?.toString())).toBe('Mahere hou')
    } finally {
      await engineA?.engine.close()
      await engineB?.engine.close()
      await a.close()
      await b.close()
    }
  })
})
