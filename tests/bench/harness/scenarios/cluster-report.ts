import { median } from '../context'
import { SYSTEM_LABELS, SYSTEMS, type System } from '../cluster-systems'
import { formatValue } from '../report'
import type { AppendResult } from './cluster-append'
import type { FailoverRound, ResyncRound } from './cluster-failover'
import type { FanoutMeasure } from './fanout'

/** The cluster scenario's tables (markdown) and its method paragraph. */

const ms = (value: number | undefined) => formatValue(value, 'ms')
const ratio = (ours: number | undefined, theirs: number | undefined) =>
  ours === undefined || theirs === undefined || !Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0
    ? ''
    : `${(ours / theirs).toFixed(2)}x`

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join(
    '\n',
  )
}

/** Nearest-rank percentile of `values` out of `total` samples; the missing ones count as slower than all (Infinity). */
export function percentile(values: number[], p: number, total = values.length): number {
  if (total === 0) return Number.NaN
  const rank = Math.max(1, Math.ceil(p * total))
  const sorted = [...values].sort((a, b) => a - b)
  return rank > sorted.length ? Number.POSITIVE_INFINITY : sorted[rank - 1]!
}

const SYSTEM_HEADER = [...SYSTEMS.map((system) => SYSTEM_LABELS[system]), 'cluster ÷ NORMAL', 'cluster ÷ FULL']

/** Values of the three systems and the cluster's ratios to each SQLite figure. */
function sideBySide(values: Partial<Record<System, number>>, format: (value: number | undefined) => string): string[] {
  return [
    ...SYSTEMS.map((system) => format(values[system])),
    ratio(values.cluster, values['sqlite-normal']),
    ratio(values.cluster, values['sqlite-full']),
  ]
}

export function fanoutTable(sizes: number[], points: (FanoutMeasure & { system: System })[]): string {
  const rows: string[][] = []
  for (const n of sizes) {
    const pick = (value: (p: FanoutMeasure) => number) =>
      Object.fromEntries(points.filter((p) => p.participants === n).map((p) => [p.system, value(p)])) as Partial<Record<System, number>>
    const p99 = pick((p) => p.all.p99)
    const met = p99.cluster !== undefined && p99['sqlite-full'] !== undefined ? p99.cluster <= 1.2 * p99['sqlite-full'] : undefined
    rows.push([
      `${n}: p50 to all`,
      ...sideBySide(
        pick((p) => p.all.p50),
        ms,
      ),
      '',
    ])
    rows.push([`${n}: p99 to all`, ...sideBySide(p99, ms), `≤ 1.2× FULL: ${met === undefined ? '–' : met ? 'met' : '**missed**'}`])
    rows.push([
      `${n}: p99 of each delivery`,
      ...sideBySide(
        pick((p) => p.each.p99),
        ms,
      ),
      '',
    ])
    const percent = (v: number | undefined) => (v === undefined ? 'n/a' : formatValue(v, '%'))
    rows.push([
      `${n}: CPU of the process serving the plan`,
      ...sideBySide(
        pick((p) => p.cpu.server * 100),
        percent,
      ),
      '',
    ])
    for (const [name, label] of [
      ['haproxy', 'HAProxy'],
      ['postgres', 'PostgreSQL'],
    ] as const) {
      const other = Object.fromEntries(
        points.filter((p) => p.participants === n && p.alsoCpu?.[name] !== undefined).map((p) => [p.system, p.alsoCpu![name]! * 100]),
      )
      rows.push([`${n}: CPU of ${label}`, ...SYSTEMS.map((system) => percent(other[system])), '', '', ''])
    }
  }
  return `**Fan-out** (participants: measure)\n\n${table(['fan-out', ...SYSTEM_HEADER, 'goal'], rows)}`
}

