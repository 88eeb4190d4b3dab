import { withServer, type BenchContext } from '../context'
import { CpuMeter, generatorSaturation, type CpuWindow } from '../machine'
import type { ScenarioReport } from '../report'
import { SERVER_LABELS, type ServerKind } from '../servers'

interface JoinsResult {
  kind: ServerKind
  participants: number
  synced: number
  failed: number
  join: { p50: number; p99: number; max: number }
  cpu: CpuWindow
  errors: string[]
}

/**
 * Joins: many participants open one plan within a few seconds (spread evenly, no presence),
 * each timed from starting its TCP connection until it has the whole document (sync step 2).
 */
export async function joins(ctx: BenchContext): Promise<ScenarioReport> {
  const participants = ctx.smoke ? 30 : 1_500
  const rampMs = ctx.smoke ? 300 : 3_000
  const results: JoinsResult[] = []
  const warnings: string[] = []
  for (const kind of ctx.servers) {
    ctx.log(`joins: ${participants} participants on ${SERVER_LABELS[kind]}`)
    const result = await withServer(ctx, 'joins', kind, async (server) => {
      const [doc, other] = await server.createDocs(2)
      // Warm the server up first (a few joins to another plan), as a running server is.
      await ctx.pool.open(Array.from({ length: 4 }, (_, i) => ({ participant: 100_000 + i, target: server.target(other!) })))
      await ctx.pool.closeAll()
      const specs = Array.from({ length: participants }, (_, participant) => ({ participant, target: server.target(doc!) }))
      const meter = new CpuMeter(server.pid, () => ctx.pool.pids()).start()
      const opened = await ctx.pool.open(specs, { rampMs, timeoutMs: 30_000 })
      const cpu = meter.stop()
      await ctx.pool.closeAll()
      return {
        kind,
        participants,
        synced: opened.ok,
        failed: opened.failed,
        join: opened.join.summary(),
        cpu,
        errors: opened.errors,
      } satisfies JoinsResult
    })
    const saturated = generatorSaturation(result.cpu)
    if (saturated) warnings.push(`${SERVER_LABELS[kind]}: ${saturated}.`)
    if (result.failed > 0) warnings.push(`${SERVER_LABELS[kind]}: ${result.failed} joins failed (${result.errors.slice(0, 2).join('; ')}).`)
    results.push(result)
  }
  const value = (pick: (r: JoinsResult) => number) => Object.fromEntries(results.map((r) => [r.kind, pick(r)]))
  const ours = results.find((r) => r.kind === 'hononga')
  return {
    id: 'joins',
    title: `Joins: ${participants.toLocaleString('en-NZ')} participants open one plan`,
    method: `${participants.toLocaleString('en-NZ')} participants start connecting to one plan, evenly over ${rampMs / 1000} s; join time runs from opening the TCP connection until the whole document has arrived (sync step 2). Presence is off here (see the presence scenario).`,
    rows: [
      {
        label: 'joined and synced',
        unit: 'count',
        values: value((r) => r.synced),
        target: `all ${participants.toLocaleString('en-NZ')}`,
        met: ours ? ours.synced === participants : undefined,
      },
      { label: 'join time p50', unit: 'ms', values: value((r) => r.join.p50) },
      {
        label: 'join time p99',
        unit: 'ms',
        values: value((r) => r.join.p99),
        target: '< 800 ms',
        met: ours ? ours.join.p99 < 800 : undefined,
      },
      { label: 'server CPU during the joins', unit: '%', values: value((r) => r.cpu.server * 100) },
    ],
    notes: [],
    warnings,
    raw: results,
  }
}
