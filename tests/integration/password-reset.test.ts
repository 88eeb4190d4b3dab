import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import type { ParsedMail } from 'mailparser'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloseCode } from '@hononga/shared'
import { sqliteRepositories } from '../../server/src/repos/sqlite'
import type { Repositories } from '../../server/src/repos/types'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { inProcessServer } from './support/server'
import { startSmtpServer, type SmtpServer } from './support/smtp'
import { waitFor } from './support/wait'

/**
 * Password reset and email verification (issue 14) on the real server: with a real SMTP server
 * on loopback receiving the mail, and without mail, where an administrator or the operator
 * makes the link by hand.
 */

const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '../..')
const OLD_PASSWORD = 'correct horse battery staple'
const NEW_PASSWORD = 'kahikatea rangi moana tekau mā rua'
const NOT_VALID = { code: 'invalid_token', message: expect.stringContaining('not valid') }

type Server = Awaited<ReturnType<typeof inProcessServer>>

function tokenIn(mail: ParsedMail, page: string): string {
  const match = new RegExp(`${page}#token=([A-Za-z0-9_-]+)`).exec(mail.text ?? '')
  if (!match) throw new Error(`no ${page} link in: ${mail.text}`)
  return match[1]!
}

const to = (address: string) => (mail: ParsedMail) => mail.to !== undefined && JSON.stringify(mail.to).includes(address)

function outboxCount(server: Server, address: string): number {
  return server.db!.$client.prepare<[string], { n: number }>('SELECT count(*) AS n FROM email_outbox WHERE to_address = ?').get(address)!.n
}

