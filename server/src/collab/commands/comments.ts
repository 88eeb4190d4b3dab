import {
  canEdit,
  canFacilitate,
  getThread,
  removeReply,
  removeThread,
  replyToThread,
  setThreadResolved,
  startThread,
  targetKey,
  fingerprintsOf,
  toPlanJson,
  type CommentBody,
  type CommentMessage,
  type CommentTarget,
  type ReplyBody,
  type ThreadPatchBody,
  type ThreadResult,
} from '@hononga/shared'
import type * as Y from 'yjs'
import { notFound } from '../../errors'
import type { CommandAnswer, CommandCaller } from '../service'
import { allow, type CommandScope } from './run'

/**
 * Comment threads, replies and resolution. Any member who edits, or who speaks for their
 * partner (viewers too), comments; the author of a thread or reply, or a facilitator,
 * removes it. The author's name is the server's record of them.
 */

const mayComment = (caller: CommandCaller) => canEdit(caller.role) || caller.speaksFor
const NOT_YOURS_TO_COMMENT = 'Your role in this plan does not allow comments; ask a facilitator'

function threadResult(doc: Y.Doc, threadId: string): ThreadResult | null {
  const thread = getThread(doc, threadId)
  if (!thread) return null
  const { map: _map, ...result } = thread
  return result
}

function requireTarget(doc: Y.Doc, target: CommentTarget): void {
  // The plan as a whole and its environment are always there.
  if (target.kind === 'plan' || target.kind === 'environment') return
  if (!fingerprintsOf(toPlanJson(doc)).has(targetKey({ kind: target.kind, id: target.id }))) throw notFound('No such item in this plan')
}

export function startCommentThread(scope: CommandScope, body: CommentBody): CommandAnswer<ThreadResult> {
  const { room, origin, caller, at } = scope
  allow(mayComment(caller), NOT_YOURS_TO_COMMENT)
  return scope.commit(() => {
    requireTarget(room.doc, body.target)
    const id = startThread(room.doc, body.target, { authorId: caller.userId, authorName: caller.name, text: body.body, at }, origin)
    return { status: 201, body: threadResult(room.doc, id)! }
  })
}

export function replyToComment(scope: CommandScope, threadId: string, body: ReplyBody): CommandAnswer<CommentMessage> {
  const { room, origin, caller, at } = scope
  allow(mayComment(caller), NOT_YOURS_TO_COMMENT)
  return scope.commit(() => {
    if (!getThread(room.doc, threadId)) throw notFound('No such comment thread')
    const message = replyToThread(room.doc, threadId, { authorId: caller.userId, authorName: caller.name, text: body.body, at }, origin)
    return { status: 201, body: message }
  })
}

export function patchCommentThread(scope: CommandScope, threadId: string, body: ThreadPatchBody): CommandAnswer<ThreadResult> {
  const { room, origin, caller } = scope
  allow(mayComment(caller), NOT_YOURS_TO_COMMENT)
  return scope.commit(() => {
    const thread = getThread(room.doc, threadId)
    if (!thread) throw notFound('No such comment thread')
    if (thread.resolved !== body.resolved) setThreadResolved(room.doc, threadId, body.resolved, caller.userId, origin)
    return { status: 200, body: threadResult(room.doc, threadId)! }
  })
}

export function deleteCommentThread(scope: CommandScope, threadId: string): CommandAnswer<null> {
  const { room, origin, caller } = scope
  return scope.commit(() => {
    const thread = getThread(room.doc, threadId)
    if (!thread) throw notFound('No such comment thread')
    allow(thread.createdBy === caller.userId || canFacilitate(caller.role), 'Only its author or a facilitator removes a thread')
    removeThread(room.doc, threadId, origin)
    return { status: 204, body: null }
  })
}

export function deleteCommentReply(scope: CommandScope, threadId: string, replyId: string): CommandAnswer<null> {
  const { room, origin, caller } = scope
  return scope.commit(() => {
    const reply = getThread(room.doc, threadId)?.messages.find((m) => m.id === replyId)
    if (!reply) throw notFound('No such reply in this thread')
    allow(reply.authorId === caller.userId || canFacilitate(caller.role), 'Only its author or a facilitator removes a reply')
    removeReply(room.doc, threadId, replyId, origin)
    return { status: 204, body: null }
  })
}
