import type { Me } from '@hononga/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../db/sessions'
import { sessions } from '../db/schema'
import { TEST_PASSWORD, TestClient, createTestDeps, expectError, type TestContext } from '../test-support'

describe('accounts and sessions', () => {
  let t: TestContext
  beforeEach(async () => {
    t = await createTestDeps({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_MS: '60000' } })
  })
  afterEach(() => t.cleanup())

  it('registers, reads /api/me, logs out, and logs back in', async () => {
    const client = t.client()
    const response = await client.post('/api/auth/register', {
      email: '  Mere.Tipene@Example.NZ ',
      name: 'Mere Tipene',
      password: TEST_PASSWORD,
    })
    const me = await TestClient.json<Me>(response, 201)
    expect(me).toEqual({ id: expect.any(String), email: 'mere.tipene@example.nz', name: 'Mere Tipene' })

    const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`))
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).toMatch(/Max-Age=2592000/)
    expect(cookie).not.toMatch(/Secure/)
    expect(client.cookie).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // The database holds the token's hash, not the token.
    const [row] = t.db.select().from(sessions).all()
    expect(row?.id).toMatch(/^[0-9a-f]{64}$/)
    expect(row?.id).not.toBe(client.cookie)

    // GET /api/me adds the account's verification, whether mail is on (issue 14) and its language.
    expect(await TestClient.json<Me>(await client.get('/api/me'))).toEqual({
      ...me,
      emailVerified: false,
      mailEnabled: false,
      language: 'en',
    })

    const logout = await client.post('/api/auth/logout')
    expect(logout.status).toBe(204)
    expect(client.cookie).toBeNull()
    expect(t.db.select().from(sessions).all()).toEqual([])
    await expectError(await client.get('/api/me'), 401, 'unauthenticated')

    const login = await client.login('MERE.TIPENE@example.nz')
    expect(await TestClient.json<Me>(login)).toEqual(me)
    expect((await client.get('/api/me')).status).toBe(200)
  })

  it('keeps the Māori macrons of a name intact', async () => {
    const me = await t.client().register({ name: 'Āperahama Tūhoe-Pōtae' })
    expect(me.name).toBe('Āperahama Tūhoe-Pōtae')
  })

  it('sets the Secure flag when configured', async () => {
    const secure = await createTestDeps({ env: { COOKIE_SECURE: 'true' } })
    try {
      const response = await secure.client().post('/api/auth/register', {
        email: 'secure@example.nz',
        name: 'Secure',
        password: TEST_PASSWORD,
      })
      expect(response.headers.get('set-cookie')).toMatch(/;\s*Secure/i)
    } finally {
      await secure.cleanup()
    }
  })

  it('answers 409 email_taken for an email already registered, whatever its case', async () => {
    await t.client().register({ email: 'taken@example.nz' })
    const again = await t.client().post('/api/auth/register', { email: 'TAKEN@example.nz', name: 'B', password: TEST_PASSWORD })
    await expectError(again, 409, 'email_taken')
  })

  it('answers 401 invalid_credentials for a wrong password or an unknown email, alike', async () => {
    await t.client().register({ email: 'known@example.nz' })
    const wrong = await expectError(await t.client().login('known@example.nz', 'wrong password!'), 401, 'invalid_credentials')
    const unknown = await expectError(await t.client().login('nobody@example.nz'), 401, 'invalid_credentials')
    expect(wrong.error.message).toBe(unknown.error.message)
  })

  it('rejects malformed JSON with 400 invalid_json', async () => {
    const response = await t.client().request('POST', '/api/auth/register', {
      body: '{"email": "a@example.nz",',
      headers: { 'content-type': 'application/json' },
    })
    await expectError(response, 400, 'invalid_json')
  })

  it('rejects a body that fails validation with 400 validation_failed naming the fields', async () => {
    const response = await t.client().post('/api/auth/register', { email: 'not-an-email', name: '', password: 'short' })
    const body = await expectError(response, 400, 'validation_failed')
    expect(body.error.message).toContain('email')
    expect(body.error.message).toContain('name')
    expect(body.error.message).toContain('password')
  })

  it('rejects a body larger than HTTP_MAX_BODY_BYTES with 413 payload_too_large', async () => {
    const small = await createTestDeps({ env: { HTTP_MAX_BODY_BYTES: '2048' } })
    try {
      const response = await small.client().post('/api/auth/register', {
        email: 'big@example.nz',
        name: 'x'.repeat(4000),
        password: TEST_PASSWORD,
      })
      await expectError(response, 413, 'payload_too_large')
      // Also when the client declares the length up front.
      const declared = await small.client().request('POST', '/api/auth/login', {
        body: 'x'.repeat(4000),
        headers: { 'content-length': '4000' },
      })
      await expectError(declared, 413, 'payload_too_large')
    } finally {
      await small.cleanup()
    }
  })

  describe('login throttling', () => {
    it('answers 429 with Retry-After after LOGIN_MAX_FAILURES failures, before checking the password', async () => {
      await t.client().register({ email: 'target@example.nz' })
      for (let i = 0; i < 3; i++) {
        await expectError(await t.client().login('target@example.nz', 'guess number ' + i), 401, 'invalid_credentials')
        t.clock.advance(1000)
      }
      // Even the right password is refused while locked: the guesser learns nothing.
      const locked = await t.client().login('target@example.nz')
      await expectError(locked, 429, 'rate_limited')
      expect(locked.headers.get('retry-after')).toBe('57')

      // Once the window has passed since the first failure, the right password works again.
      t.clock.advance(57_000)
      expect((await t.client().login('target@example.nz')).status).toBe(200)
    })

    it('a success clears the email’s failures', async () => {
      await t.client().register({ email: 'forgetful@example.nz' })
      for (let i = 0; i < 2; i++) await t.client().login('forgetful@example.nz', 'not it at all')
      expect((await t.client().login('forgetful@example.nz')).status).toBe(200)
      // Two more failures are allowed again for this email (the address counter has 2 of 3).
      await expectError(await t.client().login('forgetful@example.nz', 'not it at all'), 401, 'invalid_credentials')
    })

    it('also counts failures per client address, across emails', async () => {
      for (const email of ['a@example.nz', 'b@example.nz', 'c@example.nz']) {
        await expectError(await t.client().login(email, 'whatever1'), 401, 'invalid_credentials')
      }
      const response = await t.client().login('d@example.nz', 'whatever1')
      await expectError(response, 429, 'rate_limited')
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    })

    it('limits registrations per address', async () => {
      for (let i = 0; i < 20; i++) await t.client().register()
      const response = await t.client().post('/api/auth/register', {
        email: 'one-more@example.nz',
        name: 'One more',
        password: TEST_PASSWORD,
      })
      await expectError(response, 429, 'rate_limited')
      expect(response.headers.get('retry-after')).toBe('3600')
    })
  })

  describe('sessions', () => {
    it('expires after SESSION_TTL_MS and deletes the expired row', async () => {
      const client = await t.signUp()
      t.clock.advance(t.deps.config.sessionTtlMs)
      const response = await client.get('/api/me')
      await expectError(response, 401, 'unauthenticated')
      expect(t.db.select().from(sessions).all()).toEqual([])
      // The dead cookie is cleared.
      expect(client.cookie).toBeNull()
    })

    it('slides the expiry forward at most once a day', async () => {
      const client = await t.signUp()
      const [before] = t.db.select().from(sessions).all()
      t.clock.advance(3600_000)
      const early = await client.get('/api/me')
      expect(early.headers.get('set-cookie')).toBeNull()
      t.clock.advance(24 * 3600_000)
      const later = await client.get('/api/me')
      expect(later.headers.get('set-cookie')).toMatch(/Max-Age=2592000/)
      const [after] = t.db.select().from(sessions).all()
      expect(after!.expiresAt - before!.expiresAt).toBe(25 * 3600_000)
      // Used every few weeks, a session outlives its first 30 days.
      t.clock.advance(t.deps.config.sessionTtlMs - 1000)
      expect((await client.get('/api/me')).status).toBe(200)
    })

    it('ignores a forged or malformed cookie', async () => {
      const forged = t.client()
      forged.cookie = 'A'.repeat(43)
      await expectError(await forged.get('/api/me'), 401, 'unauthenticated')
      const malformed = t.client()
      malformed.cookie = '../../etc/passwd'
      await expectError(await malformed.get('/api/me'), 401, 'unauthenticated')
    })

    it('replaces an existing session on login (no session fixation)', async () => {
      const client = t.client()
      const me = await client.register()
      const first = client.cookie
      await TestClient.json(await client.login(me.email))
      expect(client.cookie).not.toBe(first)
      const old = t.client()
      old.cookie = first
      expect((await old.get('/api/me')).status).toBe(401)
      expect(t.db.select().from(sessions).all()).toHaveLength(1)
    })
  })

  describe('CSRF', () => {
    it('refuses a cookie-authenticated POST from a foreign Origin', async () => {
      const client = await t.signUp()
      const response = await client.post('/api/plans', { title: 'x', community: 'y' }, { origin: 'https://evil.example' })
      await expectError(response, 403, 'csrf_rejected')
    })

    it('refuses a cookie-authenticated POST without an Origin', async () => {
      const client = await t.signUp()
      await expectError(await client.post('/api/auth/logout', undefined, { origin: null }), 403, 'csrf_rejected')
      // The session survived the refused logout.
      expect((await client.get('/api/me')).status).toBe(200)
    })

    it('accepts the request’s own origin and configured public origins', async () => {
      const withPublic = await createTestDeps({ env: { PUBLIC_ORIGIN: 'https://hononga.example.nz/' } })
      try {
        const client = await withPublic.signUp()
        expect((await client.post('/api/auth/logout', undefined, { origin: 'https://hononga.example.nz' })).status).toBe(204)
        const other = await withPublic.signUp()
        expect((await other.post('/api/auth/logout', undefined, { origin: 'http://localhost' })).status).toBe(204)
      } finally {
        await withPublic.cleanup()
      }
    })

    it('refuses a foreign Origin even without a cookie (login CSRF)', async () => {
      const me = await t.client().register()
      const response = await t.client({ origin: 'https://evil.example' }).login(me.email)
      await expectError(response, 403, 'csrf_rejected')
    })

    it('lets a non-browser client without cookie or Origin sign in', async () => {
      const me = await t.client().register()
      const response = await t.client({ origin: null }).login(me.email)
      expect(response.status).toBe(200)
    })

    it('does not apply to safe methods', async () => {
      const client = await t.signUp()
      expect((await client.get('/api/me', { origin: 'https://evil.example' })).status).toBe(200)
    })
  })
})
