/**
 * `PLAN_EXPORT_FORMAT` of shared/src/plan/export.ts, written out: importing it would bring the
 * plan's JSON schema (and the rich-text schema behind it) into the plan list. A test keeps
 * the two equal.
 */
export const EXPORT_FORMAT = 'hononga.plan'

/** The largest file read as a template: a plan export is far smaller (kilobytes). */
export const MAX_TEMPLATE_BYTES = 10 * 1024 * 1024

export type TemplateProblem = 'tooLarge' | 'notJson' | 'notPlanExport'

/**
 * Reads a file chosen as a template: JSON, and on its face a Hononga plan export (the
 * server checks it in full). Says what is wrong in a word the page puts into a sentence.
 */
export function readTemplate(text: string): { ok: true; exported: unknown } | { ok: false; problem: TemplateProblem } {
  let parsed: unknown
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch {
    return { ok: false, problem: 'notJson' }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, problem: 'notPlanExport' }
  const format = (parsed as { format?: unknown }).format
  if (format !== EXPORT_FORMAT) return { ok: false, problem: 'notPlanExport' }
  return { ok: true, exported: parsed }
}
