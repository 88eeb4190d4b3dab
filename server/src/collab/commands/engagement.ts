import {
  canFacilitate,
  clearEngagement,
  engagementOf,
  getPlanRoots,
  setEngagement,
  type EngagementBody,
  type EngagementResult,
  type EngagementTarget,
} from '@hononga/shared'
import * as Y from 'yjs'
import { notFound } from '../../errors'
import type { CommandAnswer } from '../service'
import { allow, type CommandScope } from './run'

const FACILITATORS = 'Only a facilitator records the engagement level the hui agreed'

/** Whether the plan holds the focus area or action now. */
function exists(doc: Y.Doc, target: EngagementTarget): boolean {
  const roots = getPlanRoots(doc)
  return (target.kind === 'focusArea' ? roots.focusAreas : roots.actions).get(target.id) instanceof Y.Map
}

/**
 * Records the engagement level agreed for a focus area or priority action (facilitators: it
 * records what the hui agreed). The name recorded is the server's record of the caller.
 */
export function putEngagement(scope: CommandScope, body: EngagementBody): CommandAnswer<EngagementResult> {
  const { caller, room, origin, at } = scope
  allow(canFacilitate(caller.role), FACILITATORS)
  return scope.commit(() => {
    if (!exists(room.doc, body.target)) throw notFound('No such item in this plan')
    setEngagement(room.doc, body.target, { level: body.level, userId: caller.userId, name: caller.name, at }, origin)
    return { status: 200, body: { target: body.target, record: engagementOf(room.doc, body.target)! } }
  })
}

/** Clears an item's engagement level (204 also when none was set; 404 when the item is unknown and has none). */
export function clearItemEngagement(scope: CommandScope, target: EngagementTarget): CommandAnswer<null> {
  const { caller, room, origin } = scope
  allow(canFacilitate(caller.role), FACILITATORS)
  return scope.commit(() => {
    const recorded = engagementOf(room.doc, target) !== null
    // A level on an item removed since may still be cleared.
    if (!recorded && !exists(room.doc, target)) throw notFound('No such item in this plan')
    clearEngagement(room.doc, target, origin)
    return { status: 204, body: null }
  })
}
