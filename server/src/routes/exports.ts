import { Hono } from 'hono'
import { z } from 'zod'
import {
  actionsCsv,
  AFFILIATION_WORDS,
  attachment,
  displayName,
  ImportPlanOptions,
  MAX_TITLE_CHARS,
  monitoringCsv,
  partnersOf,
  PlanExport,
  Title,
  toPlanExport,
  withheldCsvRows,
  type PlanMetaJson,
} from '@hononga/shared'
import type { AppDeps, AppEnv } from '../app-env'
import { getMembership, requireMembership, requireUser } from '../auth/access'
import { AppError } from '../errors'
import { recordAccessQuietly, recordDownload } from './access-log'
import { describeZodIssues, readJsonBody } from './body'
import { createPlan } from './plans'
import { releaseDetails, releasedForCaller } from './withheld'
import { enforceQuota, withQuota } from './quota'

/** The path whose body may be larger than the API's default (an exported plan with its history). */
export const IMPORT_PATH = '/api/plans/import'
export const IMPORT_MAX_BODY_BYTES = 5 * 1024 * 1024

/**
 * How much one import may hold. Far beyond any real plan (a hui agrees a handful of focus
 * areas and actions), and low enough that filling the document stays well under a second:
 * placing each item sorts its collection, so the cost grows with the square of the count.
 */
export const IMPORT_LIMITS = { focusAreas: 500, conditions: 500, actions: 500, measures: 2000 } as const

const ImportBody = PlanExport.extend({ newPlan: ImportPlanOptions.optional() }).superRefine(({ plan }, ctx) => {
  const counts = {
    focusAreas: plan.focusAreas.length,
    conditions: plan.conditions.length,
    actions: plan.actions.length,
    measures: plan.actions.reduce((sum, action) => sum + action.measures.length, 0),
  }
  for (const [what, count] of Object.entries(counts) as [keyof typeof IMPORT_LIMITS, number][]) {
    if (count > IMPORT_LIMITS[what]) {
      ctx.addIssue({
        code: 'custom',
        path: ['plan', what],
        message: `A plan to import can hold at most ${IMPORT_LIMITS[what]} ${what}; this one has ${count}`,
      })
    }
  }
})

/** An import makes a plan: it counts against both the import and the new-plan quota. */
async function enforceImportQuotas(deps: AppDeps, userId: string): Promise<void> {
  await enforceQuota(deps, 'imports', userId)
  await enforceQuota(deps, 'plans', userId)
}

const TEMPLATE_SUFFIX = ' (from template)'

/** The names of a plan made by hand, held to the same rules (NFC, no hidden characters, lengths). */
const ImportedNames = z.object({ title: Title, community: displayName(0, 200), district: displayName(0, 100) })

/** `text` cut to at most `max` UTF-16 units without splitting a character. */
function fitChars(text: string, max: number): string {
  if (text.length <= max) return text
  let out = ''
  for (const char of text) {
    if (out.length + char.length > max) break
    out += char
  }
  return out.trimEnd()
}

/**
 * The new plan's title ("<title> (from template)", the original shortened to keep within
 * the one title limit), community and district; 400 `validation_failed` naming the field
 * when one breaks the rules for names.
 */
function importedNames(meta: PlanMetaJson): { title: string; community: string; district: string | null } {
  const base = fitChars(meta.title.normalize('NFC').trim() || 'Plan', MAX_TITLE_CHARS - TEMPLATE_SUFFIX.length)
  const parsed = ImportedNames.safeParse({ title: `${base}${TEMPLATE_SUFFIX}`, community: meta.community, district: meta.district ?? '' })
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      describeZodIssues(parsed.error.issues.map((issue) => ({ ...issue, path: ['plan', 'meta', ...issue.path] }))),
    )
  }
  return { ...parsed.data, district: parsed.data.district || null }
}

/**
 * Records an import made from a plan's export file in that plan's access log ('plan.imported',
 * with the new plan's id), when the importer is a member of it: a file names its source, but
 * only a member's import is that plan's business (and a non-member learns nothing of it). After
 * the import, and quietly: the new plan is already made.
 */
