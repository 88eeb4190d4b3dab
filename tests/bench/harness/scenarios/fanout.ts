import { CpuMeter, generatorSaturation, ProcessSetCpu, type CpuWindow } from '../machine'
import { Histogram } from '../histogram'
import { withServer, type BenchContext } from '../context'
import type { Row, ScenarioReport } from '../report'
import { SERVER_LABELS, type ServerKind } from '../servers'
import type { Target } from '../wire'

export interface FanoutPoint {
  kind: ServerKind
  participants: number
  joined: number
  /** Edits sent in the measured window, and deliveries expected (sent × (participants − 1)). */
  sent: number
  expected: number
  delivered: number
  /** Edits that reached every other participant. */
  complete: number
  /**
   * Time until an edit had reached every other participant (ms); an edit that never did
   * counts as slower than all others (Infinity when a percentile falls among those).
   */
  all: { p50: number; p99: number; max: number }
  /** Time of each single delivery (ms), counted the same way. */
  each: { p50: number; p99: number; max: number }
  cpu: CpuWindow
  /** CPU of other processes metered over the same window (`measureFanout`'s `alsoMeter`), in cores. */
  alsoCpu?: Record<string, number>
  closed: Record<number, number>
  saturated: string | null
}

/**
 * Fan-out: one plan, N participants each typing once a second (random phases, so a steady
 * load, never a burst), every edit a marker with its send time; receivers record when it
 * arrives. The figure is the time from an edit leaving its author until it has arrived at
 * every other participant.
 */
export async function fanout(ctx: BenchContext): Promise<ScenarioReport> {
  const sizes = ctx.smoke ? [4] : (ctx.fanoutSizes ?? [10, 100, 500])
  const durationFor = (participants: number) => fanoutDuration(ctx, participants)
  const points: FanoutPoint[] = []
  const warnings: string[] = []
  for (const participants of sizes) {
    const durationMs = durationFor(participants)
    for (const kind of ctx.servers) {
      ctx.log(`fan-out: ${participants} participants on ${SERVER_LABELS[kind]}`)
      const point = await withServer(ctx, 'fanout', kind, async (server) => {
        const [doc] = await server.createDocs(1)
        return {
          kind,
          ...(await measureFanout(ctx, server.target(doc!), () => server.pid, participants, durationMs)),
        } satisfies FanoutPoint
      })
      if (point.saturated)
        warnings.push(
          `${SERVER_LABELS[kind]}, ${participants} participants: ${point.saturated}; its latencies include the generator's own delay.`,
        )
      if (point.delivered < point.expected) {
        warnings.push(
          `${SERVER_LABELS[kind]}, ${participants} participants: ${point.delivered.toLocaleString('en-NZ')} of ${point.expected.toLocaleString('en-NZ')} deliveries arrived within the run and 5 s after it` +
            `${Object.keys(point.closed).length ? `; sockets closed: ${JSON.stringify(point.closed)}` : ''}.`,
        )
      }
      points.push(point)
    }
  }
  return { ...fanoutReport(ctx, sizes, points, sizes.map(durationFor)), warnings }
}

/** At least 15 s and 600 edits (so that a p99 rests on a few edits, not one), at most 60 s; 1 s in a smoke run. */
export function fanoutDuration(ctx: BenchContext, participants: number): number {
  return ctx.smoke ? 1_000 : Math.min(60_000, Math.max(15_000, (600 / participants) * 1000))
}

/** One fan-out measurement, whatever serves the plan (also the cluster scenario's). */
export type FanoutMeasure = Omit<FanoutPoint, 'kind'>

/**
 * Opens `participants` light clients on `target`, warms up, then has everyone type once a
 * second for `durationMs` and measures delivery to all; `serverPid` (asked once everyone has
 * joined, when the process serving the plan is known) is the process whose CPU is metered;
 * `alsoMeter` names other sets of processes (a balancer, a database) metered over the same window.
 */
