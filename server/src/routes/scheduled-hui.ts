import { Hono, type Context } from 'hono'
import {
  canFacilitate,
  HuiResponseBody,
  ScheduledHuiBody,
  ScheduledHuiPatchBody,
  type ScheduledHuiList,
  type ScheduledHuiView,
} from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership } from '../auth/access'
import { aucklandDateTime, aucklandToUtc } from '../calendar/nz-time'
import { isWellFormedId, newId } from '../db/ids'
import type { HuiAnswer, ScheduledHuiFields, ScheduledHuiRow } from '../db/scheduled-hui'
import { AppError, notFound } from '../errors'
import { huiWhen, type HuiMailChange } from '../mail/templates/hui'
import { notify } from '../notifications/notify'
import type { Repos } from '../repos/types'
import { readJsonBody } from './body'
import { agendaOf, prepareInvitees, sendHuiMail } from './scheduled-hui-mail'

/** How far back "recent" hui reach in the list (ended within the last 30 days). */
const RECENT_MS = 30 * 24 * 60 * 60 * 1000
/** Hui listed per plan at most. */
const LIST_LIMIT = 100

const NO_SUCH_HUI = 'No such scheduled hui in this plan, or it was cancelled or has started'

/** The instant of a wall-clock time in Aotearoa, or 400 (malformed, or skipped when clocks go forward). */
function instantOf(date: string, time: string): number {
  const at = aucklandToUtc(date, time)
  if (at === null) {
    throw new AppError('validation_failed', `${date} ${time} does not exist in Aotearoa (the clocks skip that hour): choose another time`)
  }
  return at
}

/** The start and end instants; 400 unless the end is after the start. */
function timesOf(date: string, start: string, end: string): { startsAt: number; endsAt: number } {
  const startsAt = instantOf(date, start)
  const endsAt = instantOf(date, end)
  if (endsAt <= startsAt) throw new AppError('validation_failed', 'The hui must end after it starts')
  return { startsAt, endsAt }
}

async function planTitleOf(deps: AppDeps, planId: string): Promise<string> {
  return (await deps.repos.plans.getPlanHeading(planId))?.title ?? ''
}

async function refuseLocked(deps: AppDeps, planId: string): Promise<void> {
  if (await deps.repos.plans.isPlanLocked(planId))
    throw new AppError('plan_archived', 'This plan is archived or deleted: no hui can be scheduled')
}

function huiIdOf(c: Context<AppEnv>): string {
  const huiId = c.req.param('huiId')
  if (!isWellFormedId(huiId)) throw notFound(NO_SUCH_HUI)
  return huiId
}

/** The hui as members see it: with the caller's own answer and everyone's counts. */
function toView(row: ScheduledHuiRow, answers: { huiId: string; userId: string; response: HuiAnswer }[], userId: string): ScheduledHuiView {
  const mine = answers.filter((a) => a.huiId === row.id)
  const count = (response: HuiAnswer) => mine.filter((a) => a.response === response).length
  return {
    id: row.id,
    planId: row.planId,
    title: row.title,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.timeZone,
    place: row.place,
    onlineUrl: row.onlineUrl,
    agenda: agendaOf(row),
    sequence: row.sequence,
    status: row.status,
    myResponse: mine.find((a) => a.userId === userId)?.response ?? null,
    counts: { yes: count('yes'), no: count('no'), maybe: count('maybe') },
  }
}

/**
 * Scheduling a hui (issue 14): facilitators schedule, change and cancel; every member sees
 * the plan's hui and says whether they are coming. With mail on, each change goes to every
 * member with a verified email, with a calendar entry (.ics) attached, in the same
 * transaction as the change.
 */
