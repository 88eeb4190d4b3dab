import type * as Y from 'yjs'
import {
  allPositions,
  CommentBody,
  getPlanRoots,
  listParkingLot,
  listProgressEntries,
  listThreads,
  ParkBody,
  PositionBody,
  positionsOn,
  ProgressBody,
  ReplyBody,
  targetKey,
  type ActionId,
  type CommentThreadView,
} from '@hononga/shared'
import { targetTitle } from '../hui/agenda'
import { paramRef, type NewCommand } from './outbox'

/**
 * Before governance became commands, the client wrote positions, parked topics, comments and
 * progress reports straight into its copy of the plan. A device that did so offline holds
 * records the server never stored (and now refuses from a device). This turns the ones this
 * person wrote into outbox commands, so an upgrade loses nothing.
 *
 * A record counts as stored when the server's document has it by id or, for what the server
 * creates under its own id (topics, threads, replies, reports), by its content and author:
 * converting again after the commands were applied queues nothing. Each command's
 * idempotency key is derived from the record's id, so converting twice before they are sent
 * queues nothing new either (the outbox ignores a key it holds, and the server applies a key once).
 */
export function legacyCommands(oldDoc: Y.Doc, serverDoc: Y.Doc, me: { id: string; partnerKey?: string }): NewCommand[] {
  const commands: NewCommand[] = [
    ...positions(oldDoc, serverDoc, me),
    ...topics(oldDoc, serverDoc, me),
    ...comments(oldDoc, serverDoc, me),
    ...progress(oldDoc, serverDoc, me),
  ]
  // Oldest first, as they were made (Array.prototype.sort is stable: a thread stays before its replies).
  return commands.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0))
}

/** An idempotency key for a record: its kind and id when the id is a plain one, else a hash of it. */
export function legacyKey(kind: string, id: string): string {
  const key = `legacy-${kind}-${id}`
  return /^[A-Za-z0-9_-]{8,128}$/.test(key) ? key : `legacy-${kind}-h${hash(id)}`
}

/** 64 bits of FNV-1a (two 32-bit passes with different offsets), as hex: stable across devices. */
function hash(text: string): string {
  const pass = (offset: number) => {
    let h = offset
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i)
      h = Math.imul(h, 0x01000193) >>> 0
    }
    return h.toString(16).padStart(8, '0')
  }
  return pass(0x811c9dc5) + pass(0x050c5d1f)
}

const quote = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text)

function positions(oldDoc: Y.Doc, serverDoc: Y.Doc, me: { id: string; partnerKey?: string }): NewCommand[] {
  return allPositions(oldDoc).flatMap(({ target, partner, record }) => {
    if (record.recordedBy !== me.id) return []
    // Recorded for a partner I no longer speak for: the server would record it for my new one.
    if (me.partnerKey !== undefined && partner !== me.partnerKey) return []
    const stored = positionsOn(serverDoc, target).get(partner)
    // The server holds this position, or a later one (mine or a colleague's): that stands.
    if (stored && stored.recordedAt >= record.recordedAt) return []
    const body = PositionBody.safeParse({
      target,
      position: record.position,
      fingerprint: record.fingerprint,
      ...(record.comment ? { comment: record.comment } : {}),
    })
    if (!body.success) return []
    return [
      {
        name: 'putPosition' as const,
        body: body.data,
        key: legacyKey('position', `${targetKey(target)}|${partner}|${record.recordedAt}`),
        createdAt: record.recordedAt,
        summary: { key: 'summary.putPosition', values: { partner: record.recordedByName, title: targetTitle(oldDoc, target) ?? '' } },
      },
    ]
  })
}

