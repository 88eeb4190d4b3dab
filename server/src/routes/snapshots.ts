import { Hono } from 'hono'
import { canEdit, canFacilitate, CreateSnapshotBody } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership } from '../auth/access'
import { notFound } from '../errors'
import { recordAccessQuietly } from './access-log'
import { readJsonBody } from './body'
import { withQuota } from './quota'

/**
 * Snapshots of a plan. Any member lists and previews them; editors and facilitators save
 * a named one (a save point is additive: it changes nothing; QUOTA_SNAPSHOTS_PER_HOUR per
 * person, as each keeps a whole copy of the plan); only facilitators restore.
 */
export function snapshotRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/api/plans/:id/snapshots', async (c) => {
    const { planId } = await requireMembership(c, deps, c.req.param('id'))
    return c.json(await deps.collab.listSnapshots(planId))
  })

  app.post('/api/plans/:id/snapshots', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'), canEdit)
    const { label, snapshot } = await withQuota(deps, 'snapshots', userId, async () => {
      const { label } = await readJsonBody(c, CreateSnapshotBody)
      return { label, snapshot: await deps.collab.createSnapshot(planId, label, userId) }
    })
    await deps.repos.audit.recordAudit({
      planId,
      actorId: userId,
      event: 'snapshot.created',
      details: { snapshotId: snapshot.id, label },
      at: deps.now(),
    })
    return c.json(snapshot, 201)
  })

  app.get('/api/plans/:id/snapshots/:sid', async (c) => {
    const member = await requireMembership(c, deps, c.req.param('id'))
    const snapshotId = c.req.param('sid')
    const plan = await deps.collab.renderSnapshot(member.planId, snapshotId)
    if (!plan) throw notFound('No such snapshot in this plan')
    // For the access log only: a failure here must not keep the snapshot from its reader.
    const snapshots = await deps.collab.listSnapshots(member.planId).catch(() => [])
    const label = snapshots.find((s) => s.id === snapshotId)?.label ?? null
    await recordAccessQuietly(deps, member, 'snapshot.viewed', { snapshotId, label })
    return c.json(plan)
  })

  app.post('/api/plans/:id/snapshots/:sid/restore', async (c) => {
    const { planId, userId } = await requireMembership(c, deps, c.req.param('id'), canFacilitate)
    const snapshotId = c.req.param('sid')
    const result = await deps.collab.restoreSnapshot(planId, snapshotId, userId)
    if (!result) throw notFound('No such snapshot in this plan')
    await deps.repos.audit.recordAudit({
      planId,
      actorId: userId,
      event: 'snapshot.restored',
      details: { snapshotId, before: result.before.id },
      at: deps.now(),
    })
    return c.json({ restored: snapshotId, before: result.before })
  })

  return app
}
