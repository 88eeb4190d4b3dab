/**
 * The response schemas that carry the plan (PlanJson, agreement marks, command results). They
 * are built with the full zod and the plan's own schemas, so the API client loads this module
 * only when such an answer arrives (`import()`), always from a page that has opened a plan:
 * the first page (sign-in, plan list) never downloads them.
 */
// A rendered plan is checked for its shape, not today's write limits (shared RenderedPlanJson).
export { COMMAND_RESULTS, MarkAgreedResult, RenderedPlanJson as PlanJson } from '@hononga/shared'
// What leaves the plan through the server (printouts.ts in shared): the plan with its withheld notices.
export { PrintablePlan, SnapshotExport, TemplateFile } from '@hononga/shared'
