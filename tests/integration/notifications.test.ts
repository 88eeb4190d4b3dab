import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addFocusArea,
  addPriorityAction,
  currentFingerprint,
  getFocusArea,
  setPlanReviewDate,
  type AccessLogPage,
  type NotificationList,
  type NotificationPrefs,
  type TrackerResponse,
} from '@hononga/shared'
import { loadConfig } from '../../server/src/config'
import { createLogger } from '../../server/src/log'
import { createMailer, type RunningMailer } from '../../server/src/mail/mailer'
import { runNotificationJob } from '../../server/src/notifications/job'
import { addDays, nzDay, nzInstant } from '../../server/src/notifications/time'
import { ApiClient } from './support/api'
import { inProcessServer, tempDataDir } from './support/server'
import { startSmtpServer, type SmtpServer } from './support/smtp'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

/**
 * Notifications (issue 14) on the real server with a real SMTP server on loopback: reminders
 * recorded once however often the job runs and across a restart, a reply notifying the
 * thread's author, marking read, email preferences, an immediate notification mailed once
 * and a daily one in the 07:00 digest. The job is run directly at chosen times (its own
 * schedule is set an hour apart, so it only runs at start-up).
 */

const HOUR = 60 * 60 * 1000
const env = (smtpUrl: string) => ({ SMTP_URL: smtpUrl, MAIL_FROM: 'Hononga <no-reply@hononga.test>', NOTIFY_INTERVAL_MS: String(HOUR) })
const to = (address: string) => (mail: { to?: unknown }) => mail.to !== undefined && JSON.stringify(mail.to).includes(address)
/** Notification mail to `address` (not the verification mail sent at registration). */
const noticeTo = (address: string) => (mail: { to?: unknown; subject?: string }) =>
  to(address)(mail) && /^Hononga: /.test(mail.subject ?? '')

let smtp: SmtpServer
let dataDir: string
let server: Awaited<ReturnType<typeof inProcessServer>>
let mailer: RunningMailer
const pool = new ClientPool()

async function start() {
  server = await inProcessServer(env(smtp.url), dataDir)
  const config = loadConfig({ PORT: String(server.port), DATA_DIR: dataDir, ...env(smtp.url) })
  mailer = createMailer({ config, repos: server.storage.repos, log: createLogger('silent'), now: Date.now })
  mailer.start()
  return { repos: server.storage.repos, mail: mailer, config, log: createLogger('silent'), now: Date.now }
}
let job: Awaited<ReturnType<typeof start>>

