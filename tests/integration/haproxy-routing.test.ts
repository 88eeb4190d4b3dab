import http from 'node:http'
import type net from 'node:net'
import { newId } from '@hononga/shared'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { describeWithServices, startHaproxy, type RunningHaproxy } from './support/haproxy'
import { waitFor } from './support/wait'

/**
 * deploy/haproxy.cfg routes every request for one plan to one process (ownership follows the hash),
 * spreads the rest, drains a process whose health check fails, and moves only that process's plans.
 * The processes here are tiny stand-ins that say who they are; the real multi-process suite puts
 * Hononga behind the same file.
 */

interface Backend {
  name: string
  address: string
  /** What `/api/health` answers: 200 when healthy, 503 when shutting down. */
  healthy: boolean
  close(): Promise<void>
}

/** What a stand-in answers on every path (and sends first on every WebSocket). */
interface Answer {
  name: string
  /** The `X-Hononga-Plan` header HAProxy set, if any. */
  plan: string | null
}

/** The plan ids each stand-in serves, from a plan → stand-in map. */
function plansBy(routes: Map<string, string>): Map<string, string[]> {
  const plans = new Map<string, string[]>()
  for (const [id, name] of routes) plans.set(name, [...(plans.get(name) ?? []), id])
  return plans
}

