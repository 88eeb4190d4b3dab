import { withServer, type BenchContext } from '../context'
import { clusterServicesMissing, startBenchCluster, SYSTEM_LABELS, SYSTEMS, type BenchCluster, type System } from '../cluster-systems'
import type { ScenarioReport } from '../report'
import type { ServerUnderTest } from '../servers'
import type { Target } from '../wire'
import { measureAppend, type AppendResult } from './cluster-append'
import { measureFailover, measureResync, type FailoverRound, type ResyncRound } from './cluster-failover'
import { appendTable, clusterMethod, failoverTable, fanoutTable, resyncTable } from './cluster-report'
import { fanoutDuration, measureFanout, type FanoutMeasure } from './fanout'

const TITLE = 'Several processes: three on PostgreSQL behind HAProxy, against one on SQLite'

/** The Hononga environment of each single-process system. */
const SQLITE_ENV: Record<Exclude<System, 'cluster'>, Record<string, string>> = {
  'sqlite-normal': { SQLITE_SYNCHRONOUS: 'NORMAL' },
  'sqlite-full': { SQLITE_SYNCHRONOUS: 'FULL' },
}

/** One edit every APPEND_INTERVAL_MS in the append measurement. */
const APPEND_INTERVAL_MS = 20

/**
 * Issue 12's figures, in one run: fan-out and append on one process on SQLite (NORMAL and
 * FULL) and on three processes on PostgreSQL behind HAProxy, side by side; then, on the
 * cluster alone, failover after kill -9 of a plan's owner and a hui of people resyncing at
 * once after it. Skipped, saying why, when PostgreSQL or HAProxy is missing.
 */
export async function cluster(ctx: BenchContext): Promise<ScenarioReport> {
  const missing = clusterServicesMissing()
  if (!ctx.servers.includes('hononga')) missing.push('Hononga among --servers')
  if (missing.length > 0) {
    const reason = `Skipped: this scenario needs ${missing.join(' and ')} (install the services with bash tests/ensure-services.sh).`
    ctx.log(`cluster: ${reason}`)
    return { id: 'cluster', title: TITLE, method: reason, rows: [], notes: [], warnings: [reason], raw: { skipped: missing } }
  }
  const sizes = ctx.smoke ? [4] : (ctx.fanoutSizes ?? [10, 100, 300])
  const appendEdits = ctx.smoke ? 30 : 1_500
  const kills = ctx.smoke ? 1 : 20
  const hui = ctx.smoke ? { clients: 6, rounds: 1 } : { clients: 300, rounds: 3 }
  const warnings: string[] = []
  const fanout: (FanoutMeasure & { system: System })[] = []
  const append: (AppendResult & { system: System })[] = []
  let failover: FailoverRound[] = []
  const resync: ResyncRound[] = []

  ctx.log('cluster: starting PostgreSQL, three Hononga processes and HAProxy')
  const bench = await startBenchCluster()
  try {
    // Fan-out: the three systems in turn at each size, so that drift in the machine's load touches all alike.
    for (const participants of sizes) {
      const durationMs = fanoutDuration(ctx, participants)
      for (const system of SYSTEMS) {
        ctx.log(`cluster: fan-out, ${participants} participants, ${SYSTEM_LABELS[system]}`)
        const point = await onSystem(ctx, bench, system, `Bench fan-out ${participants}`, (handle) =>
          measureFanout(ctx, handle.target(false), handle.servingPid, participants, durationMs, handle.alsoMeter),
        )
        fanout.push({ system, ...point })
        const where = `${SYSTEM_LABELS[system]}, ${participants} participants`
        if (point.saturated) warnings.push(`${where}: ${point.saturated}; its latencies include the generator's own delay.`)
        if (point.delivered < point.expected)
          warnings.push(`${where}: ${point.delivered} of ${point.expected} deliveries arrived within the run and 5 s after it.`)
      }
    }
    for (const system of SYSTEMS) {
      ctx.log(`cluster: append, ${SYSTEM_LABELS[system]}`)
      const result = await onSystem(ctx, bench, system, 'Bench append', (handle) =>
        measureAppend(handle.target(true), handle, appendEdits, APPEND_INTERVAL_MS),
      )
      append.push({ system, ...result })
      if (result.acked < result.edits)
        warnings.push(`${SYSTEM_LABELS[system]}, append: ${result.acked} of ${result.edits} edits acknowledged.`)
      if (result.postgresGone > 0)
        warnings.push(`append: ${result.postgresGone} PostgreSQL processes ended during the window; their CPU is not counted.`)
    }
    failover = await measureFailover(ctx, bench, kills)
    for (let round = 0; round < hui.rounds; round++) {
      ctx.log(`cluster: ${hui.clients} reconnecting at once, round ${round + 1} of ${hui.rounds}`)
      resync.push(await measureResync(ctx, bench, hui.clients, round < hui.rounds - 1))
    }
  } finally {
    await bench.stop()
  }
  const unacked = failover.filter((round) => round.acked === undefined)
  if (unacked.length > 0)
    warnings.push(`failover: ${unacked.length} of ${kills} kills had no acknowledged edit within 30 s (${unacked[0]!.errors.join('; ')}).`)
  for (const round of resync)
    if (round.resynced < round.clients)
      warnings.push(`resync: ${round.resynced} of ${round.clients} clients synced again within 60 s (${round.errors.join('; ')}).`)
  return {
    id: 'cluster',
    title: TITLE,
    method: clusterMethod(sizes, appendEdits, APPEND_INTERVAL_MS, kills, hui),
    rows: [],
    verbatim: [fanoutTable(sizes, fanout), appendTable(append), failoverTable(failover), resyncTable(resync)].join('\n\n'),
    notes: [
      [
        'Both storage engines write to the same disk (the temp folder). The cluster runs through the whole scenario, so its',
        'idle processes (health checks every second, lease renewals) are on the machine during the SQLite measurements too;',
        'each SQLite measurement gets a fresh process and folder, each cluster measurement a fresh plan on the same three',
        'processes (some restarted by the failovers).',
      ].join(' '),
    ],
    warnings,
    raw: { fanout, append, failover, resync },
  }
}