describe('with mail on', () => {
  let smtp: SmtpServer
  let server: Server
  let repos: Repositories
  beforeAll(async () => {
    smtp = await startSmtpServer()
    server = await inProcessServer({ SMTP_URL: smtp.url, MAIL_FROM: 'Hononga <no-reply@hononga.test>' })
    repos = sqliteRepositories(server.db!)
  })
  afterAll(async () => {
    await server?.close()
    await smtp?.close()
  })

  it('emails a link that resets the password, ends the other sessions and sockets, and works once', async () => {
    const { api, planId } = await facilitatorWithPlan(server.url)
    const email = api.user!.email
    // The same person on another device, with a plan open through the stock y-websocket client.
    const otherDevice = new ApiClient(server.url)
    expect((await otherDevice.request('POST', '/api/auth/login', { email, password: OLD_PASSWORD })).status).toBe(200)
    const closes: number[] = []
    const provider = new WebsocketProvider(server.wsUrl, planId, new Y.Doc(), {
      params: { ticket: await otherDevice.ticket(planId) },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      connect: true,
    })
    provider.on('connection-close', (event) => void (event && closes.push(event.code)))
    try {
      await waitFor(() => provider.synced, { message: 'the other device synced' })

      const stranger = new ApiClient(server.url)
      const asked = await stranger.request('POST', '/api/auth/password-reset', { email: email.toUpperCase() })
      expect(asked).toMatchObject({ status: 202, body: { mail: true } })
      const mail = await smtp.waitForMessage((m) => to(email)(m) && m.subject === 'Reset your Hononga password')
      expect(mail.html).toContain('lang="en"')
      const token = tokenIn(mail, '/reset-password')

      // A guessable password is refused and the link still works afterwards.
      const weak = await stranger.request('POST', '/api/auth/password-reset/complete', { token, password: 'password12345' })
      expect(weak.status).toBe(400)
      expect(weak.body).toMatchObject({ error: { code: 'validation_failed' } })

      const done = await stranger.request('POST', '/api/auth/password-reset/complete', { token, password: NEW_PASSWORD })
      expect(done).toMatchObject({ status: 200, body: { id: api.user!.id, email } })
      // Signed in afresh in the browser that followed the link.
      expect((await stranger.request('GET', '/api/me')).body).toMatchObject({ id: api.user!.id })

      // Every other session has ended, and the open socket with it.
      await waitFor(() => closes.includes(CloseCode.Unauthenticated), { message: 'the socket closed with 4401' })
      expect((await otherDevice.request('GET', '/api/me')).status).toBe(401)
      expect((await api.request('GET', '/api/me')).status).toBe(401)

      expect((await new ApiClient(server.url).request('POST', '/api/auth/login', { email, password: OLD_PASSWORD })).status).toBe(401)
      expect((await new ApiClient(server.url).request('POST', '/api/auth/login', { email, password: NEW_PASSWORD })).status).toBe(200)

      const again = await new ApiClient(server.url).request('POST', '/api/auth/password-reset/complete', { token, password: OLD_PASSWORD })
      expect(again).toMatchObject({ status: 410, body: { error: NOT_VALID } })
    } finally {
      provider.destroy()
    }
  })

  it('writes the reset and verification mail in the person’s language', async () => {
    const email = `kaiako.${Date.now()}@example.nz`
    const anon = new ApiClient(server.url)
    const registered = await anon.request('POST', '/api/auth/register', { email, name: 'Kaiako', password: OLD_PASSWORD, language: 'mi' })
    expect(registered.status).toBe(201)
    const verify = await smtp.waitForMessage((m) => to(email)(m) && m.subject === 'Whakaūngia tō īmēra mō Hononga')
    expect(verify.html).toContain('lang="mi"')
    expect((await anon.request('POST', '/api/auth/password-reset', { email })).status).toBe(202)
    const reset = await smtp.waitForMessage((m) => to(email)(m) && m.subject === 'Tautuhia anō tō kupuhipa Hononga')
    expect(reset.text).toContain('Kia ora Kaiako')
    expect(tokenIn(reset, '/reset-password')).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('refuses an expired or unknown token with the same answer', async () => {
    const api = await new ApiClient(server.url).register()
    const expired = await repos.authTokens.createAuthToken({
      userId: api.user!.id,
      purpose: 'password-reset',
      createdBy: null,
      now: Date.now() - 3600_000,
      ttlMs: 30 * 60_000,
    })
    const late = await api.request('POST', '/api/auth/password-reset/complete', { token: expired.token, password: NEW_PASSWORD })
    const unknown = await api.request('POST', '/api/auth/password-reset/complete', { token: 'B'.repeat(43), password: NEW_PASSWORD })
    expect(late).toMatchObject({ status: 410, body: { error: NOT_VALID } })
    expect(unknown.body).toEqual(late.body)
    expect(unknown.status).toBe(410)
  })

  it('answers an unknown email exactly as a known one, and sends it nothing', async () => {
    const known = await new ApiClient(server.url).register()
    const nobody = `nobody.${Date.now()}@example.nz`
    const anon = new ApiClient(server.url)
    const forNobody = await anon.request('POST', '/api/auth/password-reset', { email: nobody })
    const forKnown = await anon.request('POST', '/api/auth/password-reset', { email: known.user!.email })
    expect(forNobody.status).toBe(forKnown.status)
    expect(forNobody.body).toEqual(forKnown.body)
    // The known one's mail arrives; by then the other would have been stored too.
    await smtp.waitForMessage((m) => to(known.user!.email)(m) && m.subject === 'Reset your Hononga password')
    expect(outboxCount(server, nobody)).toBe(0)
    expect(smtp.messages.some(to(nobody))).toBe(false)
  })

  it('throttles reset requests per email, whether or not it has an account', async () => {
    const anon = new ApiClient(server.url)
    const email = `throttled.${Date.now()}@example.nz`
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await anon.request('POST', '/api/auth/password-reset', { email })).status)
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429])
  })

  it('emails a verification link at registration; following it verifies the address once', async () => {
    const api = await new ApiClient(server.url).register()
    expect((await api.request('GET', '/api/me')).body).toMatchObject({ emailVerified: false, mailEnabled: true })
    const mail = await smtp.waitForMessage((m) => to(api.user!.email)(m) && m.subject === 'Confirm your email for Hononga')
    const token = tokenIn(mail, '/verify-email')
    // No sign-in needed: the link may be opened in another browser.
    expect((await new ApiClient(server.url).request('POST', '/api/auth/verify-email', { token })).status).toBe(204)
    expect((await api.request('GET', '/api/me')).body).toMatchObject({ emailVerified: true })
    expect(await new ApiClient(server.url).request('POST', '/api/auth/verify-email', { token })).toMatchObject({
      status: 410,
      body: { error: NOT_VALID },
    })
    // Verified: "send again" has nothing to send.
    expect((await api.request('POST', '/api/auth/verify-email/resend')).status).toBe(204)
  })

  it('sends the verification again on request, signed in and throttled', async () => {
    const api = await new ApiClient(server.url).register()
    expect((await new ApiClient(server.url).request('POST', '/api/auth/verify-email/resend')).status).toBe(401)
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await api.request('POST', '/api/auth/verify-email/resend')).status)
    expect(statuses).toEqual([204, 204, 204, 429])
    await waitFor(() => smtp.messages.filter(to(api.user!.email)).length === 4, { message: 'four verification mails' })
  })
})

