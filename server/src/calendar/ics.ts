import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator'
import { tzlib_get_ical_block } from 'timezones-ical-library'
import { aucklandWallClock, HUI_TIME_ZONE, wallClockAsUtc } from './nz-time'

/**
 * iCalendar files, built with ical-generator (never by hand): the invitation attached to hui
 * mail (METHOD:REQUEST, or METHOD:CANCEL) and a person's calendar feed. Timed events carry
 * TZID=Pacific/Auckland with its VTIMEZONE (from timezones-ical-library), so a calendar in
 * any zone shows the right instant across daylight-saving changes.
 */

const PRODUCT_ID = { company: 'Hononga', product: 'Hononga', language: 'EN' }

/** The VTIMEZONE block of a zone, as ical-generator asks for it. */
function vtimezone(name: string): string | null {
  const block = tzlib_get_ical_block(name)
  return Array.isArray(block) && typeof block[0] === 'string' ? block[0] : null
}

/**
 * ical-generator prints a plain Date's UTC fields: so an Aotearoa event is given the Date whose
 * UTC fields are its Aotearoa wall clock, with TZID=Pacific/Auckland.
 */
function wallDate(ms: number): Date {
  return new Date(wallClockAsUtc(aucklandWallClock(ms)))
}

function newCalendar(name: string, method: ICalCalendarMethod | null): ICalCalendar {
  return ical({ name, prodId: PRODUCT_ID, method, timezone: { name: HUI_TIME_ZONE, generator: vtimezone } })
}

/**
 * The calendar as text. DTSTAMP must be UTC (RFC 5545 §3.8.7.2); with a calendar time zone
 * set, ical-generator prints its UTC value without the `Z`, so it is added here.
 */
function render(calendar: ICalCalendar): string {
  return calendar.toString().replace(/^DTSTAMP:(\d{8}T\d{6})\r$/gm, 'DTSTAMP:$1Z\r')
}

/** A scheduled hui as an iCalendar event needs it. */
export interface HuiEvent {
  id: string
  title: string
  startsAt: number
  endsAt: number
  place: string | null
  onlineUrl: string | null
  sequence: number
  /** Plain text: the agenda, the online link, the plan's address. */
  description: string
  /** The plan's address in Hononga. */
  planUrl: string
  updatedAt: number
}

/** The stable UID of a scheduled hui: every update and the cancellation replace the same calendar entry. */
export function huiUid(huiId: string): string {
  return `hui-${huiId}@hononga`
}

function addHui(calendar: ICalCalendar, hui: HuiEvent, cancelled: boolean) {
  return calendar.createEvent({
    id: huiUid(hui.id),
    sequence: hui.sequence,
    stamp: new Date(hui.updatedAt),
    start: wallDate(hui.startsAt),
    end: wallDate(hui.endsAt),
    timezone: HUI_TIME_ZONE,
    summary: hui.title,
    location: hui.place,
    url: hui.onlineUrl ?? hui.planUrl,
    description: hui.description,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  })
}

/**
 * The .ics attached to a hui invitation, change or cancellation. The organiser is the
 * no-reply sender and every attendee has RSVP=FALSE, so calendars do not send replies to an
 * address nobody reads: members answer in the app.
 */
export function huiInvitationIcs(input: {
  hui: HuiEvent
  method: 'REQUEST' | 'CANCEL'
  organizer: { name: string; email: string }
  attendees: { name: string; email: string }[]
}): string {
  const method = input.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST
  const calendar = newCalendar(input.hui.title, method)
  const event = addHui(calendar, input.hui, input.method === 'CANCEL')
  event.organizer(input.organizer)
  for (const attendee of input.attendees) event.createAttendee({ name: attendee.name, email: attendee.email, rsvp: false })
  return render(calendar)
}

/** A date without a time (a due date, a review date): an all-day event. */
export interface DateEvent {
  uid: string
  /** YYYY-MM-DD */
  date: string
  summary: string
  description: string
  url: string
}

/** A person's calendar feed: their plans' hui (timed, Pacific/Auckland) and their dates (all-day). */
export function calendarFeedIcs(input: { name: string; hui: HuiEvent[]; dates: DateEvent[]; stamp: number }): string {
  const calendar = newCalendar(input.name, null)
  for (const hui of input.hui) addHui(calendar, hui, false)
  for (const date of input.dates) {
    const [year, month, day] = date.date.split('-').map(Number) as [number, number, number]
    calendar.createEvent({
      id: date.uid,
      stamp: new Date(input.stamp),
      start: new Date(Date.UTC(year, month - 1, day)),
      allDay: true,
      summary: date.summary,
      description: date.description,
      url: date.url,
    })
  }
  return render(calendar)
}
