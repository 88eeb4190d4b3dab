import { mib, sleep, withServer, type BenchContext } from '../context'
import { CpuMeter, generatorSaturation, type CpuWindow } from '../machine'
import type { ScenarioReport } from '../report'
import { SERVER_LABELS, type ServerKind } from '../servers'

interface IdleResult {
  kind: ServerKind
  connections: number
  plans: number
  cpu: CpuWindow
  /** Server CPU per idle connection: µs of CPU per second of idling. */
  microsPerConnectionSecond: number
  rssStartMiB: number
  rssEndMiB: number
  rssMaxMiB: number
  /** Least-squares slope of RSS over the minute, in MiB per minute. */
  rssSlopeMiBPerMin: number
  samples: [number, number][]
  closed: Record<number, number>
}

/** Growth below this over the idle minute counts as none (GC alone moves RSS by a few MiB); shrinking is fine. */
const NO_DRIFT_MIB = 5

/**
 * Idle: many connections spread over many plans, doing what an open but untouched tab
 * does: it published its presence on joining and renews it every 15 s (the stock client's
 * awareness timer), and answers pings. Server CPU and RSS are sampled over a minute.
 */
export async function idle(ctx: BenchContext): Promise<ScenarioReport> {
  const connections = ctx.smoke ? 40 : 1_500
  const plans = ctx.smoke ? 4 : 100
  const durationMs = ctx.smoke ? 1_000 : 60_000
  const sampleMs = ctx.smoke ? 250 : 5_000
  const results: IdleResult[] = []
  const warnings: string[] = []
  for (const kind of ctx.servers) {
    ctx.log(`idle: ${connections} connections over ${plans} plans on ${SERVER_LABELS[kind]}`)
    const result = await withServer(ctx, 'idle', kind, async (server) => {
      const docs = await server.createDocs(plans)
      const specs = Array.from({ length: connections }, (_, participant) => ({
        participant,
        target: server.target(docs[participant % plans]!),
      }))
      await ctx.pool.open(specs, { rampMs: ctx.smoke ? 200 : 5_000, presence: true })
      try {
        await sleep(ctx.smoke ? 100 : 3_000)
        const samples: [number, number][] = []
        const t0 = performance.now()
        const sample = () => samples.push([(performance.now() - t0) / 1000, mib(server.rssBytes())])
        sample()
        const sampler = setInterval(sample, sampleMs)
        const meter = new CpuMeter(server.pid, () => ctx.pool.pids()).start()
        const run = await ctx.pool.run({ kind: 'idle', renewMs: 15_000 }, durationMs, { seqBase: 0, graceMs: 0 })
        const cpu = meter.stop()
        clearInterval(sampler)
        sample()
        return {
          kind,
          connections,
          plans,
          cpu,
          microsPerConnectionSecond: (cpu.server * 1e6) / connections,
          rssStartMiB: samples[0]![1],
          rssEndMiB: samples[samples.length - 1]![1],
          rssMaxMiB: Math.max(...samples.map((s) => s[1])),
          rssSlopeMiBPerMin: slope(samples) * 60,
          samples,
          closed: run.closed,
        } satisfies IdleResult
      } finally {
        await ctx.pool.closeAll()
      }
    })
    const saturated = generatorSaturation(result.cpu)
    if (saturated) warnings.push(`${SERVER_LABELS[kind]}: ${saturated}.`)
    const closedCount = Object.values(result.closed).reduce((a, b) => a + b, 0)
    if (closedCount > 0)
      warnings.push(`${SERVER_LABELS[kind]}: the server closed ${closedCount} idle connections (${JSON.stringify(result.closed)}).`)
    results.push(result)
  }
  const value = (pick: (r: IdleResult) => number) => Object.fromEntries(results.map((r) => [r.kind, pick(r)]))
  const ours = results.find((r) => r.kind === 'hononga')
  return {
    id: 'idle',
    title: `Idle: ${connections.toLocaleString('en-NZ')} connections over ${plans} plans`,
    method:
      `${connections.toLocaleString('en-NZ')} connections, ${connections / plans} per plan, each behaving as an open but untouched stock client ` +
      `(presence published on joining and renewed every 15 s; pings answered), measured for ${durationMs / 1000} s. ` +
      `CPU per idle connection is server CPU time per second per connection; RSS change is from the start to the end of the ${durationMs / 1000} s.`,
    rows: [
      {
        label: 'server CPU per idle connection, per second',
        unit: 'µs',
        values: value((r) => r.microsPerConnectionSecond),
        target: 'reported',
      },
      { label: 'server CPU, all connections', unit: '%', values: value((r) => r.cpu.server * 100) },
      { label: 'RSS at the start', unit: 'MiB', values: value((r) => r.rssStartMiB) },
      {
        label: `RSS change over ${durationMs / 1000} s`,
        unit: 'MiB',
        values: value((r) => r.rssEndMiB - r.rssStartMiB),
        target: `no growth (< ${NO_DRIFT_MIB} MiB)`,
        met: ours ? ours.rssEndMiB - ours.rssStartMiB < NO_DRIFT_MIB : undefined,
      },
      { label: 'RSS trend (least squares)', unit: 'MiB', values: value((r) => r.rssSlopeMiBPerMin), notes: { hononga: 'per minute' } },
    ],
    notes: [
      'CPU per idle connection is µs of server CPU per second of idling, per connection (10,000 µs/s would be 1% of a core). RSS trend is the least-squares slope of RSS sampled every 5 s, in MiB per minute.',
    ],
    warnings,
    raw: results,
  }
}

function slope(points: [number, number][]): number {
  const n = points.length
  if (n < 2) return 0
  const mx = points.reduce((s, p) => s + p[0], 0) / n
  const my = points.reduce((s, p) => s + p[1], 0) / n
  const sxy = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0)
  const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0)
  return sxx === 0 ? 0 : sxy / sxx
}