describe('with mail off', () => {
  let server: Server
  let repos: Repositories
  beforeAll(async () => {
    server = await inProcessServer()
    repos = sqliteRepositories(server.db!)
  })
  afterAll(async () => {
    await server?.close()
  })

  async function admin(): Promise<ApiClient> {
    const api = await new ApiClient(server.url).register('Kaiwhakahaere')
    await repos.districts.grantAdmin(api.user!.id, Date.now())
    return api
  }

  async function adminCommand(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/src/admin-main.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: server.dataDir, DATABASE_URL: '', PUBLIC_ORIGIN: server.url },
        timeout: 60_000,
      })
      return { code: 0, stdout, stderr }
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string }
      return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
    }
  }

  it('says to ask an administrator, and tells nothing about the account', async () => {
    const known = await new ApiClient(server.url).register()
    const anon = new ApiClient(server.url)
    const forKnown = await anon.request('POST', '/api/auth/password-reset', { email: known.user!.email })
    const forNobody = await anon.request('POST', '/api/auth/password-reset', { email: `nobody.${Date.now()}@example.nz` })
    expect(forKnown).toMatchObject({ status: 202, body: { mail: false } })
    expect(forNobody.body).toEqual(forKnown.body)
    expect((await known.request('GET', '/api/me')).body).toMatchObject({ emailVerified: false, mailEnabled: false })
    expect((await known.request('POST', '/api/auth/verify-email/resend')).status).toBe(409)
  })

  it('lets an instance administrator make a 24-hour link that resets the password; others get 404', async () => {
    const person = await new ApiClient(server.url).register()
    const email = person.user!.email
    const facilitator = (await facilitatorWithPlan(server.url)).api
    expect((await facilitator.request('POST', '/api/admin/users/reset-link', { email })).status).toBe(404)
    expect((await new ApiClient(server.url).request('POST', '/api/admin/users/reset-link', { email })).status).toBe(401)

    const administrator = await admin()
    const before = Date.now()
    const made = await administrator.request<{ url: string; expiresAt: number }>('POST', '/api/admin/users/reset-link', { email })
    expect(made.status).toBe(201)
    expect(made.body.expiresAt).toBeGreaterThanOrEqual(before + 24 * 3600_000)
    expect(made.body.expiresAt).toBeLessThanOrEqual(Date.now() + 24 * 3600_000)
    const token = /#token=([A-Za-z0-9_-]+)$/.exec(made.body.url)![1]!
    const createdBy = server.db!.$client.prepare<[string], { created_by: string }>('SELECT created_by FROM auth_tokens WHERE user_id = ?')
    expect(createdBy.get(person.user!.id)?.created_by).toBe(administrator.user!.id)

    const done = await new ApiClient(server.url).request('POST', '/api/auth/password-reset/complete', { token, password: NEW_PASSWORD })
    expect(done.status).toBe(200)
    expect((await person.request('GET', '/api/me')).status).toBe(401)
    expect((await new ApiClient(server.url).request('POST', '/api/auth/login', { email, password: NEW_PASSWORD })).status).toBe(200)

    const unknown = await administrator.request('POST', '/api/admin/users/reset-link', { email: 'nobody@example.nz' })
    expect(unknown.status).toBe(404)
  })

  it('refuses a link for an account whose domain signs in through its organisation', async () => {
    const email = `constable.${Date.now()}@police.example.nz`
    const registered = await new ApiClient(server.url).request('POST', '/api/auth/register', {
      email,
      name: 'Constable',
      password: OLD_PASSWORD,
    })
    expect(registered.status).toBe(201)
    await repos.settings.setSsoDomain({ domain: 'police.example.nz', providerId: 'police', createdBy: null, now: Date.now() })
    const administrator = await admin()
    const refused = await administrator.request('POST', '/api/admin/users/reset-link', { email })
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'conflict', message: expect.stringContaining('organisation') } } })
    const command = await adminCommand('reset-link', email)
    expect(command.code).toBe(1)
    expect(command.stderr).toContain('organisation')
  })

  it('`pnpm admin reset-link EMAIL` prints a link the person can use, made by the operator', async () => {
    const person = await new ApiClient(server.url).register()
    const command = await adminCommand('reset-link', person.user!.email)
    expect(command.code).toBe(0)
    const url = command.stdout.split('\n')[0]!
    expect(url).toMatch(new RegExp(`^${server.url}/reset-password#token=[A-Za-z0-9_-]{43}$`))
    expect(command.stderr).toContain('password.reset.link.made')
    const createdBy = server.db!.$client.prepare<[string], { created_by: string }>('SELECT created_by FROM auth_tokens WHERE user_id = ?')
    expect(createdBy.get(person.user!.id)?.created_by).toBe('operator')
    const token = url.slice(url.indexOf('#token=') + '#token='.length)
    const done = await new ApiClient(server.url).request('POST', '/api/auth/password-reset/complete', { token, password: NEW_PASSWORD })
    expect(done.status).toBe(200)

    const unknown = await adminCommand('reset-link', 'nobody@example.nz')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('No account')
  })
})
