import fs from 'node:fs'
import { sleep, until, type BenchContext } from '../context'
import { LightClient } from '../light-client'
import type { ScenarioReport } from '../report'
import { SERVER_LABELS, startServer, type ServerKind, type ServerUnderTest } from '../servers'
import { scanMarkers } from '../wire'

interface DurabilityResult {
  kind: ServerKind
  kills: number
  /** Edits the observer had received before each kill, summed over the kills. */
  received: number
  /** Of those, edits the restarted server no longer had. */
  missing: number
  roundsWithLoss: number
}

/** One edit every EDIT_INTERVAL_MS: continuous typing, fast enough that a kill always interrupts it. */
const EDIT_INTERVAL_MS = 2

/**
 * Durability: kill -9 a server while a writer edits continuously and an observer receives;
 * restart it on the same data and count the edits the observer had received that the
 * restarted server no longer has (a fresh client's initial sync shows what it has).
 */
export async function durability(ctx: BenchContext): Promise<ScenarioReport> {
  const kills = ctx.smoke ? 1 : 20
  const results: DurabilityResult[] = []
  for (const kind of ctx.servers) {
    ctx.log(`durability: ${kills} kills of ${SERVER_LABELS[kind]}`)
    let server: ServerUnderTest = await startServer(kind)
    const dataDir = server.dataDir
    const result: DurabilityResult = { kind, kills, received: 0, missing: 0, roundsWithLoss: 0 }
    try {
      const [doc] = await server.createDocs(1)
      for (let round = 0; round < kills; round++) {
        const writerId = 2 * round
        const seen = new Set<number>()
        const writer = new LightClient({ target: server.target(doc!), participant: writerId })
        const observer = new LightClient({
          target: server.target(doc!),
          participant: writerId + 1,
          onEdit: (sender, seq) => {
            if (sender === writerId) seen.add(seq)
          },
        })
        await writer.connect()
        await observer.connect()
        const typing = setInterval(() => writer.edit(), EDIT_INTERVAL_MS)
        // Kill at a random moment: after 20 to 400 edits have reached the observer.
        const target = 20 + Math.floor(Math.random() * 380)
        await until(() => seen.size >= target, 30_000, 5)
        await server.kill()
        clearInterval(typing)
        const received = new Set(seen)
        writer.destroy()
        observer.destroy()

        server = await server.restart()
        const fresh = new LightClient({ target: server.target(doc!), participant: 1_000_000 + round, keepSyncState: true })
        await fresh.connect()
        const present = new Set<number>()
        scanMarkers(fresh.syncState!, (sender, seq) => {
          if (sender === writerId) present.add(seq)
        })
        await fresh.close()
        fresh.destroy()
        let missing = 0
        for (const seq of received) if (!present.has(seq)) missing++
        result.received += received.size
        result.missing += missing
        if (missing > 0) result.roundsWithLoss++
        await sleep(50)
      }
    } finally {
      await server.kill()
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
    results.push(result)
  }
  const value = (pick: (r: DurabilityResult) => number) => Object.fromEntries(results.map((r) => [r.kind, pick(r)]))
  const ours = results.find((r) => r.kind === 'hononga')
  return {
    id: 'durability',
    title: `Durability: kill -9 during continuous editing, ${kills} times`,
    method:
      `A writer edits every ${EDIT_INTERVAL_MS} ms while an observer receives; after a random 20–400 edits have reached the observer the server is killed with SIGKILL and restarted on the same data. ` +
      `A fresh client's initial sync shows what the server still has; we count the edits the observer had received that are gone.`,
    rows: [
      { label: 'edits received by the observer before the kills', unit: 'count', values: value((r) => r.received) },
      {
        label: 'of those, missing after restart',
        unit: 'count',
        values: value((r) => r.missing),
        notes: { ywebsocket: 'in memory by design', hocuspocus: 'stores 2–10 s after changes' },
        target: '0',
        met: ours ? ours.missing === 0 : undefined,
      },
      { label: 'kills that lost something', unit: 'count', values: value((r) => r.roundsWithLoss) },
    ],
    notes: [],
    warnings: [],
    raw: results,
  }
}
