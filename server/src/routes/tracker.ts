import { Hono } from 'hono'
import { TrackerQuery, type TrackerResponse } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireUser } from '../auth/access'
import { readQuery } from './body'
import { aucklandDate, selectTrackerRows } from './tracker-select'

/** Plans whose tracker rows are re-derived in one request at most; the rest wait for the next. */
export const MAX_PLANS_DERIVED_PER_REQUEST = 20

/**
 * The action tracker: the priority actions of every plan the person belongs to, read from
 * the derived `tracked_actions` table (never by opening plans in a browser).
 */
export function trackerRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/api/tracker', async (c) => {
    const user = requireUser(c)
    const query = readQuery(c, TrackerQuery)
    // Plans changed since their rows were derived (or never derived) are brought up to date
    // first, one at a time, through the engine.
    for (const planId of await deps.repos.tracker.stalePlansForUser(user.id, MAX_PLANS_DERIVED_PER_REQUEST)) {
      try {
        await deps.collab.refreshDerived(planId)
      } catch (error) {
        deps.log.warn(
          { event: 'tracker.derive_failed', planId, userId: user.id, err: error },
          'could not bring a plan’s tracker rows up to date',
        )
      }
    }
    const today = aucklandDate(deps.now())
    const actions = await deps.repos.tracker.trackedActionsForUser(user.id, {
      ...(query.planId !== undefined ? { planId: query.planId } : {}),
      ...(query.mine ? { leadUserId: user.id } : {}),
    })
    const context = { userId: user.id, organisations: await deps.repos.tracker.organisationsOfUser(user.id), today }
    const rows = selectTrackerRows(actions, query, context)
    const notYetAgreed = query.all ? 0 : selectTrackerRows(actions, { ...query, all: true }, context).length - rows.length
    const response: TrackerResponse = { rows, notYetAgreed, today }
    return c.json(response)
  })

  return app
}
