import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addFocusArea, pandaAnswer, toPlanJson } from '@hononga/shared'
import { ApiClient } from './support/api'
import { spawnServer, tempDataDir, type SpawnedServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

const pool = new ClientPool()
const servers: SpawnedServer[] = []
afterEach(async () => {
  pool.destroyAll()
  for (const server of servers.splice(0)) await server.stop('SIGKILL')
})

async function start(dataDir: string, env: Record<string, string> = {}) {
  const server = await spawnServer({ dataDir, env })
  servers.push(server)
  return server
}

const join = (api: ApiClient, server: SpawnedServer, planId: string) => pool.join(api, server.wsUrl, planId)

/** True when `have` contains every update counted in `need` (state vectors). */
function covers(have: Y.Doc, need: Map<number, number>): boolean {
  const sv = Y.decodeStateVector(Y.encodeStateVector(have))
  for (const [client, clock] of need) if ((sv.get(client) ?? 0) < clock) return false
  return true
}

/** Compaction as often as possible, so that kills land in the middle of compactions too. */
const COMPACTING_OFTEN = { COMPACT_MAX_UPDATES: '150', COMPACT_MIN_INTERVAL_MS: '0' }

describe('durability', () => {
  it('kill -9 at any moment loses no update that another client had received (20 kills)', async () => {
    const dataDir = tempDataDir()
    let server = await start(dataDir, COMPACTING_OFTEN)
    let api = await new ApiClient(server.url).register('Mere Facilitator')
    const planId = await api.createPlan()
    // Each round: a writer types one character per update, as fast as the socket takes them;
    // an observer receives. Kill -9 after a random number of received updates, restart on
    // the same data, and check that a fresh client has everything the observer had. The
    // writer (the plan's facilitator) types into a problem-solving answer, a text long enough
    // for the 20 rounds (a title stops at PLAN_LIMITS.maxTitleChars).
    for (let round = 0; round < 20; round++) {
      const writer = await join(api, server, planId)
      const observer = await join(api, server, planId)
      const answer = pandaAnswer(writer.doc, 'problem.harm')
      const received = () => pandaAnswer(observer.doc, 'problem.harm').length
      const target = received() + 20 + Math.floor(Math.random() * 200)
      let typing = true
      const type = () => {
        if (!typing) return
        answer.insert(answer.length, String.fromCharCode(97 + (answer.length % 26)))
        setImmediate(type)
      }
      type()
      await waitFor(() => received() >= target, { message: `observer received ${target} characters` })
      server.process.kill('SIGKILL')
      await server.stop()
      typing = false
      const observed = Y.decodeStateVector(Y.encodeStateVector(observer.doc))
      const observedText = pandaAnswer(observer.doc, 'problem.harm').toString()
      writer.destroy()
      observer.destroy()

      server = await start(dataDir, COMPACTING_OFTEN)
      api = api.at(server.url)
      const fresh = await join(api, server, planId)
      expect(covers(fresh.doc, observed), `round ${round}: an update the observer had is missing`).toBe(true)
      expect(pandaAnswer(fresh.doc, 'problem.harm').toString().startsWith(observedText)).toBe(true)
      fresh.destroy()
    }
  })

  it('SIGTERM stores everything, snapshots what changed and closes sockets with 1012', async () => {
    const dataDir = tempDataDir()
    const server = await start(dataDir)
    const api = await new ApiClient(server.url).register('Mere Facilitator')
    const planId = await api.createPlan()
    const client = await join(api, server, planId)
    addFocusArea(client.doc, { title: 'Kept across a restart' })
    // Wait until the server has it durably: a second client sees it.
    const other = await join(api, server, planId)
    await waitFor(() => toPlanJson(other.doc).focusAreas.length === 1, { message: 'edit shared' })

    const code = await server.stop('SIGTERM')
    expect(code).toBe(0)
    await waitFor(() => client.closes.some((c) => c.code === 1012), { message: 'close 1012' })
    expect(server.logs.some((l) => l.event === 'server.stopped')).toBe(true)

    const again = await start(dataDir)
    const snapshots = await api.at(again.url).request<{ kind: string; label: string }[]>('GET', `/api/plans/${planId}/snapshots`)
    // The cookie is still valid: sessions live in SQLite.
    expect(snapshots.status).toBe(200)
    const fresh = await join(api.at(again.url), again, planId)
    expect(toPlanJson(fresh.doc).focusAreas.map((f) => f.title)).toEqual(['Kept across a restart'])
    expect(snapshots.body.some((s) => s.kind === 'auto')).toBe(true)
  })
})
