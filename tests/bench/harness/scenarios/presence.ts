import { withServer, type BenchContext } from '../context'
import { CpuMeter, generatorSaturation, type CpuWindow } from '../machine'
import type { ScenarioReport } from '../report'
import { SERVER_LABELS, type ServerKind } from '../servers'

interface PresenceResult {
  kind: ServerKind
  participants: number
  moves: number
  delivered: number
  latency: { p50: number; p99: number; max: number }
  cpu: CpuWindow
}

/**
 * Presence: participants in one plan each move their caret once a second (an awareness
 * update shaped like y-prosemirror's cursor state), at random phases. We measure the
 * server's CPU and how long a caret move takes to reach the others.
 */
export async function presence(ctx: BenchContext): Promise<ScenarioReport> {
  const participants = ctx.smoke ? 10 : 200
  const warmupMs = ctx.smoke ? 300 : 3_000
  const durationMs = ctx.smoke ? 1_000 : 20_000
  const results: PresenceResult[] = []
  const warnings: string[] = []
  for (const kind of ctx.servers) {
    ctx.log(`presence: ${participants} participants on ${SERVER_LABELS[kind]}`)
    const result = await withServer(ctx, 'presence', kind, async (server) => {
      const [doc] = await server.createDocs(1)
      const specs = Array.from({ length: participants }, (_, participant) => ({ participant, target: server.target(doc!) }))
      await ctx.pool.open(specs, { rampMs: Math.min(2_000, participants * 5), presence: true })
      try {
        await ctx.pool.run({ kind: 'carets', perSecond: 1 }, warmupMs, { seqBase: 0, graceMs: ctx.smoke ? 200 : 500 })
        const meter = new CpuMeter(server.pid, () => ctx.pool.pids()).start()
        let cpu: CpuWindow | undefined
        const stopMeter = setTimeout(() => (cpu = meter.stop()), durationMs)
        const run = await ctx.pool.run({ kind: 'carets', perSecond: 1 }, durationMs, { seqBase: 1_000, graceMs: ctx.smoke ? 500 : 2_000 })
        clearTimeout(stopMeter)
        cpu ??= meter.stop()
        return {
          kind,
          participants,
          moves: run.sent,
          delivered: run.presence.count,
          latency: run.presence.summary(),
          cpu,
        } satisfies PresenceResult
      } finally {
        await ctx.pool.closeAll()
      }
    })
    const saturated = generatorSaturation(result.cpu)
    if (saturated) warnings.push(`${SERVER_LABELS[kind]}: ${saturated}.`)
    results.push(result)
  }
  const value = (pick: (r: PresenceResult) => number) => Object.fromEntries(results.map((r) => [r.kind, pick(r)]))
  const ours = results.find((r) => r.kind === 'hononga')
  return {
    id: 'presence',
    title: `Presence: ${participants} participants moving carets`,
    method: `${participants} participants in one plan, each moving its caret once a second (an awareness update) at a random phase, for ${durationMs / 1000} s after a warm-up.`,
    rows: [
      {
        label: 'server CPU',
        unit: '%',
        values: value((r) => r.cpu.server * 100),
        target: '< 25% of one core',
        met: ours ? ours.cpu.server < 0.25 : undefined,
      },
      { label: 'caret moves delivered', unit: 'count', values: value((r) => r.delivered) },
      { label: 'caret move p50 to a participant', unit: 'ms', values: value((r) => r.latency.p50) },
      { label: 'caret move p99 to a participant', unit: 'ms', values: value((r) => r.latency.p99) },
    ],
    notes: [],
    warnings,
    raw: results,
  }
}