async function startBackend(name: string): Promise<Backend> {
  const sockets = new Set<net.Socket>()
  const webSockets = new WebSocketServer({ noServer: true })
  const answer = (request: http.IncomingMessage): Answer => ({ name, plan: request.headers['x-hononga-plan']?.toString() ?? null })
  const server = http.createServer((request, response) => {
    if (request.url === '/api/health') {
      response.writeHead(backend.healthy ? 200 : 503, { 'content-type': 'application/json' }).end('{}')
      return
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(request)))
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  server.on('upgrade', (request, socket, head) => {
    webSockets.handleUpgrade(request, socket, head, (webSocket) => webSocket.send(JSON.stringify(answer(request))))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const backend: Backend = {
    name,
    address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    healthy: true,
    close: async () => {
      webSockets.clients.forEach((client) => client.terminate())
      sockets.forEach((socket) => socket.destroy())
      await new Promise((resolve) => server.close(resolve))
    },
  }
  return backend
}

describeWithServices(
  'HAProxy routing (deploy/haproxy.cfg)',
  () => {
    const backends: Backend[] = []
    let haproxy: RunningHaproxy
    const planIds = Array.from({ length: 30 }, () => newId())
    /** Which stand-in each plan reached with every process up. */
    const home = new Map<string, string>()

    async function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
      const response = await fetch(`${haproxy.url}${path}`, { headers })
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
      return (await response.json()) as Answer
    }

    async function viaWebSocket(planId: string): Promise<Answer> {
      const socket = new WebSocket(`${haproxy.wsUrl}/${planId}`)
      try {
        return await new Promise<Answer>((resolve, reject) => {
          socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as Answer))
          socket.once('error', reject)
          socket.once('close', (code) => reject(new Error(`closed with ${code} before answering`)))
        })
      } finally {
        socket.terminate()
      }
    }

    /** Where each plan's HTTP requests go now (one request per plan id). */
    async function routes(): Promise<Map<string, string>> {
      const answers = await Promise.all(planIds.map((id) => get(`/api/plans/${id}/x`)))
      return new Map(planIds.map((id, index) => [id, answers[index]!.name]))
    }

    beforeAll(async () => {
      backends.push(...(await Promise.all(['hononga1', 'hononga2', 'hononga3'].map(startBackend))))
      haproxy = await startHaproxy({
        env: Object.fromEntries(backends.map((backend, index) => [`HONONGA_BACKEND_${index + 1}`, backend.address])),
      })
      // Requests naming no plan go round-robin: once every stand-in has answered one, all are in the ring.
      const seen = new Set<string>()
      await waitFor(async () => seen.add((await get('/api/me')).name).size === 3, { message: 'all three stand-ins to be up' })
    })

    afterAll(async () => {
      await haproxy?.stop()
      await Promise.all(backends.map((backend) => backend.close()))
    })

    it('sends every request for one plan to one process, over HTTP and WebSocket, and spreads plans', async () => {
      for (const id of planIds) {
        const answers = [
          await get(`/api/plans/${id}/x`),
          await get(`/api/plans/${id}`),
          await get(`/api/plans/${id}/members/someone?x=1`),
          await viaWebSocket(id),
          await get(`/api/plans/${id}/x`),
          await viaWebSocket(id),
        ]
        expect(new Set(answers.map((answer) => answer.name)).size, `plan ${id}: ${JSON.stringify(answers)}`).toBe(1)
        expect(answers.map((answer) => answer.plan)).toEqual(answers.map(() => id))
        home.set(id, answers[0]!.name)
      }
      const perBackend = plansBy(home)
      expect(perBackend.size, JSON.stringify([...perBackend])).toBeGreaterThanOrEqual(2)
    })

    it('spreads requests naming no plan round-robin, and ignores a routing header a client sends', async () => {
      const answers = await Promise.all(
        ['/api/me', '/api/plans', '/', '/assets/app.js', '/api/plans/import', '/api/me', '/api/plans', '/'].map((path) =>
          get(path, { 'X-Hononga-Plan': planIds[0]! }),
        ),
      )
      expect(new Set(answers.map((answer) => answer.name)).size).toBeGreaterThanOrEqual(2)
      expect(answers.map((answer) => answer.plan)).toEqual(answers.map(() => null))
    })

    it('drains a process whose health check fails, moves only its plans, and gives them back', async () => {
      expect(home.size).toBe(planIds.length)
      const perBackend = plansBy(home)
      const count = (backend: Backend) => perBackend.get(backend.name)?.length ?? 0
      const sick = backends.reduce((most, backend) => (count(backend) > count(most) ? backend : most))
      const moving = perBackend.get(sick.name)!
      expect(moving.length).toBeGreaterThan(0)
      sick.healthy = false

      const drained = await waitFor(
        async () => {
          const now = await routes()
          return [...now.values()].includes(sick.name) ? null : now
        },
        { timeoutMs: 15_000, intervalMs: 200, message: `HAProxy to stop sending plans to ${sick.name}` },
      )
      for (const id of planIds) {
        if (home.get(id) === sick.name) expect(drained.get(id)).not.toBe(sick.name)
        else expect(drained.get(id), `plan ${id} stayed where it was`).toBe(home.get(id))
      }
      for (const id of moving) expect((await viaWebSocket(id)).name).toBe(drained.get(id))

      // A process that is healthy again takes its plans back (and only those move).
      sick.healthy = true
      await waitFor(async () => [...(await routes())].every(([id, name]) => name === home.get(id)), {
        timeoutMs: 15_000,
        intervalMs: 200,
        message: `${sick.name}'s plans to come back to it`,
      })
    })

    it('answers 503 plan_unavailable with Retry-After when no process is up', async () => {
      for (const backend of backends) backend.healthy = false
      try {
        const response = await waitFor(
          async () => {
            const answer = await fetch(`${haproxy.url}/api/plans/${planIds[0]}/x`)
            return answer.status === 503 ? answer : null
          },
          { timeoutMs: 15_000, intervalMs: 200, message: 'HAProxy to find no process up' },
        )
        expect(response.headers.get('content-type')).toBe('application/json')
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
        const body = (await response.json()) as { error: { code: string; message: string } }
        expect(body.error.code).toBe('plan_unavailable')
        expect(body.error.message).toMatch(/nothing has been lost/)
      } finally {
        for (const backend of backends) backend.healthy = true
      }
      await waitFor(async () => (await fetch(`${haproxy.url}/api/plans/${planIds[0]}/x`)).ok, {
        timeoutMs: 15_000,
        intervalMs: 200,
        message: 'a process to be up again',
      })
    })
  },
  ['haproxy'],
)
