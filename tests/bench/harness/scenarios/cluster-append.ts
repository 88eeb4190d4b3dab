import { sleep, until } from '../context'
import { Histogram } from '../histogram'
import { LightClient } from '../light-client'
import { ProcessSetCpu } from '../machine'
import { nowMicros, type Target } from '../wire'

export interface AppendResult {
  edits: number
  /** Edits acknowledged (stored) within the run and 10 s after it. */
  acked: number
  /** From an edit sent to the acknowledgement that covers it (ms). */
  p50: number
  p99: number
  max: number
  /** Hononga's CPU per stored update (µs): the one process, or the sum over the cluster's three. */
  honongaCpuMicros: number
  /** PostgreSQL's own CPU per stored update (µs): postmaster and every process it started; null on SQLite. */
  postgresCpuMicros: number | null
  /** PostgreSQL processes that ended during the window (their CPU is not counted). */
  postgresGone: number
}

/**
 * Append: one writer with Hononga's acknowledgements (`?acks=1`) makes `edits` edits, one every
 * `intervalMs` (a fast typist, never more than a few in flight), after a warm-up of 20. Each edit's
 * latency runs from sending it to the first acknowledgement whose count covers it (the server
 * counts sync step 2 replies and updates; so does the light client). CPU is metered over the
 * paced edits and divided by the edits stored.
 */
export async function measureAppend(
  target: Target,
  pids: { hononga: () => number[]; postgres?: () => number[] },
  edits: number,
  intervalMs: number,
): Promise<AppendResult> {
  let pending = new Map<number, number>()
  let latency = new Histogram()
  let acked = 0
  const writer = new LightClient({
    target,
    participant: 0,
    onAck(count) {
      if (count === undefined) return
      const now = nowMicros()
      for (const [index, sentAt] of pending) {
        if (index > count) continue
        latency.record(now - sentAt)
        pending.delete(index)
        acked++
      }
    },
  })
  const send = () => {
    writer.edit()
    pending.set(writer.editMessagesSent, nowMicros())
  }
  try {
    await writer.connect()
    for (let i = 0; i < 20; i++) {
      send()
      await until(() => pending.size === 0, 10_000, 1)
    }
    pending = new Map()
    latency = new Histogram()
    acked = 0

    const hononga = new ProcessSetCpu(pids.hononga).start()
    const postgres = pids.postgres ? new ProcessSetCpu(pids.postgres).start() : undefined
    const started = performance.now()
    for (let i = 0; i < edits && writer.open; i++) {
      await sleep(Math.max(0, started + i * intervalMs - performance.now()))
      send()
    }
    await until(() => pending.size === 0 || !writer.open, 10_000, 5)
    const honongaCpu = hononga.stop()
    const postgresCpu = postgres?.stop()
    const perUpdate = (seconds: number) => (acked === 0 ? Number.NaN : (seconds / acked) * 1e6)
    return {
      edits,
      acked,
      p50: latency.percentileOf(edits, 0.5) / 1000,
      p99: latency.percentileOf(edits, 0.99) / 1000,
      max: latency.max / 1000,
      honongaCpuMicros: perUpdate(honongaCpu.seconds),
      postgresCpuMicros: postgresCpu ? perUpdate(postgresCpu.seconds) : null,
      postgresGone: postgresCpu?.gone ?? 0,
    }
  } finally {
    await Promise.race([writer.close(), sleep(3_000)])
    writer.destroy()
  }
}
