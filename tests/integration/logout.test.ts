import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloseCode } from '@hononga/shared'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { RawSocket } from './support/raw-socket'
import { inProcessServer, spawnServer, tempDataDir } from './support/server'
import { waitFor } from './support/wait'

let server: Awaited<ReturnType<typeof inProcessServer>>

beforeAll(async () => {
  server = await inProcessServer()
})
afterAll(async () => {
  await server.close()
})

/** Opens a socket and waits until the server has sent it the plan (it is attached to the room). */
async function openSocket(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
  const socket = new RawSocket(url, headers)
  await waitFor(() => socket.messages.length > 0, { message: `sync step 1 on ${url}` })
  return socket
}

describe('signing out', () => {
  it('closes the sockets that session opened (cookie and its tickets) with 4401, and no other session’s', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    // The same person signed in on a second device: another session.
    const otherDevice = new ApiClient(server.url)
    const login = await otherDevice.request('POST', '/api/auth/login', { email: api.user!.email, password: 'correct horse battery staple' })
    expect(login.status).toBe(200)
    expect(otherDevice.cookie).not.toBe(api.cookie)

    const byCookie = await openSocket(`${server.wsUrl}/${planId}`, { cookie: api.cookie!, origin: server.url })
    const byTicket = await openSocket(`${server.wsUrl}/${planId}?ticket=${await api.ticket(planId)}`)
    const otherCookie = await openSocket(`${server.wsUrl}/${planId}`, { cookie: otherDevice.cookie!, origin: server.url })
    const otherTicket = await openSocket(`${server.wsUrl}/${planId}?ticket=${await otherDevice.ticket(planId)}`)

    expect((await api.request('POST', '/api/auth/logout')).status).toBe(204)
    expect(await byCookie.closed).toEqual({ code: CloseCode.Unauthenticated, reason: 'not signed in' })
    expect((await byTicket.closed).code).toBe(CloseCode.Unauthenticated)
    // The server closed all four in the same turn if it closed them at all: the others are still open.
    expect(otherCookie.socket.readyState).toBe(otherCookie.socket.OPEN)
    expect(otherTicket.socket.readyState).toBe(otherTicket.socket.OPEN)

    // The signed-out cookie cannot open a new socket either.
    const again = new RawSocket(`${server.wsUrl}/${planId}`, { cookie: api.cookie!, origin: server.url })
    expect((await again.closed).code).toBe(CloseCode.Unauthenticated)
    expect(again.messages).toEqual([])
    otherCookie.close()
    otherTicket.close()
  })

  it('signing in again in the same browser ends the old session’s sockets too', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const old = await openSocket(`${server.wsUrl}/${planId}`, { cookie: api.cookie!, origin: server.url })
    const login = await api.request('POST', '/api/auth/login', { email: api.user!.email, password: 'correct horse battery staple' })
    expect(login.status).toBe(200)
    expect((await old.closed).code).toBe(CloseCode.Unauthenticated)
  })

  it('closes a socket opened after a restart with a ticket minted before it', async () => {
    const dataDir = tempDataDir()
    const first = await spawnServer({ dataDir })
    let second: Awaited<ReturnType<typeof spawnServer>> | undefined
    try {
      const { api, planId } = await facilitatorWithPlan(first.url)
      const ticket = await api.ticket(planId)
      await first.stop()
      second = await spawnServer({ dataDir })
      const moved = api.at(second.url)
      const socket = await openSocket(`${second.wsUrl}/${planId}?ticket=${ticket}`)
      expect((await moved.request('POST', '/api/auth/logout')).status).toBe(204)
      expect((await socket.closed).code).toBe(CloseCode.Unauthenticated)
    } finally {
      await first.stop()
      await second?.stop()
    }
  })
})
