/**
 * `pnpm bench`: Hononga against @y/websocket-server and Hocuspocus, in the same run, on this
 * machine. Each server runs as its own process on 127.0.0.1 and is driven by simulated
 * participants (light clients spread over agent processes); a first pass with each
 * server's real client library checks that the light clients speak its protocol right.
 *
 * Prints one markdown table per scenario, writes the raw results to
 * tests/artifacts/bench/results.json and a latency chart to tests/artifacts/bench/fanout-latency.svg.
 * Benchmarks never fail on timing: the exit code says only whether the harness worked.
 *
 *   pnpm bench                      every scenario at full size (about 25 minutes on 2 cores)
 *   pnpm bench --smoke              every scenario at a tiny size (what pnpm test runs)
 *   pnpm bench --only fanout,joins  some scenarios
 *   pnpm bench --only cluster       three processes on PostgreSQL behind HAProxy against one on SQLite (needs both)
 *   pnpm bench --servers hononga    some servers
 *   pnpm bench --sizes 100,500      other fan-out sizes
 *   pnpm bench --profile fanout     run the servers under node --cpu-prof in those scenarios
 *   pnpm bench --out DIR            write results.json and the chart to DIR
 */
import fs from 'node:fs'
import path from 'node:path'
import { AgentPool } from './harness/agents'
import type { BenchContext } from './harness/context'
import { describeMachine, machineInfo } from './harness/machine'
import { renderScenario, type ScenarioReport } from './harness/report'
import { churn } from './harness/scenarios/churn'
import { cluster } from './harness/scenarios/cluster'
import { coldLoad } from './harness/scenarios/cold-load'
import { conformance } from './harness/scenarios/conformance'
import { durability } from './harness/scenarios/durability'
import { fanout, type FanoutPoint } from './harness/scenarios/fanout'
import { idle } from './harness/scenarios/idle'
import { joins } from './harness/scenarios/joins'
import { presence } from './harness/scenarios/presence'
import { slowLink } from './harness/scenarios/slow-link'
import { throughput } from './harness/scenarios/throughput'
import { killAllServers, SERVER_KINDS, SERVER_LABELS, type ServerKind } from './harness/servers'
import { latencyChart } from './harness/svg'
import { REPO_ROOT } from '../integration/support/server'

const SCENARIOS: Record<string, (ctx: BenchContext) => Promise<ScenarioReport>> = {
  conformance,
  fanout,
  throughput,
  joins,
  idle,
  churn,
  'cold-load': coldLoad,
  durability,
  presence,
  'slow-link': slowLink,
  cluster,
}

const args = process.argv.slice(2)
const option = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const smoke = args.includes('--smoke')
const only = option('only')?.split(',') ?? Object.keys(SCENARIOS)
const servers = (option('servers')?.split(',') as ServerKind[] | undefined) ?? [...SERVER_KINDS]
const profileScenarios = option('profile')?.split(',')
const outDir = path.resolve(option('out') ?? path.join(REPO_ROOT, 'tests', 'artifacts', 'bench'))
for (const name of only) if (!SCENARIOS[name]) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`)

const machine = machineInfo()
const started = Date.now()
const pool = new AgentPool()
const ctx: BenchContext = {
  smoke,
  servers: SERVER_KINDS.filter((kind) => servers.includes(kind)),
  pool,
  fanoutSizes: option('sizes')?.split(',').map(Number),
  profile: profileScenarios ? { dir: path.join(outDir, 'profiles'), scenarios: profileScenarios } : undefined,
  log: (message) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`),
}
if (ctx.profile) fs.mkdirSync(ctx.profile.dir, { recursive: true })

const warnings: string[] = []
if (machine.openFilesLimit !== null && machine.openFilesLimit < 4_096) {
  warnings.push(`ulimit -n is ${machine.openFilesLimit}: the 1,500-connection scenarios need about 4,000 file descriptors; raise it.`)
}

// Interrupted or crashed: take every process we started down with us.
process.on('exit', () => {
  pool.kill()
  killAllServers()
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    pool.kill()
    killAllServers()
    process.exit(130)
  })
}

const reports: ScenarioReport[] = []
console.log(`# Hononga benchmark${smoke ? ' (smoke run: tiny sizes, figures mean nothing)' : ''}\n`)
console.log(
  `Machine: ${describeMachine(machine)}. Load generator: ${pool.size} agent processes on the same machine. Servers: ${ctx.servers.map((k) => SERVER_LABELS[k]).join(', ')}.\n`,
)
try {
  for (const name of only) {
    ctx.log(`scenario ${name}`)
    const scenarioStarted = Date.now()
    const report = await SCENARIOS[name]!(ctx)
    report.seconds = (Date.now() - scenarioStarted) / 1000
    reports.push(report)
    console.log(renderScenario(report, ctx.servers))
  }
} finally {
  pool.kill()
  killAllServers()
}

const elapsed = (Date.now() - started) / 1000
for (const warning of warnings) console.log(`> **Warning:** ${warning}\n`)
console.log(`Run took ${Math.floor(elapsed / 60)} min ${Math.round(elapsed % 60)} s.`)

fs.mkdirSync(outDir, { recursive: true })
fs.writeFileSync(
  path.join(outDir, 'results.json'),
  JSON.stringify(
    {
      machine,
      smoke,
      startedAt: new Date(started).toISOString(),
      elapsedSeconds: elapsed,
      servers: ctx.servers,
      warnings,
      scenarios: reports,
    },
    null,
    2,
  ) + '\n',
)
const fan = reports.find((r) => r.id === 'fanout')
if (fan) {
  const points = fan.raw as FanoutPoint[]
  const colors: Record<ServerKind, string> = { hononga: '#c0392b', ywebsocket: '#2471a3', hocuspocus: '#229954' }
  const svg = latencyChart(
    'Fan-out latency: an edit reaching every other participant',
    `${describeMachine(machine)}; ${new Date(started).toISOString().slice(0, 10)}`,
    ctx.servers.map((kind) => ({
      label: SERVER_LABELS[kind],
      color: colors[kind],
      points: points.filter((p) => p.kind === kind).map((p) => [p.participants, p.all.p50, p.all.p99] as [number, number, number]),
    })),
  )
  fs.writeFileSync(path.join(outDir, 'fanout-latency.svg'), svg)
}
const shown = outDir.startsWith(REPO_ROOT) ? path.relative(REPO_ROOT, outDir) : outDir
console.log(`\nRaw results: ${shown}/results.json${fan ? `; chart: ${shown}/fanout-latency.svg` : ''}.`)
process.exit(0)
