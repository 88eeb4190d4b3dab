import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../../server/src/db/sessions'
import { createLogger } from '../../server/src/log'
import { sqliteRepositories } from '../../server/src/repos/sqlite'
import type { Repositories } from '../../server/src/repos/types'
import { ApiClient } from './support/api'
import { OidcBrowser } from './support/oidc-browser'
import { freePort, startTestIdp, type TestIdp } from './support/oidc-provider'
import { inProcessServer } from './support/server'

/**
 * Organisation sign-in against a real OpenID provider (oidc-provider) on loopback, over HTTP
 * with redirects followed by hand and the provider's own login and consent forms: accounts
 * are made and found by issuer and subject; a wrong state, a replayed code and an expired ID
 * token sign nobody in; an email claim links to an existing account only from a trusted
 * provider; a domain that must sign in through its organisation cannot use a password.
 */

const PASSWORD = 'correct horse battery staple'
let idp: TestIdp
let server: Awaited<ReturnType<typeof inProcessServer>>
let repos: Repositories
let origin: string
let host: string
/** The server's log lines: a refused sign-in must be logged with its reason. */
const logs: Record<string, unknown>[] = []

/** The reason of the last refused sign-in the server logged. */
const lastRefusal = () => String(logs.filter((line) => line.event === 'oidc.refused').at(-1)?.reason)

beforeAll(async () => {
  const port = await freePort()
  origin = `http://127.0.0.1:${port}`
  host = `127.0.0.1:${port}`
  const client = (id: string) => ({
    clientId: `hononga-${id}`,
    clientSecret: `secret-${id}`,
    redirectUri: `${origin}/api/auth/oidc/${id}/callback`,
  })
  idp = await startTestIdp(
    [client('test'), client('trusted')],
    [
      { sub: 'aroha', email: 'Aroha@Iwi.example.nz', email_verified: true, name: 'Aroha Ngata' },
      { sub: 'replay', email: 'replay@iwi.example.nz', email_verified: true, name: 'Tipene' },
      { sub: 'mallory', email: 'victim@example.nz', email_verified: true, name: 'Not the victim' },
      { sub: 'rawiri', email: 'rawiri@agency.example.nz', email_verified: true, name: 'Rāwiri' },
      { sub: 'unverified', email: 'wiremu@agency.example.nz', email_verified: false, name: 'Wiremu' },
      { sub: 'late', email: 'late@iwi.example.nz', email_verified: true, name: 'Late' },
      { sub: 'hana', email: 'hana@police.example.nz', email_verified: true, name: 'Hana' },
      { sub: 'hemi', email: 'hemi@police.example.nz', email_verified: true, name: 'Hemi' },
    ],
  )
  const providers = [
    { id: 'test', label: 'Test IdP', issuer: idp.issuer, clientId: 'hononga-test', clientSecret: 'secret-test' },
    {
      id: 'trusted',
      label: 'Trusted IdP',
      issuer: idp.issuer,
      clientId: 'hononga-trusted',
      clientSecret: 'secret-trusted',
      trustEmail: true,
    },
  ]
  // A silent logger whose warnings are also kept here.
  const log = createLogger('silent')
  const warn = log.warn.bind(log)
  log.warn = ((entry: unknown, ...rest: never[]) => {
    if (entry && typeof entry === 'object') logs.push(entry as Record<string, unknown>)
    return warn(entry as never, ...rest)
  }) as typeof log.warn
  server = await inProcessServer({ PORT: String(port), PUBLIC_ORIGIN: origin, OIDC_PROVIDERS: JSON.stringify(providers) }, undefined, {
    log,
  })
  repos = sqliteRepositories(server.db!)
}, 60_000)

afterAll(async () => {
  await server?.close()
  await idp?.close()
})

/** Starts a sign-in through `providerId` and logs in at the provider as `login`; returns the callback URL, not yet visited. */
async function toCallback(browser: OidcBrowser, providerId: string, login: string, returnTo = '/plans'): Promise<string> {
  const start = await browser.request(`${origin}/api/auth/oidc/${providerId}/start?returnTo=${encodeURIComponent(returnTo)}`)
  expect(start.status).toBe(302)
  const location = start.headers.get('location')!
  expect(location.startsWith(`${idp.issuer}/`)).toBe(true)
  const authorize = new URL(location)
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
  expect(authorize.searchParams.get('state')).toBeTruthy()
  expect(authorize.searchParams.get('nonce')).toBeTruthy()
  return browser.throughProvider(location, login, `${origin}/api/auth/oidc/${providerId}/callback`)
}

/** Visits the callback; returns where Hononga sent the browser. */
async function finish(browser: OidcBrowser, callback: string): Promise<string> {
  const response = await browser.request(callback)
  expect(response.status).toBe(302)
  return response.headers.get('location')!
}

async function me(browser: OidcBrowser): Promise<{ status: number; body: { id?: string; email?: string; name?: string } }> {
  const response = await browser.request(`${origin}/api/me`)
  return { status: response.status, body: (await response.json()) as { id?: string; email?: string; name?: string } }
}

