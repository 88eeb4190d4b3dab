/**
 * What the content scan (server/src/collab/content-scan.ts) costs per update, beside what
 * Y.applyUpdate costs for the same update: a person typing into the plan's rich text, one
 * update per keystroke (the seeded B4-shaped trace of ./trace.ts), replayed against the
 * server's copy of a plan as the room does it (scan, then apply). Not a test: prints numbers.
 * Run: `node --import tsx tests/bench/scan-cost.ts [--edits 20000] [--rounds 3]`.
 */
import * as Y from 'yjs'
import { getEnvironment } from '@hononga/shared'
import { checkDeviceUpdate } from '../../server/src/collab/content-scan'
import { deviceOf, governedPlan } from '../../server/src/collab/content-scan.testing'
import { b4LikeTrace } from './trace'

const args = process.argv.slice(2)
const option = (name: string, fallback: number) => Number(args[args.indexOf(name) + 1] || fallback) || fallback
const EDITS = option('--edits', 20_000)
const ROUNDS = option('--rounds', 3)
const AUTHOR = { facilitator: false }

/** The plan as the server holds it, and the typist's updates, one per edit, in order. */
function record(): { state: Uint8Array; updates: Uint8Array[] } {
  const { server } = governedPlan()
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText()])
  getEnvironment(server).push([paragraph])
  const state = Y.encodeStateAsUpdate(server)
  const typist = deviceOf(server)
  const environment = getEnvironment(typist)
  const text = (environment.get(environment.length - 1) as Y.XmlElement).get(0) as Y.XmlText
  const updates: Uint8Array[] = []
  typist.on('update', (update: Uint8Array) => updates.push(update))
  for (const edit of b4LikeTrace(EDITS)) {
    if ('insert' in edit) text.insert(edit.pos, edit.insert)
    else text.delete(edit.pos, edit.del)
  }
  return { state, updates }
}

/** One replay: microseconds spent scanning and applying each update. */
function replay(state: Uint8Array, updates: Uint8Array[]): { scan: Float64Array; apply: Float64Array } {
  const server = new Y.Doc()
  Y.applyUpdate(server, state)
  const scan = new Float64Array(updates.length)
  const apply = new Float64Array(updates.length)
  updates.forEach((update, i) => {
    const started = performance.now()
    const reason = checkDeviceUpdate(server, update, AUTHOR)
    const scanned = performance.now()
    if (reason !== null) throw new Error(`update ${i} refused: ${reason}`)
    Y.applyUpdate(server, update)
    scan[i] = (scanned - started) * 1000
    apply[i] = (performance.now() - scanned) * 1000
  })
  return { scan, apply }
}

const mean = (values: Float64Array) => values.reduce((sum, v) => sum + v, 0) / values.length
const percentile = (values: Float64Array, p: number) =>
  Float64Array.from(values).sort()[Math.min(values.length - 1, Math.floor(values.length * p))]!
const us = (value: number) => `${value.toFixed(2)} µs`

const { state, updates } = record()
const bytes = updates.reduce((sum, u) => sum + u.length, 0) / updates.length
console.log(`${updates.length.toLocaleString('en-NZ')} typing updates (mean ${bytes.toFixed(1)} bytes), ${ROUNDS} rounds after a warm-up`)
replay(state, updates) // warm-up: let the JIT settle
for (let round = 1; round <= ROUNDS; round++) {
  const { scan, apply } = replay(state, updates)
  const [scanMean, applyMean] = [mean(scan), mean(apply)]
  console.log(
    `round ${round}: scan ${us(scanMean)} per update (p50 ${us(percentile(scan, 0.5))}, p99 ${us(percentile(scan, 0.99))}); ` +
      `Y.applyUpdate ${us(applyMean)} (p50 ${us(percentile(apply, 0.5))}); scan/apply ${(scanMean / applyMean).toFixed(2)}`,
  )
}
