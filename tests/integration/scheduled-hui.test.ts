import ICAL from 'ical.js'
import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAgenda, type AccessLogPage, type ScheduledHuiList, type ScheduledHuiView } from '@hononga/shared'
import { ApiClient, facilitatorWithPlan } from './support/api'
import { inProcessServer } from './support/server'
import { startSmtpServer, type SmtpServer } from './support/smtp'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

/**
 * Scheduling a hui (issue 14) on the real server, with a real SMTP server on loopback: the
 * invitation arrives with an .ics that ical.js parses (METHOD, time zone, the instant across
 * daylight saving, a no-reply organiser, RSVP=FALSE), changes keep the UID and raise the
 * SEQUENCE, a cancellation is METHOD:CANCEL; roles, answers, and starting with the agenda.
 */

type Server = Awaited<ReturnType<typeof inProcessServer>>
const FROM = 'Hononga <no-reply@hononga.test>'
const pool = new ClientPool()

let smtp: SmtpServer
let server: Server
beforeAll(async () => {
  smtp = await startSmtpServer()
  server = await inProcessServer({ SMTP_URL: smtp.url, MAIL_FROM: FROM })
})
afterAll(async () => {
  pool.destroyAll()
  await server?.close()
  await smtp?.close()
})

/** Marks accounts verified directly (email verification is another flow): only verified people get plan mail. */
function verify(...apis: ApiClient[]) {
  for (const api of apis) server.db!.$client.prepare('UPDATE users SET email_verified_at = ? WHERE id = ?').run(Date.now(), api.user!.id)
}

const to = (address: string, subject: string) => (mail: ParsedMail) =>
  JSON.stringify(mail.to).includes(address) && (mail.subject ?? '').startsWith(subject)

/** The .ics attached to a mail, parsed by ical.js with its VTIMEZONE registered. */
function icsOf(mail: ParsedMail) {
  const attachment = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))
  if (!attachment) throw new Error(`no calendar attachment in “${mail.subject}”`)
  const text = attachment.content.toString('utf8')
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[])
  const zone = calendar.getFirstSubcomponent('vtimezone')
  if (zone) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
  const vevent = calendar.getFirstSubcomponent('vevent')!
  return { text, calendar, vevent, event: new ICAL.Event(vevent), zone }
}

async function schedule(api: ApiClient, planId: string, body: Record<string, unknown>) {
  return api.request<ScheduledHuiView>('POST', `/api/plans/${planId}/scheduled-hui`, body)
}

