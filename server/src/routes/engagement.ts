import { Hono } from 'hono'
import { canFacilitate, CommitmentBody, CommitmentId, EngagementBody, EngagementTarget } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { AppError } from '../errors'
import { describeZodIssues, readJsonBody } from './body'
import { commandCaller, runCommand } from './command-http'

/**
 * The engagement level of focus areas and actions (issue 13 §4; facilitators: it records
 * what the hui agreed) and the co-design commitments (§5; any member who speaks for their
 * partner, viewers included), as commands. The partner a commitment is recorded for is the
 * server's record of the caller: the body holds only the text.
 */
export function engagementRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.put('/api/plans/:id/engagement', async (c) => {
    const caller = await commandCaller(c, deps, canFacilitate)
    const body = await readJsonBody(c, EngagementBody)
    return (await runCommand(c, deps, caller, { name: 'putEngagement', body })).response
  })

  app.delete('/api/plans/:id/engagement/:kind/:targetId', async (c) => {
    const caller = await commandCaller(c, deps, canFacilitate)
    const target = EngagementTarget.safeParse({ kind: c.req.param('kind'), id: c.req.param('targetId') })
    if (!target.success) throw new AppError('validation_failed', describeZodIssues(target.error.issues))
    return (await runCommand(c, deps, caller, { name: 'clearEngagement', target: target.data })).response
  })

  app.put('/api/plans/:id/commitments/:commitmentId', async (c) => {
    const caller = await commandCaller(c, deps)
    const commitment = readCommitmentId(c.req.param('commitmentId'))
    const body = await readJsonBody(c, CommitmentBody)
    return (await runCommand(c, deps, caller, { name: 'putCommitment', commitment, body })).response
  })

  app.delete('/api/plans/:id/commitments/:commitmentId', async (c) => {
    const caller = await commandCaller(c, deps)
    const commitment = readCommitmentId(c.req.param('commitmentId'))
    return (await runCommand(c, deps, caller, { name: 'withdrawCommitment', commitment })).response
  })

  return app
}

/** A commitment's id from the path: 404 for one that is not among the six. */
function readCommitmentId(value: string): CommitmentId {
  const parsed = CommitmentId.safeParse(value)
  if (!parsed.success) throw new AppError('not_found', 'No such commitment')
  return parsed.data
}
