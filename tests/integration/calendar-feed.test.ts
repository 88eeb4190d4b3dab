import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addPriorityAction,
  setActionReviewDate,
  setPlanReviewDate,
  type AccessLogPage,
  type CalendarFeedCreated,
  type TrackerResponse,
} from '@hononga/shared'
import { ApiClient } from './support/api'
import { inProcessServer } from './support/server'
import { waitFor } from './support/wait'
import { ClientPool } from './support/yclient'

/**
 * A person's private calendar feed (issue 14): parsed by ical.js, it holds their plans' hui
 * (timed, Pacific/Auckland with its VTIMEZONE), all-day due dates of actions they or their
 * organisation lead, and review dates; nothing of another person's plans; revoked is 404.
 */

let server: Awaited<ReturnType<typeof inProcessServer>>
const pool = new ClientPool()
beforeAll(async () => {
  server = await inProcessServer()
})
afterAll(async () => {
  pool.destroyAll()
  await server?.close()
})

async function feed(url: string) {
  const response = await fetch(url)
  const text = await response.text()
  return { response, text }
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[])
  const zone = calendar.getFirstSubcomponent('vtimezone')
  if (zone) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent))
  return { calendar, zone, events, bySummary: (summary: string) => events.find((event) => event.summary === summary) }
}

describe('the calendar feed', () => {
  it('serves the person’s hui, due dates and review dates, and stops when revoked or replaced', async () => {
    const mere = await new ApiClient(server.url).register('Mere Kaiārahi')
    const stranger = await new ApiClient(server.url).register('Stranger')
    const planId = await mere.createPlan('Te Mahere o Whakatāne', 'Whakatāne')
    const strangersPlan = await stranger.createPlan('Someone else’s plan', 'Ōtautahi')

    const plan = await pool.join(mere, server.wsUrl, planId)
    const mine = addPriorityAction(plan.doc, {
      title: 'Wānanga for rangatahi',
      lead: 'Mere',
      leadUserId: mere.user!.id,
      status: 'agreed',
      dueDate: '2099-03-01',
    })
    setActionReviewDate(plan.doc, mine, '2099-02-01')
    addPriorityAction(plan.doc, { title: 'Someone else leads', lead: 'Health NZ', status: 'agreed', dueDate: '2099-04-01' })
    setPlanReviewDate(plan.doc, '2099-06-30')
    const theirs = await pool.join(stranger, server.wsUrl, strangersPlan)
    addPriorityAction(theirs.doc, {
      title: 'Not yours',
      lead: 'Stranger',
      leadUserId: stranger.user!.id,
      status: 'agreed',
      dueDate: '2099-05-01',
    })
    await waitFor(async () => (await mere.request<TrackerResponse>('GET', '/api/tracker?all=1')).body.rows.length === 2, {
      message: 'the actions tracked',
    })

    await mere.request('POST', `/api/plans/${planId}/scheduled-hui`, {
      date: '2099-03-10',
      start: '18:00',
      end: '20:00',
      title: 'Hui ā-hapori',
    })
    const cancelled = await mere.request<{ id: string }>('POST', `/api/plans/${planId}/scheduled-hui`, {
      date: '2099-03-11',
      start: '18:00',
      end: '20:00',
      title: 'Cancelled hui',
    })
    await mere.request('DELETE', `/api/plans/${planId}/scheduled-hui/${cancelled.body.id}`)
    await stranger.request('POST', `/api/plans/${strangersPlan}/scheduled-hui`, {
      date: '2099-03-12',
      start: '09:00',
      end: '10:00',
      title: 'Their hui',
    })

    const created = await mere.request<CalendarFeedCreated>('POST', '/api/me/calendar-feed')
    expect(created.status).toBe(201)
    const url = created.body.url
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/)
    const path = new URL(url).pathname

    // No cookie: the token is the authority.
    const { response, text } = await feed(server.url + path)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    const { zone, events, bySummary } = parse(text)
    expect(zone?.getFirstPropertyValue('tzid')).toBe('Pacific/Auckland')
    expect(events.map((event) => event.summary).sort()).toEqual(
      ['Due: Wānanga for rangatahi', 'Hui ā-hapori', 'Plan review: Te Mahere o Whakatāne', 'Review: Wānanga for rangatahi'].sort(),
    )
    const hui = bySummary('Hui ā-hapori')!
    expect(hui.startDate.toJSDate().toISOString()).toBe('2099-03-10T05:00:00.000Z')
    expect(hui.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Pacific/Auckland')
    const due = bySummary('Due: Wānanga for rangatahi')!
    expect(due.startDate.isDate).toBe(true)
    expect(due.startDate.toString()).toBe('2099-03-01')
    expect(bySummary('Plan review: Te Mahere o Whakatāne')!.startDate.toString()).toBe('2099-06-30')
    expect(text).not.toContain('Their hui')
    expect(text).not.toContain('Not yours')

    // Logged once per plan per person per day, however often a calendar polls.
    await feed(server.url + path)
    const log = await mere.request<AccessLogPage>('GET', `/api/plans/${planId}/access-log?kind=message.sent`)
    expect(log.body.entries.filter((entry) => entry.details.what === 'calendar-feed')).toHaveLength(1)

    // A new address replaces the old one; revoking ends it.
    const renewed = await mere.request<CalendarFeedCreated>('POST', '/api/me/calendar-feed')
    expect((await feed(server.url + path)).response.status).toBe(404)
    const newPath = new URL(renewed.body.url).pathname
    expect((await feed(server.url + newPath)).response.status).toBe(200)
    expect((await mere.request('DELETE', '/api/me/calendar-feed')).status).toBe(204)
    expect((await feed(server.url + newPath)).response.status).toBe(404)
    expect((await feed(`${server.url}/calendar/not-a-token.ics`)).response.status).toBe(404)
    expect((await new ApiClient(server.url).request('POST', '/api/me/calendar-feed')).status).toBe(401)
  })
})
