import { Hono } from 'hono'
import { z } from 'zod'
import { toTemplateFile, type PrintablePlan, type SnapshotExport, type SnapshotSummary } from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { requireMembership, requireUser } from '../auth/access'
import { notFound } from '../errors'
import { recordDownload } from './access-log'
import { readQuery } from './body'
import { releaseDetails, releasedForCaller } from './withheld'

const ReleaseQuery = z.object({ release: z.string().max(64).optional() })
const SnapshotExportQuery = ReleaseQuery.extend({ purpose: z.enum(['snapshot', 'minutes']).default('snapshot') })

/** The snapshot's summary (its label for the log), or 404 when the plan has no such snapshot. */
async function findSnapshot(deps: AppDeps, planId: string, snapshotId: string): Promise<SnapshotSummary> {
  const snapshot = (await deps.collab.listSnapshots(planId)).find((s) => s.id === snapshotId)
  if (!snapshot) throw notFound('No such snapshot in this plan')
  return snapshot
}

/**
 * What leaves the plan on paper or as a file the browser writes (issue 13 §2, §3): the printable
 * plan, a snapshot or a hui's minutes to download, and a template file. Members only (404
 * otherwise). Each takes out what partners withheld (unless `?release=` names a release they
 * approved: routes/withheld.ts releasedForCaller), records the access before handing anything
 * over (503 when it cannot: no record, no printout), then gives the content with a notice of
 * each item left out. The browser only lays it out (and prints it with window.print).
 */
export function printoutRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/api/plans/:id/printable', async (c) => {
    const member = await requireMembership(c, deps, c.req.param('id'))
    const { release } = readQuery(c, ReleaseQuery)
    const released = await releasedForCaller(deps, member, release)
    await recordDownload(deps, member, 'plan.printed', releaseDetails(released))
    const body: PrintablePlan = { plan: released.plan, withheld: released.withheld }
    return c.json(body)
  })

  app.get('/api/plans/:id/snapshots/:sid/export', async (c) => {
    const member = await requireMembership(c, deps, c.req.param('id'))
    const { purpose, release } = readQuery(c, SnapshotExportQuery)
    const snapshotId = c.req.param('sid')
    const snapshot = await findSnapshot(deps, member.planId, snapshotId)
    const released = await releasedForCaller(deps, member, release, async () => {
      const plan = await deps.collab.renderSnapshot(member.planId, snapshotId)
      if (!plan) throw notFound('No such snapshot in this plan')
      // What is withheld now is withheld from every version: the live marks and releases apply to the old content.
      const live = await deps.collab.renderPlan(member.planId)
      return { ...plan, withheld: live.withheld, releases: live.releases }
    })
    const kind = purpose === 'minutes' ? 'export.minutes' : 'export.snapshot'
    await recordDownload(deps, member, kind, { snapshotId, label: snapshot.label, ...releaseDetails(released) })
    const body: SnapshotExport = {
      snapshot: { id: snapshot.id, label: snapshot.label, createdAt: snapshot.createdAt },
      plan: released.plan,
      withheld: released.withheld,
    }
    return c.json(body)
  })

  app.get('/api/plans/:id/export/template', async (c) => {
    const user = requireUser(c)
    const member = await requireMembership(c, deps, c.req.param('id'))
    const { release } = readQuery(c, ReleaseQuery)
    const released = await releasedForCaller(deps, member, release)
    await recordDownload(deps, member, 'export.template', releaseDetails(released))
    const { plan, withheld } = released
    return c.json(toTemplateFile(plan, { planId: member.planId, exportedBy: { id: user.id, name: user.name }, at: deps.now(), withheld }))
  })

  return app
}
