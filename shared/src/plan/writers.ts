import { COLLAB_ROOT_KEYS, META_KEYS, PANDA_ANSWER_PREFIX, ROOT_KEYS, ACTION_KEYS } from './keys'
import { PANDA_PROMPTS } from './panda'

/**
 * Who may write each part of the plan document. This table is the trust model: the server
 * refuses any device update that writes where its author may not (server/src/collab/content-scan.ts),
 * and everything marked `server` is written only by the server's command handlers, from its
 * own record of the caller (names, partner, role), never from what a device says.
 *
 * - `device`: the plan's content. Any member who edits (editors, facilitators) writes it
 *   from their own device, live, offline, merged by Yjs.
 * - `facilitator-device`: content that only facilitators write, still from their devices
 *   (the hui agenda, the problem-solving guide).
 * - `server`: governance: who agreed to what, who attended, what the hui is doing, who said
 *   what in comments and the parking lot, progress reports, restores. Written by the server
 *   as commands (README, "Trust model"), so it cannot be forged by a device.
 */
export type Writer = 'device' | 'facilitator-device' | 'server'

export const ROOT_WRITERS: Readonly<Record<string, Writer>> = Object.freeze({
  [ROOT_KEYS.meta]: 'device',
  [ROOT_KEYS.focusAreas]: 'device',
  [ROOT_KEYS.environment]: 'device',
  [ROOT_KEYS.conditions]: 'device',
  [ROOT_KEYS.actions]: 'device',
  [COLLAB_ROOT_KEYS.agreements]: 'server',
  [COLLAB_ROOT_KEYS.agreedMarks]: 'server',
  [COLLAB_ROOT_KEYS.attendance]: 'server',
  [COLLAB_ROOT_KEYS.huiState]: 'server',
  [COLLAB_ROOT_KEYS.parkingLot]: 'server',
  [COLLAB_ROOT_KEYS.comments]: 'server',
  [COLLAB_ROOT_KEYS.restores]: 'server',
  // Partnership (issue 13): who contributed, the engagement level, the commitments, what a
  // partner withholds and its decisions on releasing it.
  [COLLAB_ROOT_KEYS.origins]: 'server',
  [COLLAB_ROOT_KEYS.engagement]: 'server',
  [COLLAB_ROOT_KEYS.commitments]: 'server',
  [COLLAB_ROOT_KEYS.withheld]: 'server',
  [COLLAB_ROOT_KEYS.releases]: 'server',
  // What was said at each agenda item: written together, like the plan's content.
  [COLLAB_ROOT_KEYS.huiNotes]: 'device',
  [COLLAB_ROOT_KEYS.huiAgenda]: 'facilitator-device',
  [COLLAB_ROOT_KEYS.pandaDone]: 'facilitator-device',
  // The PANDA answers, one root Y.Text per prompt.
  ...Object.fromEntries(PANDA_PROMPTS.map((prompt) => [`${PANDA_ANSWER_PREFIX}${prompt}`, 'facilitator-device' as const])),
})

/**
 * Keys of `meta` that only the server writes (set once when the plan is created): a device
 * that could rewrite `schemaVersion` could lock every other client out of the plan.
 */
export const SERVER_META_KEYS: ReadonlySet<string> = new Set([META_KEYS.schemaVersion, META_KEYS.createdAt])

/**
 * Inside a priority action, the progress reports are governance (who reported what, when):
 * the server writes them (POST /api/plans/:id/actions/:actionId/progress). A device creates
 * the empty `progress` map together with a new action and may delete the whole action, but
 * never adds, changes or removes a report itself.
 */
export const SERVER_ACTION_KEYS: ReadonlySet<string> = new Set([ACTION_KEYS.progress])

/** Who writes a root; null for a root the schema does not define (refused from devices). */
export function writerOf(root: string): Writer | null {
  return Object.prototype.hasOwnProperty.call(ROOT_WRITERS, root) ? ROOT_WRITERS[root]! : null
}

/** Every root the schema defines. */
export const SCHEMA_ROOTS: readonly string[] = Object.freeze(Object.keys(ROOT_WRITERS))
