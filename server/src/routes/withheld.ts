import { Hono } from 'hono'
import {
  AgreementTarget,
  canFacilitate,
  ReleaseBody,
  ReleaseDecisionBody,
  releasedPlan,
  releaseFromJson,
  WithheldBody,
  type PlanJson,
  type ReleaseRequest,
  type WithheldNotice,
} from '@hononga/shared'
import type { AppDeps, AppEnv, Membership } from '../app-env'
import { AppError, forbidden, notFound } from '../errors'
import { recordAccessQuietly } from './access-log'
import { describeZodIssues, readJsonBody } from './body'
import { commandCaller, runCommand } from './command-http'

/**
 * Partners decide what leaves the plan (issue 13 §3), as commands (see
 * collab/commands/withheld.ts for who may do what). Asking for a release and deciding on it
 * are recorded in the plan's access log ('release.requested', 'release.decided') once the
 * command is stored; a replayed answer (same Idempotency-Key) is not recorded twice.
 */
export function withheldRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.put('/api/plans/:id/withheld', async (c) => {
    const caller = await commandCaller(c, deps)
    const body = await readJsonBody(c, WithheldBody)
    return (await runCommand(c, deps, caller, { name: 'putWithheld', body })).response
  })

  app.delete('/api/plans/:id/withheld/:kind/:targetId', async (c) => {
    const caller = await commandCaller(c, deps)
    const target = AgreementTarget.safeParse({ kind: c.req.param('kind'), id: c.req.param('targetId') })
    if (!target.success) throw new AppError('validation_failed', describeZodIssues(target.error.issues))
    return (await runCommand(c, deps, caller, { name: 'withdrawWithheld', target: target.data })).response
  })

  app.post('/api/plans/:id/releases', async (c) => {
    const caller = await commandCaller(c, deps)
    const body = await readJsonBody(c, ReleaseBody)
    const { answer, response } = await runCommand(c, deps, caller, { name: 'requestRelease', body })
    const release = answer.body as ReleaseRequest | null
    if (!answer.replayed && release) {
      await recordAccessQuietly(deps, caller, 'release.requested', { releaseId: release.id, items: release.items.length })
    }
    return response
  })

  app.post('/api/plans/:id/releases/:requestId/decision', async (c) => {
    const caller = await commandCaller(c, deps)
    const requestId = c.req.param('requestId')
    if (requestId.length > 64) throw new AppError('not_found', 'No such release request in this plan')
    const body = await readJsonBody(c, ReleaseDecisionBody)
    const { answer, response } = await runCommand(c, deps, caller, { name: 'decideRelease', requestId, body })
    const release = answer.body as ReleaseRequest | null
    if (!answer.replayed && release) {
      await recordAccessQuietly(deps, caller, 'release.decided', { releaseId: release.id, decision: body.decision })
    }
    return response
  })

  return app
}

/** Who asks for a plan that leaves it: the caller's own membership. */
type Leaver = Pick<Membership, 'planId' | 'userId' | 'role'>

/**
 * The plan as it may leave the plan for this caller (exports, print, minutes, snapshot and
 * template downloads): {@link releasedPlan} under the release named by `releaseId` (the
 * `?release=` query), or none. A release may be used by the person who asked for it and by
 * facilitators (403 for others; 404 when the plan has no such request). `render` is the plan
 * to release (the live plan by default; a snapshot's for snapshot downloads).
 */
export async function releasedForCaller(
  deps: AppDeps,
  member: Leaver,
  releaseId: string | null | undefined,
  render: () => Promise<PlanJson> = () => deps.collab.renderPlan(member.planId),
): Promise<{ plan: PlanJson; withheld: WithheldNotice[]; releaseId: string | null }> {
  const plan = await render()
  if (releaseId === null || releaseId === undefined || releaseId === '') return { ...releasedPlan(plan, null), releaseId: null }
  const found = plan.releases.find((release) => release.id === releaseId)
  if (!found) throw notFound('No such release request in this plan')
  if (found.requestedBy.userId !== member.userId && !canFacilitate(member.role)) {
    throw forbidden('Only the person who asked for this release, or a facilitator, may use it')
  }
  return { ...releasedPlan(plan, releaseFromJson(found)), releaseId }
}

/** What an access-log entry of a download says about withheld items. */
export function releaseDetails(released: { withheld: readonly WithheldNotice[]; releaseId: string | null }): Record<string, unknown> {
  // Only what a reader of the log needs: most downloads use no release and lose nothing.
  return {
    ...(released.releaseId !== null ? { releaseId: released.releaseId } : {}),
    ...(released.withheld.length > 0 ? { withheld: released.withheld.length } : {}),
  }
}
