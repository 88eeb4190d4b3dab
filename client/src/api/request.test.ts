import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Me, NoContent } from '@hononga/shared'
import { ApiError, BAD_RESPONSE, NetworkError, request } from './request'

/** What the real HTTP server below answers, by path: status, body text and headers. */
const ANSWERS: Record<string, { status: number; body?: string; headers?: Record<string, string> }> = {
  '/me': { status: 200, body: JSON.stringify({ id: 'u1', email: 'a@b.nz', name: 'Aroha', extra: 'stripped' }) },
  '/me-wrong': { status: 200, body: JSON.stringify({ id: 'u1', email: 'a@b.nz' }) },
  '/not-json': { status: 200, body: '<html>proxy error</html>' },
  '/gone': { status: 204 },
  '/busy': {
    status: 429,
    body: JSON.stringify({ error: { code: 'rate_limited', message: 'Slow down' } }),
    headers: { 'retry-after': '3' },
  },
  '/broken': { status: 502, body: 'Bad gateway' },
}

let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = ANSWERS[req.url ?? ''] ?? {
      status: 404,
      body: JSON.stringify({ error: { code: 'not_found', message: 'No such thing' } }),
    }
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
    res.end(answer.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => error,
  )
}

describe('request', () => {
  it('resolves with the parsed answer, unknown fields stripped', async () => {
    await expect(request('GET', `${base}/me`, () => Me)).resolves.toEqual({ id: 'u1', email: 'a@b.nz', name: 'Aroha' })
  })

  it('loads a schema given as a loader', async () => {
    await expect(request('GET', `${base}/me`, () => Promise.resolve(Me))).resolves.toMatchObject({ name: 'Aroha' })
  })

  it('picks its schema from the response schemas, loaded with the request', async () => {
    await expect(request('GET', `${base}/me`, (schemas) => schemas.Me)).resolves.toEqual({ id: 'u1', email: 'a@b.nz', name: 'Aroha' })
  })

  it('turns an answer of the wrong shape into an ApiError bad_response, naming the field', async () => {
    const error = await failure(request('GET', `${base}/me-wrong`, () => Me))
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 200, code: BAD_RESPONSE })
    expect((error as ApiError).message).toMatch(/name/)
  })

  it('turns an answer that is not JSON into bad_response', async () => {
    await expect(failure(request('GET', `${base}/not-json`, () => Me))).resolves.toMatchObject({ code: BAD_RESPONSE })
  })

  it('resolves 204 with nothing, and refuses a body where nothing was promised', async () => {
    await expect(request('DELETE', `${base}/gone`, () => NoContent)).resolves.toBeUndefined()
    await expect(failure(request('GET', `${base}/me`, () => NoContent))).resolves.toMatchObject({ code: BAD_RESPONSE })
  })

  it('keeps the code, message and Retry-After of an error answer', async () => {
    await expect(failure(request('GET', `${base}/busy`, () => Me))).resolves.toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: 'Slow down',
      retryAfterMs: 3000,
    })
    await expect(failure(request('GET', `${base}/nothing-here`, () => Me))).resolves.toMatchObject({ status: 404, code: 'not_found' })
  })

  it('reads an error answer that is not the contract as internal', async () => {
    await expect(failure(request('GET', `${base}/broken`, () => Me))).resolves.toMatchObject({
      status: 502,
      code: 'internal',
      message: 'Bad Gateway',
    })
  })

  it('reports an unreachable server as a NetworkError', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    await expect(failure(request('GET', `http://127.0.0.1:${port}/me`, () => Me))).resolves.toBeInstanceOf(NetworkError)
  })
})
