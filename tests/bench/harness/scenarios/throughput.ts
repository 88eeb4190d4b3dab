import { b4LikeTrace } from '../../trace'
import { withServer, type BenchContext } from '../context'
import { Histogram } from '../histogram'
import { LightClient } from '../light-client'
import { CpuMeter, generatorSaturation, type CpuWindow } from '../machine'
import type { ScenarioReport } from '../report'
import { SERVER_LABELS, type ServerKind } from '../servers'

interface ThroughputResult {
  kind: ServerKind
  updates: number
  seconds: number
  updatesPerSecond: number
  cpuMicrosPerUpdate: number
  updateBytes: number
  latency: { p50: number; p99: number; max: number }
  cpu: CpuWindow
}

/** Edits allowed in flight (sent, not yet seen by the observer): the writer's pipelining. */
const WINDOW = 64
/** Every this many edits, one carries a marker (so the observer can tell how far it got). */
const MARKER_EVERY = 16

/**
 * Throughput: one writer types the seeded B4-shaped trace (single characters typed or
 * deleted, each its own update) as fast as the server takes it: at most WINDOW edits not
 * yet delivered to a second participant, who observes. We divide the server's CPU time by
 * the edits it handled. Runs in the harness process itself: two clients need no agents.
 */
export async function throughput(ctx: BenchContext): Promise<ScenarioReport> {
  const warmup = ctx.smoke ? 200 : 3_000
  const durationMs = ctx.smoke ? 1_000 : 10_000
  const results: ThroughputResult[] = []
  const warnings: string[] = []
  for (const kind of ctx.servers) {
    ctx.log(`throughput: ${SERVER_LABELS[kind]}`)
    const result = await withServer(ctx, 'throughput', kind, async (server) => {
      const [doc] = await server.createDocs(1)
      let received = 0
      let measuring = false
      const latency = new Histogram()
      let pump = () => {}
      const writer = new LightClient({ target: server.target(doc!), participant: 0 })
      const observer = new LightClient({
        target: server.target(doc!),
        participant: 1,
        onEdit: (_sender, seq, sent, at) => {
          received = seq
          if (measuring) latency.record(at - sent)
          pump()
        },
      })
      let updateBytes = 0
      let updateCount = 0
      writer.doc.on('update', (update: Uint8Array) => {
        updateBytes += update.byteLength
        updateCount++
      })
      // The trace, again from the start when it runs out (its positions stay valid: the text only grows).
      let trace = b4LikeTrace()
      const nextEdit = () => {
        let next = trace.next()
        if (next.done) next = (trace = b4LikeTrace()).next()
        return next.value!
      }
      try {
        await writer.connect()
        await observer.connect()
        let stopAt = Number.POSITIVE_INFINITY
        pump = () => {
          while (writer.edits - received < WINDOW + MARKER_EVERY && performance.now() < stopAt) {
            if ((writer.edits + 1) % MARKER_EVERY === 0) writer.edit()
            else writer.traceEdit(nextEdit())
          }
        }
        stopAt = performance.now() + 60_000
        pump()
        await waitFor(() => received >= warmup, 60_000)
        measuring = true
        const meter = new CpuMeter(server.pid, () => [process.pid]).start()
        const from = received
        const t0 = performance.now()
        await new Promise((resolve) => setTimeout(resolve, durationMs))
        const updates = received - from
        const seconds = (performance.now() - t0) / 1000
        const cpu = meter.stop()
        stopAt = 0
        return {
          kind,
          updates,
          seconds,
          updatesPerSecond: updates / seconds,
          cpuMicrosPerUpdate: (cpu.serverSeconds * 1e6) / Math.max(1, updates),
          updateBytes: updateBytes / Math.max(1, updateCount),
          latency: latency.summary(),
          cpu,
        } satisfies ThroughputResult
      } finally {
        writer.destroy()
        observer.destroy()
      }
    })
    const saturated = generatorSaturation({ ...result.cpu, generatorCores: 1 })
    if (saturated) warnings.push(`${SERVER_LABELS[kind]}: ${saturated}.`)
    results.push(result)
  }
  const value = (pick: (r: ThroughputResult) => number) => Object.fromEntries(results.map((r) => [r.kind, pick(r)]))
  const ours = results.find((r) => r.kind === 'hononga')
  return {
    id: 'throughput',
    title: 'Throughput: one writer, as fast as the server accepts',
    method:
      `One writer types the seeded B4-shaped trace (tests/bench/trace.ts: single characters typed or deleted, each its own update, ${Math.round(ours?.updateBytes ?? 25)} bytes on average; ` +
      `one edit in ${MARKER_EVERY} appends a marker instead) with up to ${WINDOW} edits not yet delivered to a second participant; ` +
      `${durationMs / 1000} s measured after ${warmup.toLocaleString('en-NZ')} warm-up edits. CPU per update is the server process's user + system time over the updates it delivered.`,
    rows: [
      { label: 'edits delivered per second', unit: 'per s', values: value((r) => r.updatesPerSecond) },
      {
        label: 'server CPU per update',
        unit: 'µs',
        values: value((r) => r.cpuMicrosPerUpdate),
        notes: { ywebsocket: 'not persisted', hocuspocus: 'persisted every 2–10 s' },
        target: '≤ 100 µs, persisted',
        met: ours ? ours.cpuMicrosPerUpdate <= 100 : undefined,
      },
      { label: 'server CPU', unit: '%', values: value((r) => r.cpu.server * 100) },
      { label: 'p99 writer → observer', unit: 'ms', values: value((r) => r.latency.p99) },
    ],
    notes: [],
    warnings,
    raw: results,
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('throughput: the observer stopped receiving')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