/** One system, ready to be measured on one fresh plan. */
interface SystemHandle {
  /** A light client's way to the plan, with Hononga's acknowledgements or without. */
  target(acks: boolean): Target
  /** The process serving the plan (on the cluster, known once someone has joined). */
  servingPid(): number | Promise<number>
  /** Every Hononga process of the system. */
  hononga(): number[]
  /** PostgreSQL's processes (the cluster only). */
  postgres?: () => number[]
  /** Processes besides Hononga's whose CPU the fan-out reports (the cluster's HAProxy and PostgreSQL). */
  alsoMeter?: Record<string, () => number[]>
}

/** Runs `fn` against a fresh single process on SQLite, or against a fresh plan on the cluster. */
async function onSystem<T>(
  ctx: BenchContext,
  bench: BenchCluster,
  system: System,
  title: string,
  fn: (handle: SystemHandle) => Promise<T>,
): Promise<T> {
  if (system === 'cluster') {
    const planId = await bench.createPlan(title)
    return fn({
      target: (acks) => bench.target(planId, { acks }),
      servingPid: () => bench.ownerPid(planId),
      hononga: bench.honongaPids,
      postgres: bench.postgresPids,
      alsoMeter: { haproxy: bench.haproxyPids, postgres: bench.postgresPids },
    })
  }
  const run = async (server: ServerUnderTest) => {
    const [doc] = await server.createDocs(1)
    return fn({ target: (acks) => server.target(doc!, { acks }), servingPid: () => server.pid, hononga: () => [server.pid] })
  }
  return withServer(ctx, 'cluster', 'hononga', run, { env: SQLITE_ENV[system] })
}