describe('scheduling a hui', () => {
  it('emails every verified member an invitation whose .ics has the time zone, the right instant and a no-reply organiser', async () => {
    const { api: mere, planId } = await facilitatorWithPlan(server.url)
    const hemi = await new ApiClient(server.url).register('Hemi Member')
    const unverified = await new ApiClient(server.url).register('Not Verified')
    await mere.invite(planId, hemi, 'editor', 'agency', 'MSD')
    await mere.invite(planId, unverified, 'viewer')
    verify(mere, hemi)

    // 26 September 2027: New Zealand daylight time starts at 2 am, so 10:00 is +13:00.
    const created = await schedule(mere, planId, {
      date: '2027-09-26',
      start: '10:00',
      end: '12:30',
      place: 'Te Mānuka Tūtahi marae',
      onlineUrl: 'https://meet.example.nz/hui',
      title: 'Hui ā-hapori',
      agenda: [
        { kind: 'karakia', title: 'Karakia', durationMinutes: 5 },
        { kind: 'item', title: 'Rangatahi housing', durationMinutes: 45 },
      ],
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ startsAt: Date.parse('2027-09-25T21:00:00Z'), endsAt: Date.parse('2027-09-25T23:30:00Z') })
    expect(created.body).toMatchObject({ sequence: 0, status: 'scheduled', timeZone: 'Pacific/Auckland', myResponse: null })

    const mail = await smtp.waitForMessage(to(hemi.user!.email, 'Hui: Hui ā-hapori'))
    expect(mail.text).toContain('Te Mānuka Tūtahi marae')
    expect(mail.text).toContain('https://meet.example.nz/hui')
    expect(mail.text).toContain('Rangatahi housing')
    expect(mail.html).toContain('<html lang="en">')
    const { calendar, vevent, event, zone } = icsOf(mail)
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST')
    expect(zone?.getFirstPropertyValue('tzid')).toBe('Pacific/Auckland')
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Pacific/Auckland')
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-09-25T21:00:00.000Z')
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-09-25T23:30:00.000Z')
    expect(event.summary).toBe('Hui ā-hapori')
    expect(event.location).toBe('Te Mānuka Tūtahi marae')
    expect(event.description).toContain('Rangatahi housing')
    expect(event.description).toContain(`/plans/${planId}`)
    expect(vevent.getFirstPropertyValue('url')).toBe('https://meet.example.nz/hui')
    expect(event.uid).toBe(`hui-${created.body.id}@hononga`)
    expect(event.sequence).toBe(0)
    expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:no-reply@hononga.test')
    const attendees = vevent.getAllProperties('attendee')
    expect(attendees.map((a) => String(a.getFirstValue()).toLowerCase()).sort()).toEqual(
      [`mailto:${mere.user!.email}`, `mailto:${hemi.user!.email}`].sort(),
    )
    for (const attendee of attendees) expect(attendee.getParameter('rsvp')).toBe('FALSE')
    expect(mail.headerLines.map((line) => line.key)).toContain('list-unsubscribe')

    // The unverified member gets none; the plan's access log records each mail sent.
    await smtp.waitForMessage(to(mere.user!.email, 'Hui: Hui ā-hapori'))
    expect(smtp.messages.some(to(unverified.user!.email, 'Hui'))).toBe(false)
    const log = await mere.request<AccessLogPage>('GET', `/api/plans/${planId}/access-log?kind=message.sent`)
    expect(log.status).toBe(200)
    const sent = log.body.entries.filter((entry) => entry.details.what === 'hui-invite')
    expect(sent.map((entry) => entry.person?.id).sort()).toEqual([mere.user!.id, hemi.user!.id].sort())
    expect(sent[0]!.details).toEqual({ what: 'hui-invite', huiId: created.body.id })

    // A change: same UID, SEQUENCE 1, the new time. 4 April 2027 (daylight time ends): 14:00 is +12:00.
    const changed = await mere.request<ScheduledHuiView>('PATCH', `/api/plans/${planId}/scheduled-hui/${created.body.id}`, {
      date: '2027-04-04',
      start: '14:00',
      end: '15:00',
    })
    expect(changed.status).toBe(200)
    expect(changed.body).toMatchObject({ sequence: 1, startsAt: Date.parse('2027-04-04T02:00:00Z'), place: 'Te Mānuka Tūtahi marae' })
    const update = icsOf(await smtp.waitForMessage(to(hemi.user!.email, 'Hui changed: Hui ā-hapori')))
    expect(update.calendar.getFirstPropertyValue('method')).toBe('REQUEST')
    expect(update.event.uid).toBe(event.uid)
    expect(update.event.sequence).toBe(1)
    expect(update.event.startDate.toJSDate().toISOString()).toBe('2027-04-04T02:00:00.000Z')

    // A cancellation: METHOD:CANCEL, same UID, SEQUENCE 2; no further change is possible.
    const cancelled = await mere.request<ScheduledHuiView>('DELETE', `/api/plans/${planId}/scheduled-hui/${created.body.id}`)
    expect(cancelled.body).toMatchObject({ status: 'cancelled', sequence: 2 })
    const cancel = icsOf(await smtp.waitForMessage(to(hemi.user!.email, 'Hui cancelled: Hui ā-hapori')))
    expect(cancel.calendar.getFirstPropertyValue('method')).toBe('CANCEL')
    expect(cancel.event.uid).toBe(event.uid)
    expect(cancel.event.sequence).toBe(2)
    expect(cancel.vevent.getFirstPropertyValue('status')).toBe('CANCELLED')
    const again = await mere.request('PATCH', `/api/plans/${planId}/scheduled-hui/${created.body.id}`, { title: 'x' })
    expect(again.status).toBe(404)
  })

  it('refuses a time skipped by daylight saving, an end before the start, and a link that is not https', async () => {
    const { api: mere, planId } = await facilitatorWithPlan(server.url)
    const gap = await schedule(mere, planId, { date: '2027-09-26', start: '02:30', end: '04:00' })
    expect(gap.status).toBe(400)
    expect(gap.body).toMatchObject({ error: { code: 'validation_failed', message: expect.stringContaining('does not exist') } })
    expect((await schedule(mere, planId, { date: '2027-10-01', start: '12:00', end: '11:00' })).status).toBe(400)
    expect(
      (await schedule(mere, planId, { date: '2027-10-01', start: '10:00', end: '11:00', onlineUrl: 'http://meet.example' })).status,
    ).toBe(400)
    expect((await schedule(mere, planId, { date: '2027-02-30', start: '10:00', end: '11:00' })).status).toBe(400)
  })

  it('lets only facilitators schedule (403), hides a plan from non-members (404), and records each member’s answer', async () => {
    const { api: mere, planId } = await facilitatorWithPlan(server.url)
    const hemi = await new ApiClient(server.url).register('Hemi Member')
    const stranger = await new ApiClient(server.url).register('Stranger')
    await mere.invite(planId, hemi, 'editor')
    const body = { date: '2099-03-01', start: '09:00', end: '11:00' }
    expect((await schedule(hemi, planId, body)).status).toBe(403)
    expect((await schedule(stranger, planId, body)).status).toBe(404)
    const created = await schedule(mere, planId, body)
    expect(created.status).toBe(201)
    const huiPath = `/api/plans/${planId}/scheduled-hui/${created.body.id}`
    expect((await hemi.request('PATCH', huiPath, { place: 'x' })).status).toBe(403)
    expect((await hemi.request('DELETE', huiPath)).status).toBe(403)
    expect((await stranger.request('GET', `/api/plans/${planId}/scheduled-hui`)).status).toBe(404)
    expect((await stranger.request('PUT', `${huiPath}/response`, { response: 'yes' })).status).toBe(404)

    expect((await hemi.request('PUT', `${huiPath}/response`, { response: 'maybe' })).status).toBe(200)
    const answered = await hemi.request<ScheduledHuiView>('PUT', `${huiPath}/response`, { response: 'yes' })
    expect(answered.body).toMatchObject({ myResponse: 'yes', counts: { yes: 1, no: 0, maybe: 0 } })
    await mere.request('PUT', `${huiPath}/response`, { response: 'no' })
    expect((await hemi.request('PUT', `${huiPath}/response`, { response: 'perhaps' })).status).toBe(400)

    const list = await hemi.request<ScheduledHuiList>('GET', `/api/plans/${planId}/scheduled-hui`)
    expect(list.status).toBe(200)
    expect(list.body.upcoming).toHaveLength(1)
    expect(list.body.upcoming[0]).toMatchObject({ id: created.body.id, myResponse: 'yes', counts: { yes: 1, no: 1, maybe: 0 } })
    expect(list.body.upcoming[0]!.startsAt).toBe(Date.parse('2099-02-28T20:00:00Z'))

    // The member was told in the app, once per version of the hui; the facilitator who scheduled it was not.
    type Notes = { items: { kind: string; payload: { title?: string; cancelled?: boolean } }[]; unread: number }
    const kinds = async (api: ApiClient) => (await api.request<Notes>('GET', '/api/notifications')).body.items.map((n) => n.kind)
    expect(await kinds(hemi)).toEqual(['hui-scheduled'])
    expect(await kinds(mere)).toEqual([])
    expect((await mere.request('DELETE', huiPath)).status).toBe(200)
    const told = (await hemi.request<Notes>('GET', '/api/notifications')).body
    expect(told.items.map((n) => n.kind)).toEqual(['hui-changed', 'hui-scheduled'])
    expect(told.items[0]!.payload).toMatchObject({ cancelled: true })
  })

  it('starts a scheduled hui with its agenda, and marks it started', async () => {
    const { api: mere, planId } = await facilitatorWithPlan(server.url)
    const created = await schedule(mere, planId, {
      date: '2099-05-01',
      start: '10:00',
      end: '12:00',
      agenda: [
        { kind: 'karakia', title: 'Karakia tīmatanga', durationMinutes: 5 },
        { kind: 'item', title: 'Kai and transport', durationMinutes: 20 },
        { kind: 'closing', title: 'Karakia whakamutunga', durationMinutes: null },
      ],
    })
    const plan = await pool.join(mere, server.wsUrl, planId)
    const started = await mere.request('POST', `/api/plans/${planId}/hui/start`, { scheduledHuiId: created.body.id })
    expect(started.status).toBe(200)
    expect(started.body).toMatchObject({ active: true })
    const agenda = await waitFor(() => {
      const items = listAgenda(plan.doc)
      return items.length === 3 ? items : null
    })
    expect(agenda.map((item) => [item.kind, item.title, item.durationMinutes])).toEqual([
      ['karakia', 'Karakia tīmatanga', 5],
      ['item', 'Kai and transport', 20],
      ['closing', 'Karakia whakamutunga', null],
    ])
    const list = await mere.request<ScheduledHuiList>('GET', `/api/plans/${planId}/scheduled-hui`)
    expect(list.body.recent.map((hui) => [hui.id, hui.status])).toEqual([[created.body.id, 'started']])
    const unknown = await mere.request('POST', `/api/plans/${planId}/hui/start`, { scheduledHuiId: 'nosuchhui123' })
    expect(unknown.status).toBe(404)
  })
})
