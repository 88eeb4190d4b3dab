import { Hono } from 'hono'
import { ProgressBody } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { readJsonBody } from './body'
import { commandCaller, runCommand } from './command-http'

/**
 * Progress reports on a priority action, as commands: editors and facilitators report in
 * their own name; the author or a facilitator removes a report.
 */
export function progressRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/api/plans/:id/actions/:actionId/progress', async (c) => {
    const caller = await commandCaller(c, deps)
    const body = await readJsonBody(c, ProgressBody)
    return (await runCommand(c, deps, caller, { name: 'addProgress', actionId: c.req.param('actionId'), body })).response
  })

  app.delete('/api/plans/:id/actions/:actionId/progress/:entryId', async (c) => {
    const caller = await commandCaller(c, deps)
    const command = { name: 'deleteProgress', actionId: c.req.param('actionId'), entryId: c.req.param('entryId') } as const
    return (await runCommand(c, deps, caller, command)).response
  })

  return app
}
