/**
 * What a week of offline work arriving as one sync message (1,500 focus areas, 5.4 MiB)
 * holds up on another plan of the same server: round trips of one edit there, while the
 * large update is applied whole (WS_LARGE_UPDATE_BYTES above the message size: the
 * baseline, as before pieces) and in pieces (the default: split in a worker thread, one
 * piece per event-loop turn). Servers side by side, rounds alternating; prints medians and
 * ratios. Not a test; `tests/integration/backpressure.test.ts` runs one round of it.
 * Run: `node --import tsx tests/bench/large-update.ts [--rounds 5]`.
 */
import { measureLargeUpdate, offlineWork, type LargeUpdateFigures } from '../integration/support/large-update'
import { spawnServer, type SpawnedServer } from '../integration/support/server'

const args = process.argv.slice(2)
const ROUNDS = Number(args[args.indexOf('--rounds') + 1] || 5) || 5

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

const work = offlineWork()
const variants: { name: string; env: Record<string, string>; server?: SpawnedServer; runs: LargeUpdateFigures[] }[] = [
  { name: 'whole', env: { WS_LARGE_UPDATE_BYTES: String(2 ** 30) }, runs: [] },
  { name: 'pieces', env: {}, runs: [] },
]
try {
  for (const variant of variants) variant.server = await spawnServer({ env: variant.env })
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
      const figures = await measureLargeUpdate(variant.server!, work)
      variant.runs.push(figures)
      console.log(
        `round ${round + 1} ${variant.name.padEnd(6)} stored after ${figures.storedAfterMs} ms; other plan p50 ${figures.duringP50Ms} ms, worst ${figures.duringMaxMs} ms (baseline p50 ${figures.baselineP50Ms} ms)`,
      )
    }
  }
  const summary = Object.fromEntries(
    variants.map((v) => [
      v.name,
      {
        storedAfterMs: median(v.runs.map((r) => r.storedAfterMs)),
        baselineP50Ms: median(v.runs.map((r) => r.baselineP50Ms)),
        duringP50Ms: median(v.runs.map((r) => r.duringP50Ms)),
        duringMaxMs: median(v.runs.map((r) => r.duringMaxMs)),
      },
    ]),
  )
  console.log(`\n${(work.byteLength / 2 ** 20).toFixed(2)} MiB update, ${ROUNDS} rounds, medians:`)
  console.table(summary)
  const [whole, pieces] = [summary.whole!, summary.pieces!]
  console.log(
    `pieces ÷ whole: other plan's p50 ${(pieces.duringP50Ms / whole.duringP50Ms).toFixed(2)}×, worst ${(pieces.duringMaxMs / whole.duringMaxMs).toFixed(2)}×; ` +
      `time to acknowledge ${(pieces.storedAfterMs / whole.storedAfterMs).toFixed(2)}×`,
  )
} finally {
  for (const variant of variants) await variant.server?.stop()
}
