import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { createSqliteDocStore, openDb } from '@hononga/server'
import { tempDataDir } from '../../../integration/support/server'
import { B4_EDITS, b4LikeTrace } from '../../trace'
import { median, until, type BenchContext } from '../context'
import { LightClient } from '../light-client'
import type { ScenarioReport } from '../report'
import { startServer, type ServerUnderTest } from '../servers'
import { nowMicros } from '../wire'

/** The trace typed into the plan's environment text, each edit its own update. */
function buildTrace(edits: number): { updates: Uint8Array[]; state: Uint8Array } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  doc.getXmlFragment('environment').insert(0, [paragraph])
  for (const edit of b4LikeTrace(edits)) {
    if ('insert' in edit) text.insert(edit.pos, edit.insert)
    else text.delete(edit.pos, edit.del)
  }
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return { updates, state }
}

/** Opens a plan that is not in memory; ms from opening the TCP connection to having the whole plan. */
async function openOnce(server: ServerUnderTest, doc: string): Promise<number> {
  const client = new LightClient({ target: server.target(doc), participant: 0 })
  const t0 = nowMicros()
  await client.connect(120_000)
  const took = (nowMicros() - t0) / 1000
  await client.close()
  client.destroy()
  // Wait until the server has let it go, so that the next open is cold again.
  if (!(await until(async () => (await server.resident()).docs === 0, 120_000, 50)))
    throw new Error('cold load: the plan never left memory')
  return took
}

/**
 * Cold load: a plan built from the seeded B4-shaped trace (every edit its own update) is
 * opened while it is not in memory, first with its update log as written (one row per
 * update), then after compaction (one state row). Measured over the wire, from opening the
 * connection to the last byte of the plan, in a warmed-up server.
 */
export async function coldLoad(ctx: BenchContext): Promise<ScenarioReport> {
  const edits = ctx.smoke ? 2_000 : B4_EDITS
  const beforeRuns = ctx.smoke ? 1 : 3
  const afterRuns = ctx.smoke ? 2 : 5
  ctx.log(`cold load: building the ${edits.toLocaleString('en-NZ')}-edit trace`)
  const trace = buildTrace(edits)
  const raw: Record<string, unknown> = { edits, rows: trace.updates.length, stateBytes: trace.state.byteLength }
  const rows: ScenarioReport['rows'] = []
  let before: number[] = []
  let after: number[] = []
  const peerAfter: number[] = []

  if (ctx.servers.includes('hononga')) {
    ctx.log('cold load: Hononga')
    let server = await startServer('hononga', { env: { PLAN_IDLE_UNLOAD_MS: '0' } })
    try {
      const [warm, ...plans] = await server.createDocs(2 + beforeRuns)
      const compacted = plans.pop()!
      await server.kill()
      // Write the trace straight into storage, as the server would have: one row per update.
      const db = openDb({ dataDir: server.dataDir })
      const store = createSqliteDocStore(db)
      for (const plan of [warm!, ...plans, compacted]) {
        for (let i = 0; i < trace.updates.length; i += 5_000) {
          await store.appendBatch(
            trace.updates.slice(i, i + 5_000).map((update) => ({ docId: plan, update })),
            Date.now(),
          )
        }
      }
      // Compact one copy as the server does: the whole state in one row, the log folded in.
      const stored = (await store.load(compacted))!
      const doc = new Y.Doc()
      Y.applyUpdate(doc, stored.state!)
      Y.transact(doc, () => stored.updates.forEach((u) => Y.applyUpdate(doc, u)))
      await store.compact(compacted, Y.encodeStateAsUpdate(doc), stored.lastSeq, Date.now())
      raw.compactedStateBytes = Y.encodeStateAsUpdate(doc).byteLength
      doc.destroy()
      db.$client.close()

      server = await server.restart()
      await openOnce(server, warm!) // warm-up (its own copy): the JIT, the statements, the page cache
      before = []
      for (const plan of plans) before.push(await openOnce(server, plan))
      after = []
      for (let i = 0; i < afterRuns; i++) after.push(await openOnce(server, compacted))
    } finally {
      await server.kill()
      fs.rmSync(server.dataDir, { recursive: true, force: true })
    }
  }

  if (ctx.servers.includes('hocuspocus')) {
    ctx.log('cold load: Hocuspocus')
    // Hocuspocus keeps one row per document, the whole state: it is always "compacted".
    const dataDir = tempDataDir('hocuspocus-bench-')
    const sqlite = new Database(path.join(dataDir, 'hocuspocus.sqlite'))
    sqlite.exec('CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))')
    const insert = sqlite.prepare('INSERT INTO "documents" ("name", "data") VALUES (?, ?)')
    for (const name of ['cold-warm', 'cold-plan']) insert.run(name, Buffer.from(trace.state))
    sqlite.close()
    const server = await startServer('hocuspocus', { dataDir })
    try {
      await openOnce(server, 'cold-warm')
      for (let i = 0; i < afterRuns; i++) peerAfter.push(await openOnce(server, 'cold-plan'))
    } finally {
      await server.kill()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }

  raw.hononga = { beforeMs: before, afterMs: after }
  raw.hocuspocus = { afterMs: peerAfter }
  const afterMedian = median(after)
  rows.push({
    label: `before compaction (${trace.updates.length.toLocaleString('en-NZ')} update rows)`,
    unit: 'ms',
    values: { hononga: median(before), ywebsocket: null, hocuspocus: null },
    notes: { ywebsocket: 'in memory only', hocuspocus: 'keeps no update log' },
    target: 'reported',
  })
  rows.push({
    label: `after compaction (one state row, ${(trace.state.byteLength / 1024).toFixed(0)} KiB)`,
    unit: 'ms',
    values: { hononga: afterMedian, ywebsocket: null, hocuspocus: median(peerAfter) },
    notes: { ywebsocket: 'in memory only' },
    target: '< 50 ms',
    met: ctx.servers.includes('hononga') ? afterMedian < 50 : undefined,
  })
  return {
    id: 'cold-load',
    title: 'Cold load: opening a plan that is not in memory',
    method:
      `A plan built from the seeded B4-shaped trace (tests/bench/trace.ts: ${edits.toLocaleString('en-NZ')} single-character edits, each its own update) ` +
      `is opened while not in memory, in a warmed-up server: median ms from opening the connection until the whole plan has arrived ` +
      `(${beforeRuns} copies before compaction, ${afterRuns} opens after). Hocuspocus is given the same plan as its one stored state.`,
    rows,
    notes: [],
    warnings: [],
    raw,
  }
}
