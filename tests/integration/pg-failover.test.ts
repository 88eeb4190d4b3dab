import { spawn, type ChildProcess } from 'node:child_process'
import readline from 'node:readline'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createLogger } from '../../server/src/log'
import { openPgDb, type PgDatabase } from '../../server/src/db/pg/open'
import { PgControlChannel } from '../../server/src/collab/pg-control'
import { createPgDocStore } from '../../server/src/collab/pg-doc-store'
import { PgPlanOwnership } from '../../server/src/collab/pg-ownership'
import { PlanElsewhereError } from '../../server/src/collab/ownership'
import { describeWithPostgres, startPostgres, type PgServer } from './support/postgres'
import { waitFor } from './support/wait'

/**
 * Failover of a plan's owner, with real processes on a real PostgreSQL: an owner killed with
 * `kill -9` hands over at once (its liveness lock goes with its connection); a frozen one
 * (SIGSTOP) loses its lease when it expires, and once woken stores nothing more. In both,
 * every append the owner saw committed is in storage, and nothing is stored twice.
 */

const OWNER_SCRIPT = new URL('./support/pg-owner-process.ts', import.meta.url).pathname
const log = createLogger('silent')
let server: PgServer
let database: PgDatabase

interface OwnerProcess {
  child: ChildProcess
  /** Update numbers the owner saw committed. */
  stored: number[]
  fenced: number[]
  failed: number[]
  lost: string[]
  exited: Promise<unknown>
}

function startOwner(planId: string, leaseTtlMs: number, renewEveryMs: number, firstNumber = 1): OwnerProcess {
  const args = [OWNER_SCRIPT, server.url, planId, String(leaseTtlMs), String(renewEveryMs), String(firstNumber)]
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const owner: OwnerProcess = { child, stored: [], fenced: [], failed: [], lost: [], exited }
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const message = JSON.parse(line) as { stored?: number; fenced?: number; failed?: number; lost?: string }
    if (message.stored !== undefined) owner.stored.push(message.stored)
    if (message.fenced !== undefined) owner.fenced.push(message.fenced)
    if (message.failed !== undefined) owner.failed.push(message.failed)
    if (message.lost !== undefined) owner.lost.push(message.lost)
  })
  return owner
}

/** The numbered updates storage holds for a plan, in order. */
async function storedNumbers(planId: string): Promise<number[]> {
  const stored = await createPgDocStore(database.pool).load(planId)
  return (stored?.updates ?? []).map((update) => new DataView(update.buffer, update.byteOffset).getUint32(0))
}

async function successor(leaseTtlMs = 30_000) {
  const control = new PgControlChannel({ pool: database.pool, connection: { connectionString: server.url }, log })
  await control.start()
  const ownership = new PgPlanOwnership({
    pool: database.pool,
    connection: { connectionString: server.url },
    control,
    log,
    address: 'successor',
    leaseTtlMs,
    renewEveryMs: 1_000,
  })
  await ownership.start()
  /** Polls until the lease is taken; resolves with how long that took (ms). */
  const takeOver = async (planId: string, boundMs: number): Promise<number> => {
    const started = performance.now()
    for (;;) {
      const taken = await ownership.acquire(planId).then(
        () => true,
        (error: unknown) => (error instanceof PlanElsewhereError ? false : Promise.reject(error)),
      )
      if (taken) return performance.now() - started
      if (performance.now() - started > boundMs) throw new Error(`no takeover of ${planId} within ${boundMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
  return {
    ownership,
    takeOver,
    async close() {
      await ownership.close()
      await control.close()
    },
  }
}

describeWithPostgres('failover of a plan between server processes on PostgreSQL', () => {
  beforeAll(async () => {
    server = await startPostgres()
    database = await openPgDb({ url: server.url, log })
  }, 60_000)
  afterAll(async () => {
    await database?.close()
    await server?.stop()
  })

  it('kill -9 of the owner, twenty times: the next owner takes over at once and every committed append is kept', async () => {
    const planId = 'killed-owner'
    await createPgDocStore(database.pool).create(planId, new Uint8Array(0), Date.now())
    const next = await successor()
    const takeovers: number[] = []
    try {
      for (let round = 0; round < 20; round++) {
        // A lease of a minute: only the liveness lock can hand the plan over this fast.
        const owner = startOwner(planId, 60_000, 1_000, round * 1_000_000 + 1)
        await waitFor(() => owner.stored.length >= 10, { timeoutMs: 30_000, message: 'the owner appending' })
        await expect(next.ownership.acquire(planId)).rejects.toBeInstanceOf(PlanElsewhereError)
        owner.child.kill('SIGKILL')
        takeovers.push(await next.takeOver(planId, 10_000))
        const kept = new Set(await storedNumbers(planId))
        for (const n of owner.stored) expect(kept.has(n)).toBe(true)
        await next.ownership.release(planId)
        await owner.exited
      }
      const numbers = await storedNumbers(planId)
      // Each owner numbers its appends from its own base: none is stored twice.
      expect(new Set(numbers).size).toBe(numbers.length)
      expect(numbers.length).toBeGreaterThanOrEqual(200)
      console.info(`takeover after kill -9, ms: ${takeovers.map((ms) => ms.toFixed(0)).join(', ')} (lease 60 s)`)
      for (const ms of takeovers) expect(ms).toBeLessThan(10_000)
    } finally {
      await next.close()
    }
  })

  it('a frozen owner (SIGSTOP) loses its lease when it expires; woken, it stores nothing more and steps down', async () => {
    const planId = 'frozen-owner'
    await createPgDocStore(database.pool).create(planId, new Uint8Array(0), Date.now())
    const owner = startOwner(planId, 1_000, 200)
    const next = await successor()
    try {
      await waitFor(() => owner.stored.length >= 10, { timeoutMs: 30_000, message: 'the owner appending' })
      owner.child.kill('SIGSTOP')
      const frozenAt = [...owner.stored]
      await next.takeOver(planId, 20_000)
      const atTakeover = await storedNumbers(planId)
      for (const n of frozenAt) expect(atTakeover).toContain(n)

      owner.child.kill('SIGCONT')
      await waitFor(() => owner.lost.includes(planId) && owner.fenced.length + owner.failed.length > 0, {
        timeoutMs: 20_000,
        message: 'the woken owner learns it lost the plan and is refused',
      })
      // Nothing it tried after the takeover was stored, and the state never went backwards.
      expect(await storedNumbers(planId)).toEqual(atTakeover)
      for (const n of owner.stored) expect(atTakeover).toContain(n)
    } finally {
      owner.child.kill('SIGKILL')
      await owner.exited
      await next.close()
    }
  })
})