beforeAll(async () => {
  smtp = await startSmtpServer()
  dataDir = tempDataDir('hononga-notify-')
  job = await start()
}, 60_000)
afterAll(async () => {
  pool.destroyAll()
  await mailer?.stop()
  await server?.close()
  await smtp?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function list(api: ApiClient): Promise<NotificationList> {
  const response = await api.request<NotificationList>('GET', '/api/notifications')
  expect(response.status).toBe(200)
  return response.body
}

describe('notifications', () => {
  it('reminds the lead once of an action due soon, however often the job runs and across a restart; emails it in the digest', async () => {
    let mere = await new ApiClient(server.url).register('Mere Kaiārahi')
    await job.repos.authTokens.markEmailVerified(mere.user!.id, Date.now())
    const planId = await mere.createPlan('Te Mahere o Whakatāne', 'Whakatāne')
    const plan = await pool.join(mere, server.wsUrl, planId)
    const today = nzDay(Date.now())
    const dueDate = addDays(today, 2)
    addPriorityAction(plan.doc, { title: 'Wānanga for rangatahi', lead: 'Mere', leadUserId: mere.user!.id, status: 'agreed', dueDate })
    addPriorityAction(plan.doc, {
      title: 'Far off',
      lead: 'Mere',
      leadUserId: mere.user!.id,
      status: 'agreed',
      dueDate: addDays(today, 30),
    })
    addPriorityAction(plan.doc, {
      title: 'Late one',
      lead: 'Mere',
      leadUserId: mere.user!.id,
      status: 'in progress',
      dueDate: addDays(today, -10),
    })
    addPriorityAction(plan.doc, { title: 'Finished', lead: 'Mere', leadUserId: mere.user!.id, status: 'done', dueDate: addDays(today, 1) })
    setPlanReviewDate(plan.doc, addDays(today, 5))
    await waitFor(async () => (await mere.request<TrackerResponse>('GET', '/api/tracker?all=1')).body.rows.length === 4, {
      message: 'the actions tracked',
    })

    const at = Date.now()
    await runNotificationJob(job, at)
    await runNotificationJob(job, at + 1000)
    let mine = await list(mere)
    expect(mine.items.filter((n) => n.kind === 'action-due')).toHaveLength(1)
    expect(mine.items.find((n) => n.kind === 'action-due')!.payload).toMatchObject({
      title: 'Wānanga for rangatahi',
      dueDate,
      planTitle: 'Te Mahere o Whakatāne',
    })
    expect(mine.items.filter((n) => n.kind === 'action-overdue').map((n) => n.payload.title)).toEqual(['Late one'])
    expect(mine.items.filter((n) => n.kind === 'review-due').map((n) => n.payload.reviewDate)).toEqual([addDays(today, 5)])
    expect(mine.items.map((n) => n.payload.title)).not.toContain('Far off')
    expect(mine.items.map((n) => n.payload.title)).not.toContain('Finished')
    expect(mine.unread).toBe(3)

    // A restart on the same data, whose start-up run and ours find the same reminder already made.
    pool.destroyAll()
    await mailer.stop()
    await server.close()
    job = await start()
    mere = mere.at(server.url)
    await runNotificationJob(job, at + 2000)
    mine = await list(mere)
    expect(mine.items.filter((n) => n.kind === 'action-due')).toHaveLength(1)
    expect(mine.items).toHaveLength(3)

    // Daily by default: nothing is mailed before the next 07:00 Pacific/Auckland, then one digest.
    // The first 07:00 Pacific/Auckland after the reminders were made (today's, or tomorrow's).
    const sevenToday = nzInstant(nzDay(at), 7)
    const digestAt = sevenToday > at + 2000 ? sevenToday : nzInstant(addDays(nzDay(at), 1), 7)
    await runNotificationJob(job, digestAt - 60_000)
    expect(smtp.messages.filter(noticeTo(mere.user!.email))).toHaveLength(0)
    await runNotificationJob(job, digestAt + 60_000)
    const digest = await smtp.waitForMessage(noticeTo(mere.user!.email))
    expect(digest.subject).toBe('Hononga: 3 things need you')
    expect(digest.text).toContain('Wānanga for rangatahi')
    expect(digest.html).toContain('lang="en"')
    expect(digest.text).toMatch(/To stop emails about actions due: http\S+\/api\/unsubscribe\?token=/)
    await runNotificationJob(job, digestAt + 2 * 60_000)
    const log = await mere.request<AccessLogPage>('GET', `/api/plans/${planId}/access-log?kind=message.sent`)
    expect(log.body.entries.filter((entry) => entry.details.kind === 'digest')).toHaveLength(1)
    expect(smtp.messages.filter(noticeTo(mere.user!.email))).toHaveLength(1)
  }, 60_000)

  it('tells a thread’s author of a reply at once by email, once; marks read; keeps preferences', async () => {
    const mere = await new ApiClient(server.url).register('Mere Kaiārahi')
    const sam = await new ApiClient(server.url).register('Sam Agency')
    await job.repos.authTokens.markEmailVerified(mere.user!.id, Date.now())
    const planId = await mere.createPlan('Tairāwhiti plan', 'Gisborne')
    await mere.invite(planId, sam, 'editor', 'agency', 'MSD')
    const thread = await mere.request<{ id: string }>('POST', `/api/plans/${planId}/comments`, {
      target: { kind: 'plan', id: planId },
      body: 'Kia ora',
    })
    expect(thread.status).toBe(201)
    const reply = await sam.request('POST', `/api/plans/${planId}/comments/${thread.body.id}/replies`, { body: 'Ka pai' })
    expect(reply.status).toBe(201)

    const mine = await list(mere)
    const notice = mine.items.find((n) => n.kind === 'comment-reply')!
    expect(notice).toMatchObject({ planId, read: false, payload: { authorName: 'Sam Agency', threadId: thread.body.id } })
    expect((await list(sam)).items.filter((n) => n.kind === 'comment-reply')).toHaveLength(0)

    // Immediate by default: mailed on the next run, once.
    await runNotificationJob(job, Date.now())
    const mail = await smtp.waitForMessage((m) => to(mere.user!.email)(m) && /Tairāwhiti plan/.test(m.subject ?? ''))
    expect(mail.text).toContain('Sam Agency replied to your comment')
    expect(mail.headerLines.find((line) => line.key === 'list-unsubscribe')?.line).toMatch(/\/api\/unsubscribe\?token=/)
    await runNotificationJob(job, Date.now() + 1000)
    expect(smtp.messages.filter((m) => to(mere.user!.email)(m) && /Tairāwhiti plan/.test(m.subject ?? ''))).toHaveLength(1)

    // Marking read: another's id changes nothing; then all.
    const samsOwn = await sam.request('POST', '/api/notifications/read', { ids: [notice.id] })
    expect(samsOwn.status).toBe(200)
    expect((await list(mere)).items.find((n) => n.id === notice.id)!.read).toBe(false)
    const read = await mere.request<{ unread: number }>('POST', '/api/notifications/read', { ids: [notice.id] })
    expect(read.body.unread).toBe((await list(mere)).unread)
    expect((await list(mere)).items.find((n) => n.id === notice.id)!.read).toBe(true)
    expect((await mere.request('POST', '/api/notifications/read', { all: true })).status).toBe(200)
    expect((await list(mere)).unread).toBe(0)
    expect((await mere.request('POST', '/api/notifications/read', {})).status).toBe(400)

    // Preferences: defaults, a change, a refusal.
    const prefs = await mere.request<NotificationPrefs>('GET', '/api/notifications/prefs')
    expect(prefs.body).toMatchObject({ emailEnabled: true, modes: { 'comment-reply': 'immediate', 'action-due': 'daily' } })
    const set = await mere.request<NotificationPrefs>('PUT', '/api/notifications/prefs', { kind: 'comment-reply', mode: 'never' })
    expect(set.body.modes['comment-reply']).toBe('never')
    const bad = await mere.request<{ error: { code: string } }>('PUT', '/api/notifications/prefs', { kind: 'nonsense', mode: 'never' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('validation_failed')
    expect((await new ApiClient(server.url).request('GET', '/api/notifications')).status).toBe(401)
  }, 60_000)

  it('asks for each partner’s position when a hui starts, and tells them when an agreed item changes, once each', async () => {
    const mere = await new ApiClient(server.url).register('Mere Kaiārahi')
    const sam = await new ApiClient(server.url).register('Sam Agency')
    const planId = await mere.createPlan('Ōpōtiki plan', 'Ōpōtiki')
    await mere.invite(planId, sam, 'editor', 'agency', 'MSD')
    const plan = await pool.join(mere, server.wsUrl, planId)
    const focusAreaId = addFocusArea(plan.doc, { title: 'Rangatahi pathways' })
    const target = { kind: 'focusArea', id: focusAreaId }
    await waitFor(async () => (await mere.request('GET', `/api/plans/${planId}/document`)).status === 200, { message: 'plan stored' })
    expect((await mere.request('POST', `/api/plans/${planId}/hui/start`, { agenda: 'default' })).status).toBe(200)

    const kinds = async (api: ApiClient, kind: string) => (await list(api)).items.filter((n) => n.kind === kind)
    await waitFor(async () => (await kinds(sam, 'position-needed')).length === 1, { message: 'position needed for the agency' })
    expect((await kinds(sam, 'position-needed'))[0]!.payload).toMatchObject({ title: 'Rangatahi pathways', count: 1, target })
    await waitFor(async () => (await kinds(mere, 'position-needed')).length === 1, {
      message: 'position needed for the facilitator’s partner',
    })

    for (const who of [mere, sam]) {
      const fingerprint = currentFingerprint(plan.doc, target as never)!
      expect((await who.request('PUT', `/api/plans/${planId}/positions`, { target, position: 'agree', fingerprint })).status).toBe(200)
    }
    const marked = await mere.request('POST', `/api/plans/${planId}/agreements/mark`, { target })
    expect(marked.status).toBe(200)
    expect(await kinds(sam, 'changed-since-agreed')).toHaveLength(0)

    const title = getFocusArea(plan.doc, focusAreaId)!.title
    title.insert(title.length, ' mō te rohe')
    await waitFor(async () => (await kinds(sam, 'changed-since-agreed')).length === 1, { message: 'the agency told of the change' })
    await waitFor(async () => (await kinds(mere, 'changed-since-agreed')).length === 1, { message: 'the facilitator told too' })
    title.insert(title.length, '!')
    // A second edit of the same agreed item changes nothing: the first notification stands.
    await waitFor(
      async () =>
        (
          await mere.request<{ focusAreas: { title: string }[] }>('GET', `/api/plans/${planId}/document`)
        ).body.focusAreas[0]?.title.endsWith('!'),
      { message: 'the second edit stored' },
    )
    await runNotificationJob(job, Date.now())
    expect(await kinds(sam, 'changed-since-agreed')).toHaveLength(1)
    expect(await kinds(sam, 'position-needed')).toHaveLength(1)
  }, 60_000)
})
