/**
 * The value lists of the plan's vocabulary (./domain.ts), in a module with no imports: the
 * HTTP response schemas (./api-responses.ts), which the client's first page loads, need
 * them, and importing them from ./domain.ts would pull its zod schemas into that page.
 */

/** What a member may do in a plan. The creator of a plan is its first facilitator. */
export const ROLES = ['facilitator', 'editor', 'viewer'] as const

/** Which kind of partner a member speaks for. Iwi are Treaty partners, not stakeholders. */
export const AFFILIATIONS = ['iwi', 'agency', 'police', 'community'] as const

/** Lifecycle of a priority action, from proposal at a hui to done or stopped. */
export const ACTION_STATUSES = ['proposed', 'agreed', 'in progress', 'at risk', 'done', 'stopped'] as const
