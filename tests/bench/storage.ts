/**
 * Storage figures for the sync server (issue: foundation): compaction write amplification
 * under the default policy, and the time to load a plan of N small updates before and after
 * compaction. Not a test: prints numbers. Run: `pnpm bench:storage` (N defaults to 100,000;
 * `--updates 2000` for a quick run).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { getPlanRoots, MessageType, SyncMessageType } from '@hononga/shared'
import { createSqliteDocStore, openDb } from '@hononga/server'
import { ApiClient } from '../integration/support/api'
import { frame, RawSocket } from '../integration/support/raw-socket'
import { inProcessServer } from '../integration/support/server'
import { waitFor } from '../integration/support/wait'
import { b4LikeTrace } from './trace'

const args = process.argv.slice(2)
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const UPDATES = arg('updates', 100_000)

/** The trace's edits as separate Yjs updates, typed into the plan's environment text. */
function traceUpdates(count: number): { base: Uint8Array; updates: Uint8Array[]; finalLength: number } {
  // Only the environment text: the plan's meta is the server's, written when it creates the
  // plan (a device that sent its own schemaVersion would be refused, see shared writers.ts).
  const doc = new Y.Doc()
  const environment = getPlanRoots(doc).environment
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  environment.insert(0, [paragraph])
  const base = Y.encodeStateAsUpdate(doc)
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  for (const edit of b4LikeTrace(count)) {
    if ('insert' in edit) text.insert(edit.pos, edit.insert)
    else text.delete(edit.pos, edit.del)
  }
  return { base, updates, finalLength: text.length }
}

function ms(start: number): string {
  return (performance.now() - start).toFixed(1)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function writeAmplification(updates: Uint8Array[], base: Uint8Array) {
  // The real server with its default compaction policy, fed over a socket one update a frame.
  // The feed takes 2 s, where people would take hours: COMPACT_MIN_INTERVAL_MS (which never
  // binds at typing speed) is off, so the figure is what a plan typed into steadily costs.
  // The per-socket read budget (WS_BUDGET_UPDATES_PER_SEC) would pace this feed to 200 updates
  // a second; it is raised here so the figure is the compaction policy's, not the budget's.
  const server = await inProcessServer({
    PLAN_IDLE_UNLOAD_MS: '60000',
    COMPACT_MIN_INTERVAL_MS: '0',
    WS_BUDGET_UPDATES_PER_SEC: '1000000',
    WS_BUDGET_BYTES_PER_SEC: '1000000000',
  })
  const api = await new ApiClient(server.url).register('Bench')
  const planId = await api.createPlan('Bench plan', 'Loopback')
  const socket = new RawSocket(`${server.wsUrl}/${planId}`, { cookie: api.cookie!, origin: server.url })
  await waitFor(() => socket.messages.length > 0)
  socket.send(frame(MessageType.Sync, SyncMessageType.Update, base))
  const started = performance.now()
  for (let i = 0; i < updates.length; i++) {
    socket.send(frame(MessageType.Sync, SyncMessageType.Update, updates[i]!))
    if (i % 500 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  await waitFor(() => server.engine.stats().updatesAppended >= updates.length, { timeoutMs: 600_000 })
  const elapsed = performance.now() - started
  const stats = server.engine.stats()
  socket.close()
  await server.close()
  const amplification = (stats.bytesAppended + stats.compactionBytes) / stats.bytesAppended
  return { stats, elapsed, amplification }
}

async function loadTimes(base: Uint8Array, updates: Uint8Array[]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hononga-bench-'))
  const db = openDb({ dataDir })
  const store = createSqliteDocStore(db)
  await store.create('plan', base, 0)
  for (let i = 0; i < updates.length; i += 1000) {
    await store.appendBatch(
      updates.slice(i, i + 1000).map((update) => ({ docId: 'plan', update })),
      0,
    )
  }
  const load = async () => {
    const started = performance.now()
    const stored = (await store.load('plan'))!
    const doc = new Y.Doc()
    Y.transact(doc, () => {
      if (stored.state) Y.applyUpdate(doc, stored.state)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    })
    const took = performance.now() - started
    doc.destroy()
    return { took, rows: stored.updates.length }
  }
  const before: number[] = []
  let rows = 0
  for (let i = 0; i < 3; i++) {
    const r = await load()
    before.push(r.took)
    rows = r.rows
  }
  const stored = (await store.load('plan'))!
  const doc = new Y.Doc()
  Y.transact(doc, () => {
    Y.applyUpdate(doc, stored.state!)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
  })
  const state = Y.encodeStateAsUpdate(doc)
  const compactStarted = performance.now()
  await store.compact('plan', state, stored.lastSeq, 0)
  const compactMs = performance.now() - compactStarted
  const after: number[] = []
  for (let i = 0; i < 5; i++) after.push((await load()).took)
  db.$client.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
  return { rowsBefore: rows, beforeMs: median(before), afterMs: median(after), stateBytes: state.byteLength, compactMs }
}

const generated = performance.now()
const { base, updates, finalLength } = traceUpdates(UPDATES)
const updateBytes = updates.reduce((n, u) => n + u.byteLength, 0)
console.log(`# Storage figures\n`)
console.log(
  `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
)
console.log(
  `Trace: ${updates.length.toLocaleString('en-NZ')} single-character edits (B4-shaped, seeded), ${finalLength.toLocaleString('en-NZ')} characters at the end, ` +
    `${(updateBytes / updates.length).toFixed(1)} bytes per update on average; generated in ${ms(generated)} ms\n`,
)

const load = await loadTimes(base, updates)
console.log(`| plan of ${updates.length.toLocaleString('en-NZ')} updates | load time (median) |`)
console.log(`| --- | --- |`)
console.log(`| before compaction (${load.rowsBefore.toLocaleString('en-NZ')} update rows) | ${load.beforeMs.toFixed(1)} ms |`)
console.log(`| after compaction (one state row, ${(load.stateBytes / 1024).toFixed(1)} KiB) | ${load.afterMs.toFixed(1)} ms |`)
console.log(`\nCompacting it took ${load.compactMs.toFixed(1)} ms.\n`)

const amp = await writeAmplification(updates, base)
console.log(
  `| compaction policy (defaults; spacing off) | updates | bytes appended | compactions | bytes of state written | write amplification |`,
)
console.log(`| --- | --- | --- | --- | --- | --- |`)
console.log(
  `| log ≥ state size, 5,000 updates, 30 s idle or 10 min | ${amp.stats.updatesAppended.toLocaleString('en-NZ')} | ${amp.stats.bytesAppended.toLocaleString('en-NZ')} | ${amp.stats.compactions} | ${amp.stats.compactionBytes.toLocaleString('en-NZ')} | ${amp.amplification.toFixed(2)}x |`,
)
console.log(
  `\nWrite amplification = (update bytes appended + state bytes written by compaction) / update bytes appended. ` +
    `The ${amp.stats.updatesAppended.toLocaleString('en-NZ')} updates went over one socket in ${(amp.elapsed / 1000).toFixed(1)} s ` +
    `(${((amp.elapsed * 1000) / amp.stats.updatesAppended).toFixed(1)} µs each, wall clock, in ${amp.stats.writeBatches.toLocaleString('en-NZ')} write transactions).`,
)
