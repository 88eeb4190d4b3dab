import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPlan, createTestDeps, expectError, type TestContext } from './test-support'

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"

describe('the HTTP app', () => {
  let t: TestContext
  beforeEach(async () => {
    t = await createTestDeps()
  })
  afterEach(() => t.cleanup())

  it('answers the health check after querying the database', async () => {
    const response = await t.app.request('/api/health')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })
  })

  it('sends strict security headers on every response, errors included', async () => {
    for (const response of [await t.app.request('/api/health'), await t.app.request('/api/me'), await t.app.request('/')]) {
      expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      expect(response.headers.get('x-powered-by')).toBeNull()
    }
  })

  it('keeps API answers out of caches', async () => {
    const me = await t.signUp()
    expect((await me.get('/api/me')).headers.get('cache-control')).toBe('no-store')
    expect((await t.app.request('/api/nothing-here')).headers.get('cache-control')).toBe('no-store')
  })

  it('answers unknown API routes with a 404 ErrorBody', async () => {
    await expectError(await t.app.request('/api/nothing-here'), 404, 'not_found')
    await expectError(await t.app.request('/api/plans', { method: 'PUT' }), 404, 'not_found')
  })

  it('turns an unexpected failure into 500 internal, logged but not leaked', async () => {
    const me = await t.signUp()
    const plan = await createPlan(me)
    const logged = vi.spyOn(t.deps.log, 'error')
    vi.spyOn(t.deps.collab, 'renderPlan').mockRejectedValueOnce(new Error('SQLITE_CORRUPT at /var/lib/hononga'))
    const body = await expectError(await me.get(`/api/plans/${plan.id}/document`), 500, 'internal')
    expect(JSON.stringify(body)).not.toMatch(/SQLITE|hononga|at /)
    expect(logged).toHaveBeenCalledOnce()
  })

  it('says the client is not built when there is no build, within the CSP', async () => {
    const response = await t.app.request('/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    const html = await response.text()
    expect(html).toMatch(/not been built/)
    expect(html).not.toMatch(/<script|<style|style=/)
  })

  describe('with a built client', () => {
    let built: TestContext
    beforeEach(async () => {
      const dist = path.join(t.dataDir, 'dist')
      fs.mkdirSync(path.join(dist, 'assets'), { recursive: true })
      fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Hononga</title><div id="root"></div>')
      fs.writeFileSync(path.join(dist, 'assets', 'index-4f3a.js'), 'console.log("kia ora")')
      fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
      built = await createTestDeps({ env: { CLIENT_DIST: dist } })
    })
    afterEach(() => built.cleanup())

    it('serves index.html without caching, for / and for the client’s own routes', async () => {
      for (const url of ['/', '/plans/abc123def456', '/invite/some-code']) {
        const response = await built.app.request(url)
        expect(response.status).toBe(200)
        expect(response.headers.get('content-type')).toMatch(/text\/html/)
        expect(response.headers.get('cache-control')).toBe('no-cache')
        expect(await response.text()).toContain('<div id="root">')
        expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP)
      }
    })

    it('serves hashed assets with a long cache, and 404 for missing ones', async () => {
      const asset = await built.app.request('/assets/index-4f3a.js')
      expect(asset.status).toBe(200)
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      expect(await asset.text()).toContain('kia ora')
      expect((await built.app.request('/assets/missing.js')).status).toBe(404)
      const favicon = await built.app.request('/favicon.svg')
      expect(favicon.headers.get('content-type')).toMatch(/svg/)
    })

    it('never answers API or WebSocket paths with the client', async () => {
      await expectError(await built.app.request('/api/nothing-here'), 404, 'not_found')
      expect((await built.app.request('/ws')).headers.get('content-type') ?? '').not.toMatch(/html/)
      expect((await built.app.request('/api/health')).status).toBe(200)
    })

    it('refuses path traversal', async () => {
      const response = await built.app.request('/assets/..%2f..%2fhononga.db')
      expect(await response.text()).not.toContain('SQLite')
    })
  })
})