export function appendTable(results: (AppendResult & { system: System })[]): string {
  const pick = (value: (r: AppendResult) => number | null) =>
    Object.fromEntries(results.flatMap((r) => (value(r) === null ? [] : [[r.system, value(r)]]))) as Partial<Record<System, number>>
  const micros = (v: number | undefined) => (v === undefined ? 'n/a' : formatValue(v, 'µs'))
  const rows = [
    [
      'edits acknowledged',
      ...sideBySide(
        pick((r) => r.acked),
        (v) => formatValue(v, 'count'),
      ),
    ],
    [
      'p50: edit sent to acknowledged',
      ...sideBySide(
        pick((r) => r.p50),
        ms,
      ),
    ],
    [
      '**p99**: edit sent to acknowledged',
      ...sideBySide(
        pick((r) => r.p99),
        ms,
      ),
    ],
    [
      'max',
      ...sideBySide(
        pick((r) => r.max),
        ms,
      ),
    ],
    [
      'Hononga CPU per stored update (cluster: sum of the 3 processes)',
      ...sideBySide(
        pick((r) => r.honongaCpuMicros),
        micros,
      ),
    ],
    [
      "PostgreSQL's own CPU per stored update",
      ...sideBySide(
        pick((r) => r.postgresCpuMicros),
        micros,
      ),
    ],
    [
      'all server CPU per stored update',
      ...sideBySide(
        pick((r) => r.honongaCpuMicros + (r.postgresCpuMicros ?? 0)),
        micros,
      ),
    ],
  ]
  return `**Append: one writer with acknowledgements**\n\n${table(['append', ...SYSTEM_HEADER], rows)}`
}

export function failoverTable(rounds: FailoverRound[]): string {
  const n = rounds.length
  const phase = (label: string, value: (r: FailoverRound) => number | undefined, countMissing = false) => {
    const values = rounds.map(value).filter((v): v is number => v !== undefined)
    const total = countMissing ? n : values.length
    return [
      label,
      ms(percentile(values, 0.5, total)),
      ms(percentile(values, 0.95, total)),
      ms(percentile(values, 1, total)),
      `${values.length} of ${n}`,
    ]
  }
  const attempts = rounds.map((r) => r.attempts)
  const acked = rounds.map((r) => r.acked).filter((v): v is number => v !== undefined)
  const met = n > 0 ? percentile(acked, 0.95, n) <= 3_000 : undefined
  const rows = [
    phase('the writer sees its socket close', (r) => r.closed),
    phase('HAProxy logs the process DOWN', (r) => r.haproxyDown),
    phase('a first reconnect attempt fails', (r) => r.firstFailure),
    phase('the reconnect attempt that got through starts', (r) => r.reconnectStarted),
    phase('another process takes the lease (`lease.taken_over`)', (r) => r.takenOver),
    phase('sync step 2 from the new owner', (r) => r.synced),
    phase('**first edit acknowledged by the new owner**', (r) => r.acked, true),
    ['connection attempts per failover', ...[0.5, 0.95, 1].map((p) => String(percentile(attempts, p))), `${n} of ${n}`],
  ]
  const errors = [...new Set(rounds.flatMap((r) => r.errors))].slice(0, 3)
  const goal =
    `Goal: p95 of the first acknowledged edit ≤ 3 s: ${met === undefined ? '–' : met ? 'met' : '**missed**'}.` +
    (errors.length ? ` Failed attempts said: ${errors.map((e) => `"${e}"`).join('; ')}.` : '')
  const heading = `**Failover: kill -9 of the plan's owner, ${n} times** (times from the kill)`
  return `${heading}\n\n${table(['from kill -9 to …', 'p50', 'p95', 'max', 'seen in'], rows)}\n\n${goal}`
}

