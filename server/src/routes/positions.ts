import { Hono } from 'hono'
import { AgreementTarget, PositionBody } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { AppError } from '../errors'
import { describeZodIssues, readJsonBody } from './body'
import { commandCaller, runCommand } from './command-http'

/**
 * Partners' positions, as commands: a member who speaks for their partner (any role,
 * viewers included) records or withdraws that partner's position. The partner and the
 * name recorded are the server's record of the caller.
 */
export function positionRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.put('/api/plans/:id/positions', async (c) => {
    const caller = await commandCaller(c, deps)
    const body = await readJsonBody(c, PositionBody)
    return (await runCommand(c, deps, caller, { name: 'putPosition', body })).response
  })

  app.delete('/api/plans/:id/positions/:kind/:targetId', async (c) => {
    const caller = await commandCaller(c, deps)
    const target = AgreementTarget.safeParse({ kind: c.req.param('kind'), id: c.req.param('targetId') })
    if (!target.success) throw new AppError('validation_failed', describeZodIssues(target.error.issues))
    return (await runCommand(c, deps, caller, { name: 'withdrawPosition', target: target.data })).response
  })

  return app
}
