import { sleep, until, type BenchContext } from '../context'
import { haproxyServer, type BenchCluster } from '../cluster-systems'
import { LightClient } from '../light-client'
import { nowMicros } from '../wire'

/** One kill -9 of a plan's owner, every time in ms from the kill (undefined: not seen). */
export interface FailoverRound {
  /** HAProxy printed that it took the killed process out ("Server hononga/hononga<i> is DOWN"). */
  haproxyDown?: number
  /** The writer's socket closed. */
  closed?: number
  /** The first connection attempt that failed gave up (refused, or HAProxy answered 503 after its retries). */
  firstFailure?: number
  /** The connection attempt that got through started (the ones before it were refused or failed). */
  reconnectStarted?: number
  /** Another process logged `lease.taken_over` for the plan. */
  takenOver?: number
  /** Sync step 2 arrived on the new socket. */
  synced?: number
  /** The first edit sent on the new socket was acknowledged: the failover time. */
  acked?: number
  attempts: number
  errors: string[]
}

/** y-websocket's reconnect schedule, which Hononga's client uses: 100 ms after a close, doubling, at most 5 s. */
const backoff = (failures: number) => Math.min(5_000, 100 * 2 ** failures)

/**
 * Connects a writer with acknowledgements, makes one edit and resolves once it is acknowledged;
 * retried on y-websocket's schedule (the plan may be moving back to a restarted process).
 */
async function ackedWriter(bench: BenchCluster, planId: string, participant: number, timeoutMs: number): Promise<LightClient> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (let failures = 0; Date.now() < deadline; failures++) {
    let acked = 0
    const writer = new LightClient({
      target: bench.target(planId, { acks: true }),
      participant,
      onAck: (count) => (acked = count ?? acked),
    })
    try {
      await writer.connect(Math.max(1_000, deadline - Date.now()))
      writer.edit()
      const index = writer.editMessagesSent
      await until(() => acked >= index || !writer.open, Math.max(1_000, deadline - Date.now()), 2)
      if (acked >= index) return writer
      throw new Error(`edit not acknowledged (socket ${writer.open ? 'open' : `closed with ${writer.closeCode}`})`)
    } catch (error) {
      last = error
      writer.destroy()
    }
    await sleep(backoff(failures))
  }
  throw new Error(`no writer got an edit acknowledged within ${timeoutMs} ms: ${String(last)}`)
}

/** Waits (at most `timeoutMs`) for HAProxy to print `text` after `offset`; returns when it did (Date.now()). */
async function haproxySays(bench: BenchCluster, text: string, offset: number, timeoutMs: number): Promise<number | undefined> {
  let seenAt: number | undefined
  await until(
    () => {
      if (bench.cluster.haproxy.output().indexOf(text, offset) < 0) return false
      seenAt = Date.now()
      return true
    },
    timeoutMs,
    10,
  )
  return seenAt
}

/**
 * Failover: a writer (with acknowledgements) on a plan through HAProxy; the plan's owner is
 * killed with SIGKILL; the writer reconnects on y-websocket's schedule, makes an edit and
 * waits for its acknowledgement. Then the killed process is started again on its port and,
 * once HAProxy has it back, the next round begins with a fresh writer (the plan goes back to
 * the hash's first choice). Every step is timed from the kill.
 */