export function resyncTable(rounds: ResyncRound[]): string {
  const perRound = rounds.map((round) => {
    const p99 = percentile(round.fromKill, 0.99, round.clients)
    return {
      resynced: `${round.resynced} of ${round.clients}`,
      p50: percentile(round.fromKill, 0.5, round.clients),
      p99,
      max: percentile(round.fromKill, 1, round.clients),
      takenOver: round.takenOver,
      p99AfterTakeover: round.takenOver === undefined ? undefined : p99 - round.takenOver,
      attempts: round.attempts,
    }
  })
  const med = (pick: (r: (typeof perRound)[number]) => number | undefined) => {
    const values = perRound.map(pick).filter((v): v is number => v !== undefined)
    return values.length ? median(values) : undefined
  }
  const row = (label: string, pick: (r: (typeof perRound)[number]) => number | undefined) => [
    label,
    ...perRound.map((r) => ms(pick(r))),
    ms(med(pick)),
  ]
  const rows = [
    ['clients synced again', ...perRound.map((r) => r.resynced), ''],
    row('p50: kill to sync step 2', (r) => r.p50),
    row('**p99: kill to sync step 2**', (r) => r.p99),
    row('max: kill to sync step 2', (r) => r.max),
    row('kill to the new owner taking the plan', (r) => r.takenOver),
    row('**p99: new owner taking the plan to sync step 2** (goal ≤ 800 ms)', (r) => r.p99AfterTakeover),
    ['connection attempts, all clients', ...perRound.map((r) => String(r.attempts)), String(med((r) => r.attempts) ?? '–')],
  ]
  const p99After = med((r) => r.p99AfterTakeover)
  const verdict = p99After === undefined ? '–' : p99After <= 800 ? 'met' : '**missed**'
  const goal = `Goal: p99 ≤ 800 ms after the new owner is chosen (median of rounds): ${verdict}.`
  const header = ['hui reconnecting at once', ...rounds.map((_, i) => `round ${i + 1}`), 'median']
  const heading = `**${rounds[0]?.clients ?? 0} people on one plan reconnecting at once after kill -9 of its owner**`
  return `${heading}\n\n${table(header, rows)}\n\n${goal}`
}

export function clusterMethod(
  sizes: number[],
  appendEdits: number,
  intervalMs: number,
  kills: number,
  hui: { clients: number; rounds: number },
): string {
  const rounds = `${hui.rounds} round${hui.rounds === 1 ? '' : 's'}`
  return [
    'Three systems side by side in one run: one Hononga process on SQLite with `SQLITE_SYNCHRONOUS=NORMAL` (the default)',
    'and with `FULL`, and three Hononga processes on one PostgreSQL 15 (`synchronous_commit = on`, `fsync = on`) behind',
    'HAProxy with deploy/haproxy.cfg (tests/integration/support/cluster.ts; server defaults, LEASE_TTL_MS 5 s).',
    `Fan-out as in the fan-out scenario (${sizes.join(', ')} participants on one plan, each typing once a second),`,
    'through HAProxy for the cluster.',
    `Append: one writer with acknowledgements (\`?acks=1\`), ${appendEdits.toLocaleString('en-NZ')} edits one every`,
    `${intervalMs} ms after 20 of warm-up; latency from sending an edit to the acknowledgement covering it; CPU from`,
    "/proc/<pid>/stat over the edits, divided by the edits stored (PostgreSQL's: the postmaster and every process it started).",
    `Failover, ${kills} times: a writer through HAProxy, SIGKILL of the plan's owner, the writer reconnecting on`,
    "y-websocket's schedule (100 ms after the close, doubling, at most 5 s) and making an edit; the breakdown comes from",
    "HAProxy's log, the servers' `lease.taken_over` log lines and the client; the killed process is restarted (and back in",
    'HAProxy) before the next kill.',
    `Hui: ${hui.clients} light clients with acknowledgements on one plan, SIGKILL of its owner, every client reconnecting`,
    `on the same schedule (so at once); ${rounds}. Clients that never got back count as slower than all.`,
    'Goals are reported, never asserted.',
  ].join(' ')
}