function topics(oldDoc: Y.Doc, serverDoc: Y.Doc, me: { id: string }): NewCommand[] {
  const stored = listParkingLot(serverDoc)
  return listParkingLot(oldDoc).flatMap((topic) => {
    if (topic.addedBy !== me.id) return []
    if (stored.some((s) => s.id === topic.id || (s.addedBy === me.id && s.text === topic.text))) return []
    const body = ParkBody.safeParse({ text: topic.text })
    if (!body.success) return []
    return [
      {
        name: 'park' as const,
        body: body.data,
        key: legacyKey('topic', topic.id),
        createdAt: topic.addedAt,
        summary: { key: 'summary.park', values: { text: quote(topic.text) } },
      },
    ]
  })
}

/** The server's copy of a thread: by id, or one I started on the same item with the same first words. */
function storedThread(thread: CommentThreadView, stored: readonly CommentThreadView[], me: { id: string }): CommentThreadView | null {
  const first = thread.messages[0]
  return (
    stored.find((s) => s.id === thread.id) ??
    stored.find(
      (s) =>
        s.createdBy === me.id &&
        s.target.kind === thread.target.kind &&
        s.target.id === thread.target.id &&
        first !== undefined &&
        s.messages[0]?.authorId === me.id &&
        s.messages[0]?.text === first.text,
    ) ??
    null
  )
}

function comments(oldDoc: Y.Doc, serverDoc: Y.Doc, me: { id: string }): NewCommand[] {
  const stored = listThreads(serverDoc)
  const commands: NewCommand[] = []
  for (const thread of listThreads(oldDoc)) {
    const onServer = storedThread(thread, stored, me)
    let threadId: string
    let replies = thread.messages
    if (onServer) {
      threadId = onServer.id
    } else {
      // A thread the server never had: only its author can start it; replies in it follow it.
      const first = thread.messages[0]
      if (thread.createdBy !== me.id || !first || first.authorId !== me.id) continue
      const body = CommentBody.safeParse({ target: thread.target, body: first.text })
      if (!body.success) continue
      const key = legacyKey('thread', thread.id)
      commands.push({
        name: 'startThread',
        body: body.data,
        key,
        createdAt: first.at,
        summary: { key: 'summary.startThread', values: { title: '', text: quote(first.text) } },
      })
      threadId = paramRef(key)
      replies = thread.messages.slice(1)
    }
    for (const message of replies) {
      if (message.authorId !== me.id) continue
      if (onServer?.messages.some((m) => m.id === message.id || (m.authorId === me.id && m.text === message.text))) continue
      const body = ReplyBody.safeParse({ body: message.text })
      if (!body.success) continue
      commands.push({
        name: 'reply',
        params: { threadId },
        body: body.data,
        key: legacyKey('reply', message.id),
        createdAt: message.at,
        summary: { key: 'summary.reply', values: { text: quote(message.text) } },
      })
    }
  }
  return commands
}

function progress(oldDoc: Y.Doc, serverDoc: Y.Doc, me: { id: string }): NewCommand[] {
  const commands: NewCommand[] = []
  for (const actionId of getPlanRoots(oldDoc).actions.keys()) {
    const stored = listProgressEntries(serverDoc, actionId as ActionId)
    for (const entry of listProgressEntries(oldDoc, actionId as ActionId)) {
      if (entry.authorId !== me.id) continue
      const same = (s: (typeof stored)[number]) =>
        s.id === entry.id ||
        (s.authorId === me.id &&
          s.date === entry.date &&
          s.note === entry.note &&
          JSON.stringify(s.values) === JSON.stringify(entry.values))
      if (stored.some(same)) continue
      const body = ProgressBody.safeParse({
        date: entry.date,
        values: entry.values,
        status: entry.status,
        ...(entry.note ? { note: entry.note } : {}),
      })
      if (!body.success) continue
      commands.push({
        name: 'addProgress',
        params: { actionId },
        body: body.data,
        key: legacyKey('progress', entry.id),
        createdAt: entry.createdAt ?? 0,
        summary: {
          key: 'summary.addProgress',
          values: { date: entry.date, title: targetTitle(oldDoc, { kind: 'action', id: actionId }) ?? '' },
        },
      })
    }
  }
  return commands
}