export function scheduledHuiRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  /**
   * Stores a change, queues its mail and tells every other member in the app ('hui-scheduled',
   * 'hui-changed'), all in one transaction; returns the row as stored. The in-app notice is
   * recorded as emailed: the invitation with its calendar entry is its email.
   */
  async function changeAndMail(
    planId: string,
    actorId: string,
    change: HuiMailChange,
    write: (tx: Repos) => Promise<ScheduledHuiRow | null>,
  ) {
    const prepared = await prepareInvitees(deps, planId)
    const planTitle = await planTitleOf(deps, planId)
    return deps.repos.transaction(async (tx) => {
      const row = await write(tx)
      if (!row) throw notFound(NO_SUCH_HUI)
      await sendHuiMail(deps, tx, prepared, { row, planTitle, change })
      const at = deps.now()
      for (const member of await tx.members.listMembers(planId)) {
        if (member.userId === actorId) continue
        await notify(
          tx,
          {
            userId: member.userId,
            planId,
            kind: change === 'new' ? 'hui-scheduled' : 'hui-changed',
            // One notice per version of the hui: every change raises its SEQUENCE.
            dedupeKey: `hui:${row.id}:${row.sequence}`,
            payload: { title: row.title, planTitle, when: huiWhen('en', row.startsAt, row.endsAt), cancelled: change === 'cancelled' },
            emailedAt: at,
          },
          at,
        )
      }
      return row
    })
  }

  app.post('/api/plans/:id/scheduled-hui', async (c) => {
    const membership = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const body = await readJsonBody(c, ScheduledHuiBody)
    const planId = membership.planId
    await refuseLocked(deps, planId)
    const { startsAt, endsAt } = timesOf(body.date, body.start, body.end)
    const title = body.title || `Hui: ${await planTitleOf(deps, planId)}`
    const id = newId()
    const row = await changeAndMail(planId, membership.userId, 'new', async (tx) => {
      await tx.scheduledHui.insertScheduledHui({
        id,
        planId,
        title,
        startsAt,
        endsAt,
        place: body.place || null,
        onlineUrl: body.onlineUrl || null,
        agenda: JSON.stringify(body.agenda ?? []),
        createdBy: membership.userId,
        at: deps.now(),
      })
      return tx.scheduledHui.findScheduledHui(planId, id)
    })
    return c.json(toView(row, [], membership.userId), 201)
  })

  app.patch('/api/plans/:id/scheduled-hui/:huiId', async (c) => {
    const membership = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const huiId = huiIdOf(c)
    const body = await readJsonBody(c, ScheduledHuiPatchBody)
    const planId = membership.planId
    const current = await deps.repos.scheduledHui.findScheduledHui(planId, huiId)
    if (!current || current.status !== 'scheduled') throw notFound(NO_SUCH_HUI)
    const fields: Partial<ScheduledHuiFields> = {}
    if (body.date !== undefined || body.start !== undefined || body.end !== undefined) {
      const start = aucklandDateTime(current.startsAt)
      Object.assign(fields, timesOf(body.date ?? start.date, body.start ?? start.time, body.end ?? aucklandDateTime(current.endsAt).time))
    }
    if (body.title !== undefined) fields.title = body.title || current.title
    if (body.place !== undefined) fields.place = body.place || null
    if (body.onlineUrl !== undefined) fields.onlineUrl = body.onlineUrl || null
    if (body.agenda !== undefined) fields.agenda = JSON.stringify(body.agenda)
    // Nothing to change: no new SEQUENCE, no mail.
    if (Object.keys(fields).length === 0) {
      return c.json(toView(current, await deps.repos.scheduledHui.listHuiResponses([current.id]), membership.userId))
    }
    const row = await changeAndMail(planId, membership.userId, 'changed', (tx) =>
      tx.scheduledHui.updateScheduledHui(planId, huiId, fields, deps.now()),
    )
    const answers = await deps.repos.scheduledHui.listHuiResponses([row.id])
    return c.json(toView(row, answers, membership.userId))
  })

  app.delete('/api/plans/:id/scheduled-hui/:huiId', async (c) => {
    const membership = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const huiId = huiIdOf(c)
    const planId = membership.planId
    const row = await changeAndMail(planId, membership.userId, 'cancelled', (tx) =>
      tx.scheduledHui.cancelScheduledHui(planId, huiId, deps.now()),
    )
    const answers = await deps.repos.scheduledHui.listHuiResponses([row.id])
    return c.json(toView(row, answers, membership.userId))
  })

  app.get('/api/plans/:id/scheduled-hui', async (c) => {
    const membership = await requireMembership(c, deps, c.req.param('id'))
    const now = deps.now()
    const rows = await deps.repos.scheduledHui.listPlanScheduledHui(membership.planId, now - RECENT_MS, LIST_LIMIT)
    const answers = await deps.repos.scheduledHui.listHuiResponses(rows.map((row) => row.id))
    const views = rows.map((row) => toView(row, answers, membership.userId))
    const upcoming = views.filter((hui) => hui.endsAt >= now && hui.status === 'scheduled')
    const recent = views.filter((hui) => !upcoming.includes(hui)).reverse()
    const response: ScheduledHuiList = { upcoming, recent }
    return c.json(response)
  })

  app.put('/api/plans/:id/scheduled-hui/:huiId/response', async (c) => {
    const membership = await requireMembership(c, deps, c.req.param('id'))
    const huiId = huiIdOf(c)
    const body = await readJsonBody(c, HuiResponseBody)
    const row = await deps.repos.scheduledHui.findScheduledHui(membership.planId, huiId)
    if (!row || row.status === 'cancelled') throw notFound('No such scheduled hui in this plan, or it was cancelled')
    await deps.repos.scheduledHui.upsertHuiResponse(huiId, membership.userId, body.response, deps.now())
    const answers = await deps.repos.scheduledHui.listHuiResponses([huiId])
    return c.json(toView(row, answers, membership.userId))
  })

  return app
}
