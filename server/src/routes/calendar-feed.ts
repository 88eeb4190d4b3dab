import { Hono } from 'hono'
import type { CalendarFeedCreated } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireUser } from '../auth/access'
import { calendarFeedIcs, type DateEvent } from '../calendar/ics'
import { aucklandDay } from '../db/access-log'
import { hashSecretToken, isWellFormedSecretToken, newSecretToken } from '../db/ids'
import { notFound } from '../errors'
import { publicUrl } from '../mail/links'
import { huiEvent, planUrl } from './scheduled-hui-mail'
import { MAX_PLANS_DERIVED_PER_REQUEST } from './tracker'
import { comparableName, involvesOrganisation } from './tracker-select'

/** Hui that ended up to this long ago stay in the feed (a calendar keeps showing last week's hui). */
const PAST_HUI_MS = 30 * 24 * 60 * 60 * 1000
/** Hui in one feed at most. */
const FEED_HUI_LIMIT = 500
/** Plan-person pairs remembered for the access log's once-a-day coalescing before the set is cleared. */
const REMEMBERED = 50_000

/**
 * Remembers which plans' feed reads were logged today, per person: a calendar app polls the
 * feed every few minutes, and the access log needs one 'message.sent' per plan per person per
 * Aotearoa day. In-process only (like OpeningRecorder): after a restart a second entry that day is possible.
 */
class FeedLogCoalescer {
  private readonly logged = new Set<string>()
  private day = ''

  /** Whether `planId` for `userId` still needs logging today; marks it logged. */
  take(planId: string, userId: string, now: number): boolean {
    const today = aucklandDay(now)
    if (today !== this.day || this.logged.size >= REMEMBERED) {
      this.logged.clear()
      this.day = today
    }
    const key = `${planId}\u0000${userId}`
    if (this.logged.has(key)) return false
    this.logged.add(key)
    return true
  }
}

/**
 * A person's private calendar feed (issue 14): `POST /api/me/calendar-feed` makes a new
 * address (a 32-byte random token, only its SHA-256 stored; the previous address stops
 * working), `DELETE` revokes it, and `GET /calendar/<token>.ics` serves the feed with no
 * cookie: the token is the authority, so it is never logged and the answer is never cached.
 */
export function calendarFeedRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const coalescer = new FeedLogCoalescer()

  app.post('/api/me/calendar-feed', async (c) => {
    const user = requireUser(c)
    const token = newSecretToken()
    await deps.repos.scheduledHui.createCalendarFeed(user.id, hashSecretToken(token), deps.now())
    const response: CalendarFeedCreated = { url: publicUrl(deps.config, `/calendar/${token}.ics`) }
    return c.json(response, 201)
  })

  app.delete('/api/me/calendar-feed', async (c) => {
    const user = requireUser(c)
    await deps.repos.scheduledHui.revokeCalendarFeeds(user.id, deps.now())
    return c.body(null, 204)
  })

  app.get('/calendar/:file', async (c) => {
    const file = c.req.param('file')
    const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : ''
    const feed = isWellFormedSecretToken(token) ? await deps.repos.scheduledHui.findCalendarFeed(hashSecretToken(token)) : null
    if (!feed) throw notFound('No such calendar feed (it may have been revoked)')
    const ics = await buildFeed(deps, feed.userId, coalescer)
    c.header('Content-Type', 'text/calendar; charset=utf-8')
    c.header('Cache-Control', 'private, no-store')
    return c.body(ics)
  })

  return app
}

async function buildFeed(deps: AppDeps, userId: string, coalescer: FeedLogCoalescer): Promise<string> {
  const now = deps.now()
  // Like the tracker: plans changed since their rows were derived are brought up to date first.
  for (const planId of await deps.repos.tracker.stalePlansForUser(userId, MAX_PLANS_DERIVED_PER_REQUEST)) {
    try {
      await deps.collab.refreshDerived(planId)
    } catch (error) {
      deps.log.warn({ event: 'calendar_feed.derive_failed', planId, userId, err: error }, 'feed uses older tracker rows')
    }
  }
  const memberships = await deps.repos.plans.listPlansForUser(userId)
  const live = new Map(memberships.filter((plan) => plan.deletedAt === null).map((plan) => [plan.id, plan]))
  const hui = (await deps.repos.scheduledHui.scheduledHuiForUser(userId, now - PAST_HUI_MS, FEED_HUI_LIMIT)).filter((row) =>
    live.has(row.planId),
  )
  // The tracker's `organisation` rule: actions the person's organisations lead or partner in.
  const organisations = new Set((await deps.repos.tracker.organisationsOfUser(userId)).map(comparableName).filter((name) => name !== ''))
  const actions = (await deps.repos.tracker.trackedActionsForUser(userId)).filter(
    (action) =>
      live.has(action.planId) &&
      action.status !== 'done' &&
      action.status !== 'stopped' &&
      (action.leadUserId === userId || involvesOrganisation(action, organisations)),
  )
  const dates: DateEvent[] = []
  for (const action of actions) {
    const url = planUrl(deps, action.planId)
    if (action.dueDate) {
      dates.push({
        uid: `due-${action.planId}-${action.actionId}@hononga`,
        date: action.dueDate,
        summary: `Due: ${action.title}`,
        description: `${action.planTitle}\nLead: ${action.lead}`,
        url,
      })
    }
    if (action.reviewDate) {
      dates.push({
        uid: `review-${action.planId}-${action.actionId}@hononga`,
        date: action.reviewDate,
        summary: `Review: ${action.title}`,
        description: action.planTitle,
        url,
      })
    }
  }
  const reviews = (await deps.repos.scheduledHui.planReviewDatesForUser(userId)).filter((plan) => live.has(plan.planId))
  for (const plan of reviews) {
    dates.push({
      uid: `review-${plan.planId}@hononga`,
      date: plan.reviewDate,
      summary: `Plan review: ${plan.planTitle}`,
      description: plan.planTitle,
      url: planUrl(deps, plan.planId),
    })
  }
  const titles = new Map([...live.values()].map((plan) => [plan.id, plan.title]))
  const ics = calendarFeedIcs({
    name: 'Hononga',
    hui: hui.map((row) => huiEvent(deps, row, titles.get(row.planId) ?? row.planTitle)),
    dates,
    stamp: now,
  })
  // The feed carries these plans' titles and dates out of the app: each is in its access log once a day.
  const shown = new Set([...hui.map((row) => row.planId), ...actions.map((action) => action.planId)])
  for (const plan of reviews) shown.add(plan.planId)
  for (const planId of shown) {
    const membership = live.get(planId)
    if (!membership || !coalescer.take(planId, userId, now)) continue
    await deps.repos.access.recordAccess({
      planId,
      userId,
      affiliation: membership.affiliation,
      organisation: membership.organisation,
      kind: 'message.sent',
      details: { what: 'calendar-feed' },
      at: now,
    })
  }
  return ics
}
