import { afterEach, describe, expect, it } from 'vitest'
import type { ParsedMail } from 'mailparser'
import { loadConfig } from '@hononga/server'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { inProcessServer, spawnServer, tempDataDir, type SpawnedServer } from './support/server'
import { startSmtpServer, type SmtpServer } from './support/smtp'
import { waitFor } from './support/wait'

/**
 * Email through the durable outbox, with real parts: the real server (in this process, or its
 * own process where it is killed), a real SMTP server on loopback receiving the mail. What the
 * issue asks: invites arrive with text and HTML parts and a working link; killing the SMTP
 * server mid-message or the Hononga process before sending loses nothing, and a resent
 * message carries the same Message-ID; unsubscribe links work; without SMTP nothing is stored.
 */

const FROM = 'Hononga <no-reply@hononga.test>'
const mailEnv = (smtp: { url: string }, extra: Record<string, string> = {}) => ({
  SMTP_URL: smtp.url,
  MAIL_FROM: FROM,
  MAIL_RETRY_BASE_MS: '200',
  ...extra,
})

let cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {})
  cleanups = []
})

async function smtpServer(options?: Parameters<typeof startSmtpServer>[0]): Promise<SmtpServer> {
  const smtp = await startSmtpServer(options)
  cleanups.push(() => smtp.kill())
  return smtp
}

async function server(env: Record<string, string>, dataDir = tempDataDir()) {
  const running = await inProcessServer(env, dataDir)
  cleanups.push(() => running.close())
  return running
}

let invitees = 0
const inviteeAddress = () => `invitee${++invitees}.${process.pid}@example.nz`

async function inviteByEmail(api: ApiClient, planId: string, email: string) {
  const response = await api.request<{ code: string; url: string }>('POST', `/api/plans/${planId}/invites`, {
    role: 'editor',
    affiliation: 'iwi',
    organisation: 'Ngāti Awa',
    email,
  })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body
}

const to = (address: string) => (mail: ParsedMail) => mail.to !== undefined && JSON.stringify(mail.to).includes(address)
const linkIn = (text: string, pattern: RegExp) => pattern.exec(text)?.[0]

