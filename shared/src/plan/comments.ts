import * as Y from 'yjs'
import { z } from 'zod'
import { newId } from '../ids'
import { LOCAL_ORIGIN, type TxOrigin } from '../origin'
import { COLLAB_ROOT_KEYS, COMMENT_KEYS } from './keys'
import { wellFormed } from './text'
import { asArray, asMap, readString } from './values'

/**
 * Comment threads on any item of a plan (or the plan as a whole), with replies and resolve.
 * They live in the plan document, so they sync, work offline and are seen by members only.
 * The server refuses a comment whose author is not the person sending it.
 */

export const COMMENT_TARGET_KINDS = ['plan', 'focusArea', 'environment', 'condition', 'action', 'monitoring'] as const
export const CommentTarget = z.object({ kind: z.enum(COMMENT_TARGET_KINDS), id: z.string().max(64) })
export type CommentTarget = z.infer<typeof CommentTarget>

export const MAX_COMMENT_LENGTH = 4000

export const CommentMessage = z.object({
  id: z.string().min(1),
  authorId: z.string().min(1),
  authorName: z.string(),
  text: z.string().min(1).max(MAX_COMMENT_LENGTH),
  at: z.number().finite(),
})
export type CommentMessage = z.infer<typeof CommentMessage>

export interface CommentThreadView {
  id: string
  target: CommentTarget
  createdBy: string
  createdByName: string
  createdAt: number
  resolved: boolean
  resolvedBy: string | null
  messages: CommentMessage[]
  /** The live thread map, to observe. */
  map: Y.Map<unknown>
}

export function commentsRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COLLAB_ROOT_KEYS.comments)
}

interface Author {
  authorId: string
  authorName: string
  text: string
  at?: number
}

function message(input: Author): CommentMessage {
  const text = wellFormed(input.text.trim())
  return CommentMessage.parse({ id: newId(), authorId: input.authorId, authorName: input.authorName, text, at: input.at ?? Date.now() })
}

/** Starts a thread on an item with its first message; returns the thread id. */
export function startThread(doc: Y.Doc, target: CommentTarget, input: Author, origin: TxOrigin = LOCAL_ORIGIN): string {
  const first = message(input)
  const id = newId()
  doc.transact(() => {
    // The thread and its message list are created together, by one client (see ./keys.ts).
    const thread = new Y.Map<unknown>()
    thread.set(COMMENT_KEYS.id, id)
    thread.set(COMMENT_KEYS.target, CommentTarget.parse(target))
    thread.set(COMMENT_KEYS.createdBy, first.authorId)
    thread.set(COMMENT_KEYS.createdByName, first.authorName)
    thread.set(COMMENT_KEYS.createdAt, first.at)
    thread.set(COMMENT_KEYS.resolved, false)
    thread.set(COMMENT_KEYS.resolvedBy, null)
    thread.set(COMMENT_KEYS.messages, Y.Array.from([first]))
    commentsRoot(doc).set(id, thread)
  }, origin)
  return id
}

function requireThread(doc: Y.Doc, threadId: string): Y.Map<unknown> {
  const thread = asMap(commentsRoot(doc).get(threadId))
  if (!thread) throw new Error(`No comment thread ${threadId}`)
  return thread
}

/** Adds a reply to a thread; returns the message as written. */
export function replyToThread(doc: Y.Doc, threadId: string, input: Author, origin: TxOrigin = LOCAL_ORIGIN): CommentMessage {
  const reply = message(input)
  const messages = asArray(requireThread(doc, threadId).get(COMMENT_KEYS.messages))
  if (!messages) throw new Error(`Comment thread ${threadId} has no messages`)
  doc.transact(() => messages.push([reply]), origin)
  return reply
}

/** Removes a whole thread (no-op when there is none). */
export function removeThread(doc: Y.Doc, threadId: string, origin: TxOrigin = LOCAL_ORIGIN): void {
  if (!commentsRoot(doc).has(threadId)) return
  doc.transact(() => commentsRoot(doc).delete(threadId), origin)
}

/**
 * Removes one message of a thread; removing the last one left removes the thread. Returns
 * false when the thread has no message with that id.
 */
export function removeReply(doc: Y.Doc, threadId: string, messageId: string, origin: TxOrigin = LOCAL_ORIGIN): boolean {
  const messages = asArray(asMap(commentsRoot(doc).get(threadId))?.get(COMMENT_KEYS.messages))
  if (!messages) return false
  const index = messages.toArray().findIndex((m) => CommentMessage.safeParse(m).data?.id === messageId)
  if (index < 0) return false
  doc.transact(() => {
    if (messages.length === 1) commentsRoot(doc).delete(threadId)
    else messages.delete(index, 1)
  }, origin)
  return true
}

/** One thread, or null when there is none with that id. */
export function getThread(doc: Y.Doc, threadId: string): CommentThreadView | null {
  const map = asMap(commentsRoot(doc).get(threadId))
  return map && readThread(threadId, map)
}

export function setThreadResolved(
  doc: Y.Doc,
  threadId: string,
  resolved: boolean,
  byUserId: string,
  origin: TxOrigin = LOCAL_ORIGIN,
): void {
  const thread = requireThread(doc, threadId)
  doc.transact(() => {
    thread.set(COMMENT_KEYS.resolved, resolved)
    thread.set(COMMENT_KEYS.resolvedBy, resolved ? byUserId : null)
  }, origin)
}

function readThread(id: string, map: Y.Map<unknown>): CommentThreadView | null {
  const target = CommentTarget.safeParse(map.get(COMMENT_KEYS.target))
  const messages = asArray(map.get(COMMENT_KEYS.messages))
  if (!target.success || !messages) return null
  const createdAt = map.get(COMMENT_KEYS.createdAt)
  return {
    id,
    target: target.data,
    createdBy: readString(map.get(COMMENT_KEYS.createdBy)),
    createdByName: readString(map.get(COMMENT_KEYS.createdByName)),
    createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
    resolved: map.get(COMMENT_KEYS.resolved) === true,
    resolvedBy: typeof map.get(COMMENT_KEYS.resolvedBy) === 'string' ? (map.get(COMMENT_KEYS.resolvedBy) as string) : null,
    messages: messages
      .toArray()
      .map((m) => CommentMessage.safeParse(m))
      .filter((m) => m.success)
      .map((m) => m.data),
    map,
  }
}

/** Threads, oldest first; only those on `target` when given. */
export function listThreads(doc: Y.Doc, target?: CommentTarget): CommentThreadView[] {
  const threads: CommentThreadView[] = []
  commentsRoot(doc).forEach((value, id) => {
    const map = asMap(value)
    const thread = map && readThread(id, map)
    if (thread && (!target || (thread.target.kind === target.kind && thread.target.id === target.id))) threads.push(thread)
  })
  return threads.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
}
