import { z } from 'zod'
import { ACTION_STATUSES, AFFILIATIONS, ROLES } from './vocabulary'

/**
 * The vocabulary of a ROCC plan that the server, the client and the document all share.
 * See ../shared/domain/BRIEF.md for what each word means to the people using the product.
 */

export { ACTION_STATUSES, AFFILIATIONS, ROLES }

/** What a member may do in a plan (ROLES). The creator of a plan is its first facilitator. */
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>

/** Which kind of partner a member speaks for (AFFILIATIONS). Iwi are Treaty partners, not stakeholders. */
export const Affiliation = z.enum(AFFILIATIONS)
export type Affiliation = z.infer<typeof Affiliation>

/** Lifecycle of a priority action (ACTION_STATUSES), from proposal at a hui to done or stopped. */
export const ActionStatus = z.enum(ACTION_STATUSES)
export type ActionStatus = z.infer<typeof ActionStatus>

/** How often a monitoring measure is reported. */
export const MEASURE_FREQUENCIES = ['weekly', 'fortnightly', 'monthly', 'quarterly', 'six-monthly', 'yearly', 'other'] as const
export const MeasureFrequency = z.enum(MEASURE_FREQUENCIES)
export type MeasureFrequency = z.infer<typeof MeasureFrequency>

/** The twelve New Zealand Police districts a plan can belong to. */
export const POLICE_DISTRICTS = [
  'Northland',
  'Waitematā',
  'Auckland City',
  'Counties Manukau',
  'Waikato',
  'Bay of Plenty',
  'Eastern',
  'Central',
  'Wellington',
  'Tasman',
  'Canterbury',
  'Southern',
] as const

/** Roles allowed to change the plan document. */
export function canEdit(role: Role): boolean {
  return role === 'facilitator' || role === 'editor'
}

/** Roles allowed to manage members, invites and restores. */
export function canFacilitate(role: Role): boolean {
  return role === 'facilitator'
}
