import { Hono } from 'hono'
import { canFacilitate, HuiAdvanceBody, HuiFocusBody, HuiStartBody, HuiTimerBody, type HuiEndResult } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { notFound } from '../errors'
import { readJsonBody } from './body'
import { commandCaller, runCommand } from './command-http'
import { agendaOf } from './scheduled-hui-mail'

/**
 * Running a hui, as commands (facilitators): start it, move to an agenda item, pause,
 * resume or extend the timer, say where everyone follows, and end it (the server keeps the
 * minutes as a named snapshot). The agenda itself is facilitators' content, edited on their devices.
 */
export function huiRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/api/plans/:id/hui/start', async (c) => {
    const caller = await commandCaller(c, deps, canFacilitate)
    // An empty body starts the hui with the agenda as it is.
    const body = (await c.req.text()).trim() === '' ? {} : await readJsonBody(c, HuiStartBody)
    if (body.scheduledHuiId === undefined) return (await runCommand(c, deps, caller, { name: 'huiStart', body })).response
    // A scheduled hui (issue 14): the hui takes its agenda, and it is marked started.
    const scheduled = await deps.repos.scheduledHui.findScheduledHui(caller.planId, body.scheduledHuiId)
    if (!scheduled || scheduled.status === 'cancelled') throw notFound('No such scheduled hui in this plan, or it was cancelled')
    const { response } = await runCommand(c, deps, caller, { name: 'huiStart', body, agenda: agendaOf(scheduled) })
    await deps.repos.scheduledHui.markScheduledHuiStarted(caller.planId, scheduled.id, deps.now())
    return response
  })

  app.post('/api/plans/:id/hui/advance', async (c) => {
    const caller = await commandCaller(c, deps, canFacilitate)
    const body = await readJsonBody(c, HuiAdvanceBody)
    return (await runCommand(c, deps, caller, { name: 'huiAdvance', body })).response
  })

  app.post('/api/plans/:id/hui/timer', async (c) => {
    const caller = await commandCaller(c, deps, canFacilitate)
    const body = await readJsonBody(c, HuiTimerBody)
    return (await runCommand(c, deps, caller, { name: 'huiTimer', body })).response
  })

  app.post('/api/plans/:id/hui/focus', async (c) => {
    const caller = await commandCaller(c, deps, canFacilitate)
    const body = await readJsonBody(c, HuiFocusBody)
    return (await runCommand(c, deps, caller, { name: 'huiFocus', body })).response
  })

  app.post('/api/plans/:id/hui/end', async (c) => {
    const caller = await commandCaller(c, deps, canFacilitate)
    const { answer, response } = await runCommand(c, deps, caller, { name: 'huiEnd' })
    const result = answer.body as HuiEndResult
    if (!answer.replayed) {
      await deps.repos.audit.recordAudit({
        planId: caller.planId,
        actorId: caller.userId,
        event: 'hui.ended',
        details: { huiId: result.huiId, snapshotId: result.snapshot.id },
        at: deps.now(),
      })
    }
    return response
  })

  return app
}