export async function measureFanout(
  ctx: BenchContext,
  target: Target,
  serverPid: () => number | Promise<number>,
  participants: number,
  durationMs: number,
  alsoMeter: Record<string, () => number[]> = {},
): Promise<FanoutMeasure> {
  const specs = Array.from({ length: participants }, (_, participant) => ({ participant, target }))
  const opened = await ctx.pool.open(specs, { rampMs: Math.min(3_000, participants * 5) })
  try {
    // Warm-up: everyone makes a first edit (their paragraph) and the server warms up.
    const warmupMs = ctx.smoke ? 300 : 3_000
    await ctx.pool.run({ kind: 'typing', perSecond: 1 }, warmupMs, { seqBase: 0, graceMs: ctx.smoke ? 200 : 500 })
    const meter = new CpuMeter(await serverPid(), () => ctx.pool.pids()).start()
    const others = Object.entries(alsoMeter).map(([name, pids]) => [name, new ProcessSetCpu(pids).start()] as const)
    let cpu: CpuWindow | undefined
    let alsoCpu: Record<string, number> | undefined
    const stopMeters = () => {
      cpu = meter.stop()
      if (others.length) alsoCpu = Object.fromEntries(others.map(([name, set]) => [name, set.stop().seconds / cpu!.seconds]))
    }
    const stopMeter = setTimeout(stopMeters, durationMs)
    const seqBase = 1_000
    const maxSeq = Math.ceil(durationMs / 1000) + 2
    const run = await ctx.pool.run({ kind: 'typing', perSecond: 1 }, durationMs, {
      seqBase,
      graceMs: ctx.smoke ? 500 : 5_000,
      track: { senders: participants, maxSeq },
    })
    clearTimeout(stopMeter)
    if (!cpu) stopMeters()
    // Time to all: over every edit made, those that never reached everyone counting as slowest.
    const slowest = new Histogram()
    let tracked = 0
    for (let sender = 0; sender < participants; sender++) {
      const made = Math.min(run.sentBy[sender] ?? 0, maxSeq)
      tracked += made
      for (let seq = 0; seq < made; seq++) {
        const slot = sender * maxSeq + seq
        if (run.arrivals!.counts[slot]! >= opened.ok - 1) slowest.record(run.arrivals!.slowest[slot]!)
      }
    }
    const expected = run.sent * (opened.ok - 1)
    const summary = (histogram: Histogram, total: number) => ({
      p50: histogram.percentileOf(total, 0.5) / 1000,
      p99: histogram.percentileOf(total, 0.99) / 1000,
      max: histogram.max / 1000,
    })
    return {
      participants,
      joined: opened.ok,
      sent: run.sent,
      expected,
      delivered: run.edits.count,
      complete: slowest.count,
      all: summary(slowest, tracked),
      each: summary(run.edits, expected),
      cpu: cpu!,
      alsoCpu,
      closed: run.closed,
      saturated: generatorSaturation(cpu!),
    }
  } finally {
    await ctx.pool.closeAll()
  }
}

function fanoutReport(ctx: BenchContext, sizes: number[], points: FanoutPoint[], durations: number[]): Omit<ScenarioReport, 'warnings'> {
  const at = (kind: ServerKind, n: number) => points.find((p) => p.kind === kind && p.participants === n)
  const rows: Row[] = []
  for (const n of sizes) {
    const value = (pick: (p: FanoutPoint) => number) =>
      Object.fromEntries(ctx.servers.map((kind) => [kind, at(kind, n) ? pick(at(kind, n)!) : undefined]))
    const ours = at('hononga', n)?.all.p99
    const yws = at('ywebsocket', n)?.all.p99
    const hp = at('hocuspocus', n)?.all.p99
    const met =
      ours === undefined || (yws === undefined && hp === undefined)
        ? undefined
        : (yws === undefined || ours <= 1.2 * yws) && (hp === undefined || ours < hp)
    rows.push({ label: `${n} participants: p50 to all`, unit: 'ms', values: value((p) => p.all.p50) })
    rows.push({
      label: `${n} participants: p99 to all`,
      unit: 'ms',
      values: value((p) => p.all.p99),
      target: '≤ 1.2× @y/websocket-server and < Hocuspocus',
      met,
    })
    rows.push({ label: `${n} participants: p99 of each delivery`, unit: 'ms', values: value((p) => p.each.p99) })
    rows.push({ label: `${n} participants: server CPU`, unit: '%', values: value((p) => p.cpu.server * 100) })
  }
  return {
    id: 'fanout',
    title: 'Fan-out: one plan, everyone typing',
    method:
      `One plan; each participant makes one edit a second (a ~25-byte update), at a random phase, for ${[...new Set(durations.map((d) => d / 1000))].join(' or ')} s after a warm-up${ctx.smoke ? '' : ' (at least 600 edits)'}. ` +
      `"p99 to all" is the time from an edit leaving its author until it has arrived at every other participant; "each delivery" counts every (edit, receiver) pair; edits or deliveries that had not arrived 5 s after the run count as slower than all others. ` +
      `Server CPU is in % of one core. Hononga stores every update before sending it on; @y/websocket-server keeps documents in memory only; ` +
      `Hocuspocus stores the whole document 2–10 s after changes.`,
    rows,
    notes: [],
    raw: points,
  }
}
