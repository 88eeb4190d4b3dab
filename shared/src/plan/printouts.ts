import { z } from 'zod'
import { PLAN_EXPORT_FORMAT, PLAN_EXPORT_VERSION, type PlanExport } from './export'
import { AgreementTarget } from './agreements'
import { RenderedPlanJson, type PlanJson } from './json'
import type { WithheldNotice } from './withheld'

/**
 * What leaves the plan through the server rather than from a device's copy (issue 13 §2/§3):
 * the printable plan, a snapshot or a hui's minutes to download, and a template file. Each
 * route records the access first, then hands over the content with the items their partners
 * withheld left out, and a notice of each (so the printout or file says what is missing and
 * who withheld it).
 *
 * These schemas carry the plan, so they use the full zod (like the plan's own schemas): the
 * client loads them with the plan's chunk (client/src/api/planSchemas.ts), not with the first
 * page's response schemas (../api-responses.ts, zod/mini).
 */

/** A {@link WithheldNotice} as the API answers it: which item was left out, whose; never its text. */
export const PrintoutWithheldNotice = z.object({
  target: AgreementTarget,
  title: z.null(),
  partner: z.string(),
  /** The partner as people name it ("Ngāti Awa"). */
  partnerLabel: z.string(),
}) satisfies z.ZodType<WithheldNotice>
export type PrintoutWithheldNotice = z.infer<typeof PrintoutWithheldNotice>

/** `GET /api/plans/:id/printable`: the plan to print, as the server has it, with what was withheld. */
export const PrintablePlan = z.object({ plan: RenderedPlanJson, withheld: z.array(PrintoutWithheldNotice) })
export type PrintablePlan = z.infer<typeof PrintablePlan>

/** `GET /api/plans/:id/snapshots/:sid/export`: a snapshot to download, or the minutes it keeps. */
export const SnapshotExport = z.object({
  snapshot: z.object({ id: z.string(), label: z.string(), createdAt: z.string() }),
  plan: RenderedPlanJson,
  withheld: z.array(PrintoutWithheldNotice),
})
export type SnapshotExport = z.infer<typeof SnapshotExport>

/** The file a downloaded snapshot is saved as (README "Snapshot and minutes files"). */
export const SNAPSHOT_FILE_FORMAT = 'hononga.snapshot'

/** The snapshot file: the plan as it was, which snapshot, where from, and what was withheld. */
export function snapshotFile(planId: string, exported: SnapshotExport): unknown {
  return {
    format: SNAPSHOT_FILE_FORMAT,
    version: 1,
    source: { planId },
    snapshot: exported.snapshot,
    withheld: exported.withheld,
    plan: exported.plan,
  }
}

/**
 * A template file: the plan export format (importable as "Start from a template"), holding only
 * the content an import takes (focus areas, environment, conditions, actions with their results
 * chain and measures), without the people, positions, comments, hui and progress that belong to
 * this plan. `withheld` lists what the partners withheld from it.
 */
export const TemplateFile = z.looseObject({
  format: z.literal(PLAN_EXPORT_FORMAT),
  version: z.literal(PLAN_EXPORT_VERSION),
  exportedAt: z.string(),
  exportedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  source: z.object({ planId: z.string() }).optional(),
  withheld: z.array(PrintoutWithheldNotice).default([]),
  plan: RenderedPlanJson,
})
export type TemplateFile = z.infer<typeof TemplateFile>

/** The plan's content as a template: what an import takes, and nothing that belongs to the people of this plan. */
export function templateOf(plan: PlanJson): PlanJson {
  return {
    ...plan,
    meta: { ...plan.meta, reviewDate: null },
    actions: plan.actions.map((action) => ({
      ...action,
      leadUserId: null,
      reviewDate: null,
      status: 'proposed',
      progress: [],
    })),
    agreements: [],
    agreedMarks: [],
    comments: [],
    hui: {
      state: { huiId: null, active: false, startedAt: null, endedAt: null, currentItemId: null },
      agenda: [],
      parkingLot: [],
      attendance: [],
    },
    panda: {},
    withheld: [],
    releases: [],
  }
}

/** Wraps a template in the export format, with where it came from and what was withheld. */
export function toTemplateFile(
  plan: PlanJson,
  options: { planId: string; exportedBy: { id: string; name: string } | null; at: number; withheld: PrintoutWithheldNotice[] },
): PlanExport & { withheld: PrintoutWithheldNotice[] } {
  return {
    format: PLAN_EXPORT_FORMAT,
    version: PLAN_EXPORT_VERSION,
    exportedAt: new Date(options.at).toISOString(),
    exportedBy: options.exportedBy && { id: options.exportedBy.id, name: options.exportedBy.name },
    source: { planId: options.planId },
    withheld: options.withheld,
    plan: templateOf(plan),
  }
}
