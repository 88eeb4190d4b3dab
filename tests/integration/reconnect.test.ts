import net from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { addFocusArea, listFocusAreas, toPlanJson } from '@hononga/shared'
import { ApiClient } from './support/api'
import { spawnServer, tempDataDir, type SpawnedServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

async function freePort(): Promise<number> {
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as net.AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

const pool = new ClientPool()
const servers: SpawnedServer[] = []
afterAll(async () => {
  pool.destroyAll()
  for (const server of servers) await server.stop('SIGKILL')
})

describe('reconnecting', () => {
  it('edits made while disconnected arrive after connect(), every time', async () => {
    const server = await spawnServer()
    servers.push(server)
    const api = await new ApiClient(server.url).register()
    const planId = await api.createPlan()
    const a = await pool.join(api, server.wsUrl, planId)
    const b = await pool.join(api, server.wsUrl, planId)
    for (let round = 1; round <= 5; round++) {
      a.provider.disconnect()
      addFocusArea(a.doc, { title: `offline edit ${round}` })
      // A fresh ticket for the new connection (tickets are single-use).
      a.provider.params = { ticket: await api.ticket(planId) }
      a.provider.connect()
      await waitFor(() => listFocusAreas(b.doc).length === round, { message: `round ${round} arrives` })
    }
  })

  it('clients reconnect by themselves after a server restart, and edits made during the outage arrive', async () => {
    const port = await freePort()
    const dataDir = tempDataDir()
    const env = { PORT: String(port) }
    let server = await spawnServer({ dataDir, env })
    servers.push(server)
    const api = await new ApiClient(server.url).register()
    const planId = await api.createPlan()
    const a = await pool.join(api, server.wsUrl, planId)
    const b = await pool.join(api, server.wsUrl, planId)
    addFocusArea(a.doc, { title: 'before the restart' })
    await waitFor(() => listFocusAreas(b.doc).length === 1, { message: 'first edit' })

    await server.stop('SIGTERM')
    await waitFor(() => !a.provider.wsconnected && !b.provider.wsconnected, { message: 'both see the outage' })
    addFocusArea(a.doc, { title: 'during the outage (a)' })
    addFocusArea(b.doc, { title: 'during the outage (b)' })

    server = await spawnServer({ dataDir, env })
    servers.push(server)
    await waitFor(() => listFocusAreas(a.doc).length === 3 && listFocusAreas(b.doc).length === 3, {
      message: 'both outage edits everywhere',
      timeoutMs: 30_000,
    })
    expect(toPlanJson(a.doc)).toEqual(toPlanJson(b.doc))
  })
})
