import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient } from './support/api'
import { inProcessServer } from './support/server'

const TOKEN = 'metrics-token-for-tests-0123456789'
let server: Awaited<ReturnType<typeof inProcessServer>>
beforeAll(async () => {
  server = await inProcessServer({ METRICS_TOKEN: TOKEN })
})
afterAll(async () => {
  await server.close()
})

describe('operations', () => {
  it('health answers and every response carries the security headers', async () => {
    const response = await fetch(`${server.url}/api/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })
    const csp = response.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('metrics exist only for the bearer of METRICS_TOKEN', async () => {
    expect((await fetch(`${server.url}/api/metrics`)).status).toBe(404)
    expect((await fetch(`${server.url}/api/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(404)
    const api = await new ApiClient(server.url).register()
    await api.createPlan()
    const response = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ plansInMemory: expect.any(Number), connections: 0, rssBytes: expect.any(Number) })
  })

  it('unknown API routes and unknown methods answer the error shape', async () => {
    const api = new ApiClient(server.url)
    const response = await api.request('GET', '/api/nothing-here')
    expect(response.status).toBe(404)
    expect(response.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
  })
})
