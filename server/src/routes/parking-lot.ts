import { Hono } from 'hono'
import { ParkBody, ParkPatchBody } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { isWellFormedId } from '../db/ids'
import { AppError } from '../errors'
import { readJsonBody } from './body'
import { commandCaller, runCommand } from './command-http'

/**
 * The parking lot, as commands (collab/commands/parking-lot.ts has who may do what). A
 * topic's owner is a member of the plan, named from the server's records.
 */
export function parkingLotRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.post('/api/plans/:id/parking-lot', async (c) => {
    const caller = await commandCaller(c, deps)
    const body = await readJsonBody(c, ParkBody)
    return (await runCommand(c, deps, caller, { name: 'park', body })).response
  })

  app.patch('/api/plans/:id/parking-lot/:topicId', async (c) => {
    const caller = await commandCaller(c, deps)
    const body = await readJsonBody(c, ParkPatchBody)
    let owner: { id: string; name: string } | null | undefined
    if (body.owner === null) owner = null
    else if (body.owner !== undefined) {
      const member = isWellFormedId(body.owner) ? await deps.repos.members.findMember(caller.planId, body.owner) : null
      if (!member) throw new AppError('validation_failed', 'owner: not a member of this plan')
      owner = { id: member.userId, name: member.name }
    }
    return (await runCommand(c, deps, caller, { name: 'patchTopic', topicId: c.req.param('topicId'), body, owner })).response
  })

  // No body: the topic says everything the action starts with (collab/commands/promote.ts).
  app.post('/api/plans/:id/parking-lot/:topicId/promote', async (c) => {
    const caller = await commandCaller(c, deps)
    return (await runCommand(c, deps, caller, { name: 'promoteTopic', topicId: c.req.param('topicId') })).response
  })

  app.delete('/api/plans/:id/parking-lot/:topicId', async (c) => {
    const caller = await commandCaller(c, deps)
    return (await runCommand(c, deps, caller, { name: 'deleteTopic', topicId: c.req.param('topicId') })).response
  })

  return app
}