export async function measureFailover(ctx: BenchContext, bench: BenchCluster, kills: number): Promise<FailoverRound[]> {
  const { cluster } = bench
  const planId = await bench.createPlan('Bench failover')
  const rounds: FailoverRound[] = []
  for (let round = 0; round < kills; round++) {
    ctx.log(`cluster: failover ${round + 1} of ${kills}`)
    let writer = await ackedWriter(bench, planId, 2 * round, 30_000)
    const owner = await cluster.ownerOf(planId)
    if (owner < 0) throw new Error('the plan has no owner while its edits are acknowledged')
    const result: FailoverRound = { attempts: 0, errors: [] }
    const offset = cluster.haproxy.output().length
    const killedAt = Date.now()
    const killedMicros = nowMicros()
    const since = (micros: number) => (micros - killedMicros) / 1000
    const down = haproxySays(bench, `${haproxyServer(owner)} is DOWN`, offset, 30_000)
    const killed = cluster.kill(owner, 'SIGKILL')
    try {
      await until(() => !writer.open, 30_000, 1)
      result.closed = since(nowMicros())
      writer.destroy()
      const deadline = Date.now() + 30_000
      for (let failures = 0; Date.now() < deadline && result.acked === undefined; failures++) {
        await sleep(backoff(failures))
        const attemptMicros = nowMicros()
        result.attempts++
        let acked = 0
        const next = new LightClient({
          target: bench.target(planId, { acks: true }),
          participant: 2 * round + 1,
          onAck: (count) => (acked = count ?? acked),
        })
        try {
          await next.connect(Math.max(1_000, deadline - Date.now()))
          result.synced = since(nowMicros())
          result.reconnectStarted = since(attemptMicros)
          next.edit()
          const index = next.editMessagesSent
          if (await until(() => acked >= index || !next.open, Math.max(1_000, deadline - Date.now()), 1)) {
            if (acked >= index) result.acked = since(nowMicros())
          }
          if (result.acked === undefined) throw new Error(`closed (${next.closeCode}) before acknowledging`)
          writer = next
        } catch (error) {
          result.firstFailure ??= since(nowMicros())
          if (result.errors.length < 3) result.errors.push(error instanceof Error ? error.message : String(error))
          next.destroy()
        }
      }
      const downAt = await down
      if (downAt !== undefined) result.haproxyDown = downAt - killedAt
      const takenAt = bench.takeoverAt(planId, killedAt)
      if (takenAt !== undefined) result.takenOver = takenAt - killedAt
    } finally {
      await killed
      writer.destroy()
    }
    rounds.push(result)
    await restart(bench, owner)
  }
  return rounds
}

/** Starts process `i` again and waits (at most 30 s) until HAProxy has it back in the ring. */
export async function restart(bench: BenchCluster, i: number): Promise<void> {
  const offset = bench.cluster.haproxy.output().length
  await bench.cluster.start(i)
  await haproxySays(bench, `${haproxyServer(i)} is UP`, offset, 30_000)
}

export interface ResyncRound {
  clients: number
  resynced: number
  attempts: number
  /** Times from the kill to each client's sync step 2 on its new socket (ms); clients never resynced are left out. */
  fromKill: number[]
  /** When the new owner took the plan, from the kill (ms). */
  takenOver?: number
  errors: string[]
}

/**
 * A hui reconnecting at once: `clients` participants on one plan through HAProxy (with
 * acknowledgements, as Hononga's client asks); the owner is killed with SIGKILL and every
 * participant reconnects on y-websocket's schedule; each one's time runs from the kill until
 * sync step 2 arrives on its new socket. The killed process is then started again (unless
 * `restartAfter` is false: the last round).
 */
export async function measureResync(ctx: BenchContext, bench: BenchCluster, clients: number, restartAfter = true): Promise<ResyncRound> {
  const planId = await bench.createPlan('Bench hui')
  const target = bench.target(planId, { acks: true })
  const specs = Array.from({ length: clients }, (_, participant) => ({ participant, target }))
  const opened = await ctx.pool.open(specs, { rampMs: Math.min(3_000, clients * 5) })
  let owner = -1
  try {
    owner = await bench.cluster.ownerOf(planId)
    if (owner < 0) throw new Error('nobody owns the plan everyone has joined')
    const armed = await ctx.pool.armReconnect()
    const killedAt = Date.now()
    const killedMicros = nowMicros()
    await bench.cluster.kill(owner, 'SIGKILL')
    const back = await ctx.pool.awaitReconnect(60_000)
    const fromKill = back.syncedAt.filter((at) => at > 0).map((at) => (at - killedMicros) / 1000)
    const takenAt = bench.takeoverAt(planId, killedAt)
    return {
      clients: armed,
      resynced: fromKill.length,
      attempts: back.attempts,
      fromKill,
      takenOver: takenAt === undefined ? undefined : takenAt - killedAt,
      errors: [...opened.errors, ...back.errors].slice(0, 5),
    }
  } finally {
    await ctx.pool.closeAll()
    if (restartAfter && owner >= 0 && !bench.cluster.servers[owner]) await restart(bench, owner)
  }
}
