import { mib, until, withServer, type BenchContext } from '../context'
import type { ScenarioReport } from '../report'
import { SERVER_LABELS, type ServerKind } from '../servers'

interface ChurnResult {
  kind: ServerKind
  cycles: number
  done: number
  failed: number
  cycle: { p50: number; p99: number; max: number }
  /** What the server still held once the cycles were over and it had time to settle. */
  residentDocs: number
  residentSockets: number
  settledAfterMs: number | null
  rssBeforeMiB: number
  rssAfterMiB: number
  errors: string[]
}

/**
 * Churn: connect, sync, make one edit, disconnect, over and over, over a set of plans,
 * several at once. Afterwards nothing should stay resident: no plan in memory, no socket.
 */
export async function churn(ctx: BenchContext): Promise<ScenarioReport> {
  const cycles = ctx.smoke ? 40 : 1_000
  const plans = ctx.smoke ? 4 : 20
  const concurrency = ctx.smoke ? 4 : 20
  const unloadMs = ctx.smoke ? 300 : 10_000
  const settleMs = unloadMs + (ctx.smoke ? 3_000 : 10_000)
  const results: ChurnResult[] = []
  const warnings: string[] = []
  for (const kind of ctx.servers) {
    ctx.log(`churn: ${cycles} cycles over ${plans} plans on ${SERVER_LABELS[kind]}`)
    const result = await withServer(
      ctx,
      'churn',
      kind,
      async (server) => {
        const docs = await server.createDocs(plans)
        const rssBefore = server.rssBytes()
        const churned = await ctx.pool.churn(
          docs.map((doc) => server.target(doc)),
          cycles,
          concurrency,
        )
        const t0 = performance.now()
        let resident = await server.resident()
        const settled = await until(
          async () => {
            resident = await server.resident()
            return resident.docs === 0 && resident.sockets === 0
          },
          settleMs,
          200,
        )
        return {
          kind,
          cycles,
          done: churned.done,
          failed: churned.failed,
          cycle: churned.cycle.summary(),
          residentDocs: resident.docs,
          residentSockets: resident.sockets,
          settledAfterMs: settled ? performance.now() - t0 : null,
          rssBeforeMiB: mib(rssBefore),
          rssAfterMiB: mib(server.rssBytes()),
          errors: churned.errors,
        } satisfies ChurnResult
      },
      { env: { PLAN_IDLE_UNLOAD_MS: String(unloadMs) } },
    )
    if (result.failed > 0)
      warnings.push(`${SERVER_LABELS[kind]}: ${result.failed} cycles failed (${result.errors.slice(0, 2).join('; ')}).`)
    results.push(result)
  }
  const value = (pick: (r: ChurnResult) => number) => Object.fromEntries(results.map((r) => [r.kind, pick(r)]))
  const ours = results.find((r) => r.kind === 'hononga')
  return {
    id: 'churn',
    title: `Churn: ${cycles.toLocaleString('en-NZ')} connect, edit, disconnect cycles`,
    method:
      `${cycles.toLocaleString('en-NZ')} cycles of connect → sync → one edit → disconnect, ${concurrency} at a time over ${plans} plans. ` +
      `Then up to ${settleMs / 1000} s for the server to settle (Hononga unloads a plan ${unloadMs / 1000} s after its last participant), and we ask it what it still holds.`,
    rows: [
      { label: 'cycles completed', unit: 'count', values: value((r) => r.done) },
      { label: 'cycle time p99', unit: 'ms', values: value((r) => r.cycle.p99) },
      {
        label: 'plans left in memory',
        unit: 'count',
        values: value((r) => r.residentDocs),
        notes: { ywebsocket: 'never unloads without persistence' },
        target: '0',
        met: ours ? ours.residentDocs === 0 : undefined,
      },
      {
        label: 'sockets left open',
        unit: 'count',
        values: value((r) => r.residentSockets),
        target: '0',
        met: ours ? ours.residentSockets === 0 : undefined,
      },
      { label: 'RSS growth', unit: 'MiB', values: value((r) => r.rssAfterMiB - r.rssBeforeMiB) },
    ],
    notes: [],
    warnings,
    raw: results,
  }
}