async function recordImportInSource(deps: AppDeps, userId: string, sourcePlanId: string | undefined, newPlanId: string): Promise<void> {
  if (sourcePlanId === undefined) return
  const member = await getMembership(deps.repos, sourcePlanId, userId).catch(() => null)
  if (member) await recordAccessQuietly(deps, member, 'plan.imported', { planId: newPlanId })
}

/**
 * Downloads of a plan (members): the versioned JSON export and two CSV files, rendered from
 * the live document, leaving out what partners withheld unless `?release=` names a release
 * they approved (routes/withheld.ts releasedForCaller); and starting a new plan from an exported one (anyone signed in).
 */
export function exportRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/api/plans/:id/export.json', async (c) => {
    const user = requireUser(c)
    const member = await requireMembership(c, deps, c.req.param('id'))
    const { planId } = member
    const released = await releasedForCaller(deps, member, c.req.query('release'))
    await recordDownload(deps, member, 'export.json', releaseDetails(released))
    const { plan } = released
    // `withheld`: what was left out and by whom (never its text); an import reads past it.
    const file = { ...toPlanExport(plan, { id: user.id, name: user.name }, deps.now(), planId), withheld: released.withheld }
    const body = JSON.stringify(file, null, 2)
    return c.body(body, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': attachment(plan.meta.title, '.hononga.json'),
    })
  })

  app.get('/api/plans/:id/export/actions.csv', async (c) => {
    const member = await requireMembership(c, deps, c.req.param('id'))
    const { planId } = member
    const released = await releasedForCaller(deps, member, c.req.query('release'))
    await recordDownload(deps, member, 'export.csv', { file: 'actions', ...releaseDetails(released) })
    const { plan } = released
    const partnerNames = new Map(
      partnersOf(await deps.repos.members.listMembers(planId)).map((partner) => [
        partner.key,
        // A partner without an organisation is named as the screen names it ("Iwi / hapū").
        partner.organisation ?? AFFILIATION_WORDS[partner.affiliation],
      ]),
    )
    return c.body(actionsCsv(plan, { partnerNames }) + withheldCsvRows(released.withheld), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(plan.meta.title, '.actions.csv'),
    })
  })

  app.get('/api/plans/:id/export/monitoring.csv', async (c) => {
    const member = await requireMembership(c, deps, c.req.param('id'))
    const released = await releasedForCaller(deps, member, c.req.query('release'))
    await recordDownload(deps, member, 'export.csv', { file: 'monitoring', ...releaseDetails(released) })
    const { plan } = released
    return c.body(monitoringCsv(plan) + withheldCsvRows(released.withheld), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': attachment(plan.meta.title, '.monitoring.csv'),
    })
  })

  app.post(IMPORT_PATH, async (c) => {
    const user = requireUser(c)
    // Before reading a body of up to IMPORT_MAX_BODY_BYTES; checked again, and counted, around createPlan.
    await enforceImportQuotas(deps, user.id)
    const file = await readJsonBody(c, ImportBody)
    const { meta } = file.plan
    // The importer's own choices (title, community, district, their partner), or the file's.
    const chosen = file.newPlan
    const names = chosen ? { title: chosen.title, community: chosen.community, district: chosen.district || null } : importedNames(meta)
    // Counted against both quotas until createPlan has written its rows, so imports racing in cannot all pass.
    const created = await withQuota(deps, 'imports', user.id, () =>
      withQuota(deps, 'plans', user.id, () =>
        createPlan(deps, user, {
          ...names,
          affiliation: chosen?.affiliation ?? 'police',
          organisation: chosen?.organisation || null,
          template: file.plan,
          // Not who exported it: that person belongs to another plan, whose members are not this one's.
          auditDetails: { importedFrom: { title: meta.title, exportedAt: file.exportedAt } },
        }),
      ),
    )
    await recordImportInSource(deps, user.id, file.source?.planId, created.id)
    return c.json(created, 201)
  })

  return app
}
