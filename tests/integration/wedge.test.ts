import path from 'node:path'
import Database from 'better-sqlite3'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { afterAll, describe, expect, it } from 'vitest'
import { getEnvironment, getPlanMeta } from '@hononga/shared'
import { facilitatorWithPlan } from './support/api'
import { spawnServer, tempDataDir, type SpawnedServer } from './support/server'
import { waitFor } from './support/wait'
import { connectPlan, type PlanClient } from './support/yclient'

/**
 * A plan damaged before device updates were scanned: its compacted state holds rich text
 * nested 5,000 deep whose outer element was deleted, which overflows the stack when Yjs
 * loads it. The server re-encodes it in a worker thread with a large stack and opens it.
 * Runs the real server as its own process (`node --import tsx`), as `pnpm start` does.
 */

const DEPTH = 5_000

/** The stored state plus deep nesting in the environment step, with its outer element deleted. */
function damage(state: Uint8Array): Uint8Array {
  const doc = new Y.Doc({ gc: false })
  Y.applyUpdate(doc, state)
  let element = new Y.XmlElement('paragraph')
  getEnvironment(doc).insert(0, [element])
  const outer = element._item!.id
  for (let i = 0; i < DEPTH; i++) {
    const child = new Y.XmlElement('paragraph')
    element.insert(0, [child])
    element = child
  }
  // Deleting it through Yjs would overflow here too: the delete set is written by hand.
  const deleteSet = encoding.createEncoder()
  for (const n of [0, 1, outer.client, 1, outer.clock, 1]) encoding.writeVarUint(deleteSet, n)
  const damaged = Y.mergeUpdates([Y.encodeStateAsUpdate(doc), encoding.toUint8Array(deleteSet)])
  doc.destroy()
  return damaged
}

function loadsHere(state: Uint8Array): boolean {
  try {
    Y.applyUpdate(new Y.Doc(), state)
    return true
  } catch {
    return false
  }
}

describe('a plan damaged before the fix', () => {
  const dataDir = tempDataDir('hononga-wedge-')
  let server: SpawnedServer | undefined
  let client: PlanClient | undefined

  afterAll(async () => {
    client?.destroy()
    await server?.stop()
  })

  it('opens again for a stock y-websocket client, and the audit log says it was recovered', async () => {
    server = await spawnServer({ dataDir })
    const { api, planId } = await facilitatorWithPlan(server.url)
    await server.stop()

    // Straight into storage, bypassing every check: what a wedged plan left behind.
    const db = new Database(path.join(dataDir, 'hononga.db'))
    try {
      const row = db.prepare('SELECT data FROM doc_states WHERE doc_id = ?').get(planId) as { data: Buffer }
      const damaged = damage(new Uint8Array(row.data))
      expect(loadsHere(damaged)).toBe(false)
      db.prepare('UPDATE doc_states SET data = ? WHERE doc_id = ?').run(Buffer.from(damaged), planId)
      db.prepare('DELETE FROM doc_updates WHERE doc_id = ?').run(planId)
    } finally {
      db.close()
    }

    server = await spawnServer({ dataDir })
    const restarted = api.at(server.url)
    client = await connectPlan(restarted, server.wsUrl, planId)
    await client.synced()
    expect(getPlanMeta(client.doc).title?.toString()).toBe('Whakatāne community plan')
    expect(getEnvironment(client.doc).length).toBe(0)

    const audit = await restarted.request<{ event: string; details: Record<string, unknown> }[]>('GET', `/api/plans/${planId}/audit`)
    const recovered = audit.body.find((event) => event.event === 'plan.recovered')
    expect(recovered?.details).toMatchObject({ how: 'reencoded', quarantined: [expect.any(String)] })
    expect(server.logs.some((line) => line.event === 'plan.recovered')).toBe(true)

    // What is stored now loads on an ordinary stack, and an edit after recovery is kept.
    getEnvironment(client.doc).insert(0, [new Y.XmlText('Kōrero after recovery')])
    const document = await waitFor(
      async () => {
        const response = await restarted.request<Record<string, unknown>>('GET', `/api/plans/${planId}/document`)
        return JSON.stringify(response.body).includes('Kōrero after recovery') ? response : null
      },
      { message: 'the edit after recovery in the stored plan' },
    )
    expect(document.status).toBe(200)
  })
})
