import type { ActionStatus, Affiliation, MeasureFrequency, Role } from './domain'
import type { AgreementPosition } from './plan/agreements'

/**
 * The plan's vocabulary in the English words the UI shows, for what the server writes for
 * people to read (CSV exports are in English): "In progress", not `in progress`; "Iwi / hapū",
 * not `iwi`. The client's English catalogues hold the same words for the screen, and a client
 * test (client/src/i18n/words.test.ts) keeps the two the same.
 */

/** Action statuses, as the status badge says them (client: steps.json `status`). */
export const ACTION_STATUS_WORDS: Record<ActionStatus, string> = {
  proposed: 'Proposed',
  agreed: 'Agreed',
  'in progress': 'In progress',
  'at risk': 'At risk',
  done: 'Done',
  stopped: 'Stopped',
}

/** How often a measure is reported (client: steps.json `frequency`). */
export const FREQUENCY_WORDS: Record<MeasureFrequency, string> = {
  weekly: 'Weekly',
  fortnightly: 'Fortnightly',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  'six-monthly': 'Six-monthly',
  yearly: 'Yearly',
  other: 'Other or as needed',
}

/** A partner's position on an item (client: agreement.json `positions`). */
export const POSITION_WORDS: Record<AgreementPosition, string> = {
  agree: 'Agree',
  'agree with concerns': 'Agree with concerns',
  'not yet': 'Not yet',
  object: 'Object',
}

/** Kinds of partner (client: common.json `affiliations`). */
export const AFFILIATION_WORDS: Record<Affiliation, string> = {
  iwi: 'Iwi / hapū',
  agency: 'Agency',
  police: 'Police',
  community: 'Community',
}

/** Roles in a plan (client: common.json `roles`). */
export const ROLE_WORDS: Record<Role, string> = {
  facilitator: 'Facilitator',
  editor: 'Editor',
  viewer: 'Viewer',
}

/** Yes or no, as a CSV cell says it. */
export function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No'
}
