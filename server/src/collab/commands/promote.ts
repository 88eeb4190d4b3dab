import {
  addPriorityAction,
  canEdit,
  canFacilitate,
  contributionOf,
  getParkedTopic,
  getPriorityAction,
  MAX_TITLE_CHARS,
  recordOrigin,
  updateParkedTopic,
  type ActionId,
  type PromoteResult,
} from '@hononga/shared'
import { AppError, notFound } from '../../errors'
import type { CommandAnswer } from '../service'
import { allow, type CommandScope } from './run'

/**
 * Turns a parked topic into a priority action and links the topic to it, in ONE transaction
 * (so nobody ever sees an action without its topic's link, or a link to nothing). Who may:
 * facilitators, and the topic's owner when they can edit: the person a facilitator asked to
 * look after the topic is the one who knows when it is ready to act on. The action starts
 * proposed, titled with the topic's text (cut at a word to the title limit) and led by the
 * topic's owner when it has one. A topic linked to an action that still exists is refused
 * with 409; a retry with the same Idempotency-Key gets the first answer (run.ts).
 */
export function promoteTopic(scope: CommandScope, topicId: string): CommandAnswer<PromoteResult> {
  const { room, origin, caller } = scope
  return scope.commit(() => {
    const topic = getParkedTopic(room.doc, topicId)
    if (!topic) throw notFound('No such topic in the parking lot')
    const owner = topic.ownerId != null && topic.ownerId === caller.userId
    allow(canFacilitate(caller.role) || (owner && canEdit(caller.role)), 'Only facilitators or the topic’s owner make it a priority action')
    if (topic.actionId && getPriorityAction(room.doc, topic.actionId as ActionId)) {
      throw new AppError('conflict', 'This topic is already a priority action')
    }
    const actionId = addPriorityAction(
      room.doc,
      {
        title: titleFromTopic(topic.text),
        status: 'proposed',
        lead: topic.ownerName ?? '',
        leadUserId: topic.ownerId ?? null,
      },
      origin,
    )
    // The action is the caller's contribution (issue 13 §1): recorded in the same transaction.
    recordOrigin(room.doc, actionId, contributionOf(room.doc, 'action', caller, scope.at), origin)
    const linked = updateParkedTopic(room.doc, topicId, { actionId }, origin)
    return { status: 201, body: { actionId, topic: linked } }
  })
}

/** The topic's text on one line, cut at a word boundary to the title limit (with an ellipsis). */
export function titleFromTopic(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  if (line.length <= MAX_TITLE_CHARS) return line
  const cut = line.slice(0, MAX_TITLE_CHARS - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > MAX_TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}
