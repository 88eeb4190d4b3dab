import { z } from 'zod'
import { PlanJson } from './json'

/**
 * The plan export format, version 1 (README: "Plan export format (version 1)"): a whole
 * plan as JSON with who exported it and when. Partners keep it as their record of what
 * was agreed; another community can import it as a template for a plan of its own.
 *
 * A later version gets a new `version` literal and a reader of its own; version 1 files
 * stay readable.
 */
export const PLAN_EXPORT_FORMAT = 'hononga.plan'
export const PLAN_EXPORT_VERSION = 1

export const PlanExport = z.object({
  format: z.literal(PLAN_EXPORT_FORMAT),
  version: z.literal(PLAN_EXPORT_VERSION),
  /** When the file was made, ISO 8601 (UTC). */
  exportedAt: z.iso.datetime(),
  /** Who made it; null when made by the system. */
  exportedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /**
   * The plan the file was made from (absent in files made before it existed): an import made
   * from the file is recorded in that plan's access log when the importer is one of its members.
   */
  source: z.object({ planId: z.string().max(100) }).optional(),
  plan: PlanJson,
})
export type PlanExport = z.infer<typeof PlanExport>

/**
 * Wraps a rendered plan in the export format. `at` is milliseconds since the epoch; `sourcePlanId`
 * is the plan it was rendered from (see `source`).
 */
export function toPlanExport(
  plan: PlanJson,
  exportedBy: { id: string; name: string } | null,
  at: number,
  sourcePlanId?: string,
): PlanExport {
  return {
    format: PLAN_EXPORT_FORMAT,
    version: PLAN_EXPORT_VERSION,
    exportedAt: new Date(at).toISOString(),
    exportedBy: exportedBy && { id: exportedBy.id, name: exportedBy.name },
    ...(sourcePlanId === undefined ? {} : { source: { planId: sourcePlanId } }),
    plan,
  }
}