async function identities(): Promise<{ issuer: string; subject: string; user_id: string; provider_id: string }[]> {
  return server.db!.$client.prepare('SELECT issuer, subject, user_id, provider_id FROM oidc_identities ORDER BY subject').all() as never
}

async function register(email: string, name = 'Local Person'): Promise<ApiClient> {
  const api = new ApiClient(origin)
  const response = await api.request<{ id: string; email: string; name: string }>('POST', '/api/auth/register', {
    email,
    name,
    password: PASSWORD,
  })
  expect(response.status).toBe(201)
  api.user = response.body
  return api
}

describe('organisation sign-in', () => {
  it('lists the configured providers for the sign-in page', async () => {
    const response = await new ApiClient(origin).request('GET', '/api/auth/oidc/providers')
    expect(response.status).toBe(200)
    expect(response.body).toEqual([
      { id: 'test', label: 'Test IdP' },
      { id: 'trusted', label: 'Trusted IdP' },
    ])
    expect((await new ApiClient(origin).request('GET', '/api/auth/oidc/nope/start')).status).toBe(404)
  })

  it('makes and links an account on first sign-in, and finds it by issuer and subject the next time', async () => {
    const first = new OidcBrowser()
    const callback = await toCallback(first, 'test', 'aroha', '/plans/abc?tab=actions')
    expect(first.cookie(host, 'hononga_oidc')).toBeTruthy()
    expect(await finish(first, callback)).toBe('/plans/abc?tab=actions')
    expect(first.cookie(host, 'hononga_oidc')).toBeUndefined()
    expect(first.cookie(host, SESSION_COOKIE)).toBeTruthy()
    const signedIn = await me(first)
    expect(signedIn.status).toBe(200)
    expect(signedIn.body).toMatchObject({ email: 'aroha@iwi.example.nz', name: 'Aroha Ngata' })
    expect((await identities()).filter((row) => row.subject === 'aroha')).toEqual([
      { issuer: idp.issuer, subject: 'aroha', user_id: signedIn.body.id, provider_id: 'test' },
    ])
    // No password opens the account made this way.
    const login = await new ApiClient(origin).request('POST', '/api/auth/login', { email: 'aroha@iwi.example.nz', password: '!' })
    expect(login.status).toBe(401)

    const second = new OidcBrowser()
    expect(await finish(second, await toCallback(second, 'test', 'aroha'))).toBe('/plans')
    expect((await me(second)).body.id).toBe(signedIn.body.id)
    expect((await identities()).filter((row) => row.subject === 'aroha')).toHaveLength(1)
  })

  it('never returns to another origin', async () => {
    const browser = new OidcBrowser()
    expect(await finish(browser, await toCallback(browser, 'test', 'aroha', '//evil.example/steal'))).toBe('/plans')
  })

  it('signs nobody in for a wrong state, or without the flow cookie', async () => {
    const browser = new OidcBrowser()
    const callback = new URL(await toCallback(browser, 'test', 'aroha'))
    callback.searchParams.set('state', 'not-the-state')
    expect(await finish(browser, callback.href)).toBe('/sign-in?error=oidc_failed')
    expect(lastRefusal()).toMatch(/state/i)
    expect(browser.cookie(host, SESSION_COOKIE)).toBeUndefined()
    expect((await me(browser)).status).toBe(401)

    // A callback URL taken to another browser (no signed flow cookie there).
    const victim = new OidcBrowser()
    const stolen = await toCallback(victim, 'test', 'aroha')
    const other = new OidcBrowser()
    expect(await finish(other, stolen)).toBe('/sign-in?error=oidc_failed')
    expect((await me(other)).status).toBe(401)
    // A forged flow cookie is refused too.
    const forger = new OidcBrowser()
    const forged = await toCallback(forger, 'test', 'aroha')
    forger.setCookie(host, 'hononga_oidc', `${forger.cookie(host, 'hononga_oidc')!.split('.')[0]}.AAAA`)
    expect(await finish(forger, forged)).toBe('/sign-in?error=oidc_failed')
    expect((await me(forger)).status).toBe(401)
  })

  it('refuses a replayed authorization code, even with its flow cookie', async () => {
    const browser = new OidcBrowser()
    const callback = await toCallback(browser, 'test', 'replay')
    const flowCookie = browser.cookie(host, 'hononga_oidc')!
    expect(await finish(browser, callback)).toBe('/plans')
    expect((await me(browser)).status).toBe(200)

    const attacker = new OidcBrowser()
    attacker.setCookie(host, 'hononga_oidc', flowCookie)
    expect(await finish(attacker, callback)).toBe('/sign-in?error=oidc_failed')
    expect(lastRefusal()).toMatch(/invalid_grant/)
    expect(attacker.cookie(host, SESSION_COOKIE)).toBeUndefined()
    expect((await me(attacker)).status).toBe(401)
  })

  it('does not link an email claim from an untrusted provider to an existing account', async () => {
    const victim = await register('victim@example.nz', 'The Victim')
    const browser = new OidcBrowser()
    expect(await finish(browser, await toCallback(browser, 'test', 'mallory'))).toBe('/sign-in?error=oidc_email_taken')
    expect((await me(browser)).status).toBe(401)
    expect((await identities()).some((row) => row.subject === 'mallory' || row.user_id === victim.user!.id)).toBe(false)
  })

  it('links a verified email claim from a trusted provider to the existing account', async () => {
    const local = await register('rawiri@agency.example.nz', 'Rāwiri')
    const browser = new OidcBrowser()
    expect(await finish(browser, await toCallback(browser, 'trusted', 'rawiri'))).toBe('/plans')
    expect((await me(browser)).body.id).toBe(local.user!.id)
    expect((await identities()).filter((row) => row.subject === 'rawiri')).toEqual([
      { issuer: idp.issuer, subject: 'rawiri', user_id: local.user!.id, provider_id: 'trusted' },
    ])

    // The same provider saying the email is unverified links nothing.
    await register('wiremu@agency.example.nz', 'Wiremu')
    const unverified = new OidcBrowser()
    expect(await finish(unverified, await toCallback(unverified, 'trusted', 'unverified'))).toBe('/sign-in?error=oidc_email_taken')
    expect((await me(unverified)).status).toBe(401)
    // Nor does it make an account with an unverified address nobody has yet.
    idp.users.set('unclaimed', { sub: 'unclaimed', email: 'nobody-yet@agency.example.nz', email_verified: false, name: 'Unclaimed' })
    const unclaimed = new OidcBrowser()
    expect(await finish(unclaimed, await toCallback(unclaimed, 'test', 'unclaimed'))).toBe('/sign-in?error=oidc_no_email')
    expect(await repos.users.findUserByEmail('nobody-yet@agency.example.nz')).toBeNull()
  })

  it('refuses an expired ID token and makes no account', async () => {
    // The provider signs ID tokens that expired two minutes ago (past the 30 s clock tolerance).
    idp.idTokenTtlSeconds = -120
    try {
      const browser = new OidcBrowser()
      expect(await finish(browser, await toCallback(browser, 'test', 'late'))).toBe('/sign-in?error=oidc_failed')
      expect(lastRefusal()).toMatch(/claim=exp/)
      expect((await me(browser)).status).toBe(401)
      expect(await repos.users.findUserByEmail('late@iwi.example.nz')).toBeNull()
    } finally {
      idp.idTokenTtlSeconds = 300
    }
    // The same person, with a fresh token, gets in.
    const again = new OidcBrowser()
    expect(await finish(again, await toCallback(again, 'test', 'late'))).toBe('/plans')
  })

  it('requires organisation sign-in for an email domain an administrator names', async () => {
    const existing = await register('hana@police.example.nz', 'Hana')
    const admin = await register('admin@hononga.example.nz', 'Admin')
    await repos.districts.grantAdmin(admin.user!.id, Date.now())

    expect((await existing.request('PUT', '/api/admin/sso-domains/police.example.nz', { providerId: 'test' })).status).toBe(404)
    expect((await admin.request('PUT', '/api/admin/sso-domains/police.example.nz', { providerId: 'nope' })).status).toBe(400)
    expect((await admin.request('PUT', '/api/admin/sso-domains/not a domain', { providerId: 'test' })).status).toBe(400)
    const set = await admin.request('PUT', '/api/admin/sso-domains/Police.Example.NZ', { providerId: 'test' })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({ domain: 'police.example.nz', providerId: 'test' })
    expect((await admin.request('GET', '/api/admin/sso-domains')).body).toMatchObject({
      domains: [{ domain: 'police.example.nz', providerId: 'test' }],
    })
    expect(await repos.settings.findSsoDomain('police.example.nz')).toMatchObject({ providerId: 'test' })

    const login = await new ApiClient(origin).request<{ error: { code: string; message: string } }>('POST', '/api/auth/login', {
      email: 'hana@police.example.nz',
      password: PASSWORD,
    })
    expect(login.status).toBe(409)
    expect(login.body.error.code).toBe('sso_required')
    expect(login.body.error.message).toContain('Test IdP')
    const registration = await new ApiClient(origin).request<{ error: { code: string } }>('POST', '/api/auth/register', {
      email: 'new@police.example.nz',
      name: 'New',
      password: PASSWORD,
    })
    expect(registration.status).toBe(409)
    expect(registration.body.error.code).toBe('sso_required')

    // Another provider may not make or enter an account in that domain; the named one may.
    const elsewhere = new OidcBrowser()
    expect(await finish(elsewhere, await toCallback(elsewhere, 'trusted', 'hemi'))).toBe('/sign-in?error=oidc_wrong_provider')
    const through = new OidcBrowser()
    expect(await finish(through, await toCallback(through, 'test', 'hemi'))).toBe('/plans')
    expect((await me(through)).body.email).toBe('hemi@police.example.nz')

    expect((await admin.request('DELETE', '/api/admin/sso-domains/police.example.nz')).status).toBe(204)
    expect((await admin.request('DELETE', '/api/admin/sso-domains/police.example.nz')).status).toBe(404)
    const after = await new ApiClient(origin).request('POST', '/api/auth/login', { email: 'hana@police.example.nz', password: PASSWORD })
    expect(after.status).toBe(200)
  })
})
