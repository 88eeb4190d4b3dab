import {
  canEdit,
  canFacilitate,
  getHuiState,
  getParkedTopic,
  getPriorityAction,
  parkTopic,
  removeParkedTopic,
  updateParkedTopic,
  type ParkBody,
  type ParkedTopic,
  type ActionId,
  type ParkPatchBody,
} from '@hononga/shared'
import { notFound } from '../../errors'
import type { CommandAnswer, CommandCaller } from '../service'
import { allow, type CommandScope } from './run'

/**
 * The parking lot: topics set aside during (or outside) a hui. Editors and facilitators park
 * topics, and so do viewers who speak for their partner; any editor marks one resolved;
 * facilitators give one an owner or link it to the priority action it became; the author or
 * a facilitator removes one. Names come from the server's records.
 */

const mayPark = (caller: CommandCaller) => canEdit(caller.role) || caller.speaksFor

export function park(scope: CommandScope, body: ParkBody): CommandAnswer<ParkedTopic> {
  const { room, origin, caller, at } = scope
  allow(mayPark(caller), 'Your role in this plan does not allow parking a topic')
  return scope.commit(() => {
    const hui = getHuiState(room.doc)
    const id = parkTopic(
      room.doc,
      { text: body.text, userId: caller.userId, userName: caller.name, huiId: hui.active ? hui.huiId : null, at },
      origin,
    )
    return { status: 201, body: getParkedTopic(room.doc, id)! }
  })
}

/** `owner` is the member named by body.owner, as the route found them (null clears it). */
export function patchTopic(
  scope: CommandScope,
  topicId: string,
  body: ParkPatchBody,
  owner: { id: string; name: string } | null | undefined,
): CommandAnswer<ParkedTopic> {
  const { room, origin, caller } = scope
  if (body.resolved !== undefined) allow(canEdit(caller.role), 'Only editors and facilitators mark a topic resolved')
  if (body.owner !== undefined || body.actionId !== undefined)
    allow(canFacilitate(caller.role), 'Only facilitators give a topic an owner or an action')
  return scope.commit(() => {
    if (!getParkedTopic(room.doc, topicId)) throw notFound('No such topic in the parking lot')
    if (body.actionId && !getPriorityAction(room.doc, body.actionId as ActionId)) throw notFound('No such priority action in this plan')
    const topic = updateParkedTopic(
      room.doc,
      topicId,
      { resolved: body.resolved, owner: body.owner === undefined ? undefined : (owner ?? null), actionId: body.actionId },
      origin,
    )
    return { status: 200, body: topic }
  })
}

export function deleteTopic(scope: CommandScope, topicId: string): CommandAnswer<null> {
  const { room, origin, caller } = scope
  return scope.commit(() => {
    const topic = getParkedTopic(room.doc, topicId)
    if (!topic) throw notFound('No such topic in the parking lot')
    allow(topic.addedBy === caller.userId || canFacilitate(caller.role), 'Only its author or a facilitator removes a topic')
    removeParkedTopic(room.doc, topicId, origin)
    return { status: 204, body: null }
  })
}