describe('email', () => {
  it('emails an invite with text and HTML parts, in the inviter’s language, whose link opens the invite', async () => {
    const smtp = await smtpServer()
    const running = await server(mailEnv(smtp))
    const { api, planId } = await facilitatorWithPlan(running.url)
    expect((await api.request<{ mailEnabled: boolean }>('GET', '/api/me')).body.mailEnabled).toBe(true)
    const address = inviteeAddress()
    const invite = await inviteByEmail(api, planId, address)

    const mail = await smtp.waitForMessage(to(address))
    expect(mail.subject).toContain('Whakatāne community plan')
    expect(mail.from?.text).toContain('no-reply@hononga.test')
    expect(mail.messageId).toMatch(/^<[0-9a-f-]+@hononga\.test>$/)
    expect(mail.text).toContain('Mere Facilitator')
    expect(mail.html).toContain('<html lang="en">')
    // No account at that address: nothing to unsubscribe from.
    expect(mail.headers.has('list-unsubscribe')).toBe(false)
    const link = linkIn(mail.text!, /http:\/\/\S+\/invite\/\S+/)
    expect(link).toBe(invite.url)
    expect(mail.html).toContain(`href="${invite.url}"`)
    const code = link!.split('/invite/')[1]!
    const preview = await new ApiClient(running.url).request<{ planId: string }>('GET', `/api/invites/${code}`)
    expect(preview.body.planId).toBe(planId)
    const invitee = await new ApiClient(running.url).register('Hemi Invitee')
    expect((await invitee.request('POST', `/api/invites/${code}/accept`)).status).toBe(200)

    // The inviter's language decides the invitee's mail (they may have no account, so no language).
    expect((await api.request('PATCH', '/api/me', { language: 'mi' })).status).toBe(200)
    expect((await api.request<{ language: string }>('GET', '/api/me')).body.language).toBe('mi')
    const second = inviteeAddress()
    await inviteByEmail(api, planId, second)
    const inMaori = await smtp.waitForMessage(to(second))
    expect(inMaori.subject).toContain('Kua pōwhiritia koe')
    expect(inMaori.html).toContain('<html lang="mi">')
  })

  it('keeps the language chosen at registration', async () => {
    const running = await server({})
    const person = new ApiClient(running.url)
    const registered = await person.request('POST', '/api/auth/register', {
      email: inviteeAddress(),
      name: 'Ana Reo',
      password: 'correct horse battery staple',
      language: 'mi',
    })
    expect(registered.status).toBe(201)
    expect((await person.request<{ language: string }>('GET', '/api/me')).body.language).toBe('mi')
    expect((await person.request('PATCH', '/api/me', { language: 'fr' })).status).toBe(400)
  })

  it('retries a message the SMTP server died in the middle of, with the same Message-ID', async () => {
    const held = await startSmtpServer({ hold: true })
    cleanups.push(() => held.kill())
    const running = await server(mailEnv(held))
    const { api, planId } = await facilitatorWithPlan(running.url)
    await inviteByEmail(api, planId, inviteeAddress())
    // The server is reading a message's DATA and will never answer it: kill it there.
    const inFlight = await waitFor(() => /^Message-ID:\s*(<[^>]+>)/im.exec(held.partial[0] ?? '')?.[1], { message: 'a message mid-DATA' })
    await held.kill()
    expect(held.messages).toEqual([])

    const back = await smtpServer({ port: held.port })
    const delivered = await back.waitForMessage((mail) => mail.messageId === inFlight, 20_000)
    expect(delivered.text).toBeTruthy()
    expect(delivered.html).toBeTruthy()
    const state = running
      .db!.$client.prepare<[string], { attempts: number; sent_at: number | null }>(
        'SELECT attempts, sent_at FROM email_outbox WHERE message_id = ?',
      )
      .get(inFlight.slice(1, -1))
    expect(state?.attempts).toBeGreaterThanOrEqual(2)
    expect(state?.sent_at).not.toBeNull()
    // Every mail queued so far arrives once the server is back (the invite among them).
    await waitFor(() => back.messages.length >= 2, { message: 'the verification and invite mails' })
  })

  it('loses no mail when the Hononga process is killed before sending it', async () => {
    // Nothing listens on the SMTP port yet: the first attempt fails and the mail waits in the outbox.
    const probe = await startSmtpServer()
    const port = probe.port
    await probe.close()
    const dataDir = tempDataDir()
    const spawned: SpawnedServer[] = []
    cleanups.push(async () => {
      for (const s of spawned) await s.stop('SIGKILL')
    })
    const env = mailEnv({ url: `smtp://127.0.0.1:${port}` })
    const first = await spawnServer({ dataDir, env })
    spawned.push(first)
    const { api, planId } = await facilitatorWithPlan(first.url)
    const address = inviteeAddress()
    await inviteByEmail(api, planId, address)
    const retry = await waitFor(() => first.logs.find((entry) => entry.event === 'mail.retry' && entry.kind === 'invite'), {
      message: 'a failed attempt at the invite mail',
    })
    await first.stop('SIGKILL')

    const smtp = await smtpServer({ port })
    const second = await spawnServer({ dataDir, env })
    spawned.push(second)
    const mail = await smtp.waitForMessage(to(address), 30_000)
    expect(mail.messageId).toBe(`<${String(retry.messageId)}>`)
  })

  it('turns one kind of mail off with the link in it, for that person only', async () => {
    const smtp = await smtpServer()
    const running = await server(mailEnv(smtp))
    const { api, planId } = await facilitatorWithPlan(running.url)
    const invitee = await new ApiClient(running.url).register('Hemi Kainoho')
    await inviteByEmail(api, planId, invitee.user!.email)
    const mail = await smtp.waitForMessage((m) => to(invitee.user!.email)(m) && m.subject?.includes('invited') === true)
    // mailparser gathers the List-* headers under `list`.
    const list = mail.headers.get('list') as { unsubscribe?: { url?: string }; 'unsubscribe-post'?: { name?: string } }
    expect(list['unsubscribe-post']?.name).toBe('List-Unsubscribe=One-Click')
    const header = list.unsubscribe?.url
    const link = linkIn(mail.text!, /http:\/\/\S+\/api\/unsubscribe\?token=\S+/)
    expect(header).toContain(link)

    // A forged or altered token does nothing.
    const path = link!.replace(/^http:\/\/[^/]+/, '')
    const forged = await new ApiClient(running.url).request<{ error: { code: string } }>('GET', `${path.slice(0, -3)}abc`)
    expect(forged.status).toBe(410)
    expect(forged.body.error.code).toBe('invalid_token')
    const prefs = () =>
      running
        .db!.$client.prepare<[string], { kind: string; mode: string }>('SELECT kind, mode FROM notification_prefs WHERE user_id = ?')
        .all(invitee.user!.id)
    expect(prefs()).toEqual([])

    const page = await fetch(running.url + path, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Unsubscribed')
    expect(prefs()).toEqual([{ kind: 'invite', mode: 'never' }])
    // One-click (RFC 8058), as a mail provider sends it: harmless a second time.
    const oneClick = await fetch(running.url + path, { method: 'POST', body: 'List-Unsubscribe=One-Click' })
    expect(oneClick.status).toBe(200)

    // The next invite to that person is made, but not emailed.
    const before = smtp.messages.length
    await inviteByEmail(api, planId, invitee.user!.email)
    const outbox = running.db!.$client.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM email_outbox WHERE to_address = ? AND kind = 'invite'",
    )
    expect(outbox.get(invitee.user!.email)?.n).toBe(1)
    expect(smtp.messages.length).toBe(before)
  })

  it('without SMTP_URL stores no mail, and an invite with an email still works', async () => {
    const running = await server({})
    const { api, planId } = await facilitatorWithPlan(running.url)
    expect((await api.request<{ mailEnabled: boolean }>('GET', '/api/me')).body.mailEnabled).toBe(false)
    const invite = await inviteByEmail(api, planId, inviteeAddress())
    const invitee = await new ApiClient(running.url).register('Hemi')
    expect((await invitee.request('POST', `/api/invites/${invite.code}/accept`)).status).toBe(200)
    expect(running.db!.$client.prepare<[], { n: number }>('SELECT count(*) AS n FROM email_outbox').get()?.n).toBe(0)
  })

  it('refuses to start with SMTP_URL but no MAIL_FROM', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(/MAIL_FROM/)
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: FROM }).mail).toMatchObject({ maxAttempts: 8 })
    expect(loadConfig({}).mail).toBeUndefined()
  })
})
