import * as Y from 'yjs'
import {
  AgreementRecord,
  Attendance,
  attendanceKey,
  COLLAB_ROOT_KEYS,
  COMMENT_KEYS,
  CommentMessage,
  CommentTarget,
  PANDA_ANSWER_PREFIX,
  ParkedTopic,
  parseAgreementKey,
  partnerKey,
  type PartnerKey,
} from '@hononga/shared'
import type { Connection } from './connection'
import { currentMapValue, currentRootValue, scanEdit, type AddedItem, type Place, type RemovedItem } from './edit-scan'

/**
 * The plan's rules that the server enforces on every edit from an editor or a facilitator
 * (viewers never get this far), before it is applied. Returns null when the edit is
 * allowed, else the reason it is refused; a refused edit is refused whole. Bytes that are
 * not an update at all throw (UndecodableUpdate): the room closes such a frame as
 * malformed (4400), like any other it cannot decode.
 *
 * The content of the plan (its sections, actions, monitoring, rich text) is free for
 * everyone who edits. The rules are about voice and consent:
 * - `agreements`: each member records only the position of the partner they speak for,
 *   in their own name; a partner withdraws only its own positions;
 * - `agreedMarks`: written by the server alone (POST .../agreements/mark);
 * - `huiState`, `huiAgenda`, `pandaDone`, `panda.*`: facilitators only;
 * - `attendance`: each person records only their own attendance, once;
 * - `parkingLot`: anyone parks a topic in their own name and marks topics resolved or not;
 *   only facilitators remove one;
 * - `comments`: threads and messages in one's own name; a thread's author, target and
 *   messages list are set when it is started; anyone resolves; a message is removed by its
 *   author or a facilitator, a thread by its author or a facilitator.
 */
export function checkEdit(doc: Y.Doc, update: Uint8Array, connection: Pick<Connection, 'identity'>): string | null {
  const scanned = scanEdit(doc, update, isRuledRoot)
  if (typeof scanned === 'string') return scanned
  if (scanned.added.length === 0 && scanned.removed.length === 0) return null
  const { userId, role, affiliation, organisation } = connection.identity
  const editor: Editor = { userId, facilitator: role === 'facilitator', partner: partnerKey(affiliation, organisation) }
  const byRoot = new Map<string, RootChanges>()
  const changesOf = (root: string) => {
    let changes = byRoot.get(root)
    if (!changes) byRoot.set(root, (changes = { doc, root, added: [], removed: [], removedItems: scanned.removedItems }))
    return changes
  }
  for (const entry of scanned.added) changesOf(entry.place.container.root).added.push(entry)
  for (const entry of scanned.removed) changesOf(entry.place.container.root).removed.push(entry)
  for (const [root, changes] of byRoot) {
    const reason = root.startsWith(PANDA_ANSWER_PREFIX) ? facilitatorsOnly(changes, editor) : RULES[root as CollabRoot](changes, editor)
    if (reason !== null) return reason
  }
  return null
}

interface Editor {
  userId: string
  facilitator: boolean
  /** The partner this person speaks for. */
  partner: PartnerKey
}

/** What one update does under one root. */
interface RootChanges {
  doc: Y.Doc
  root: string
  added: AddedItem[]
  removed: RemovedItem[]
  /** Every item of the document the update deletes (under any ruled root). */
  removedItems: ReadonlySet<Y.Item>
}

type CollabRoot = (typeof COLLAB_ROOT_KEYS)[keyof typeof COLLAB_ROOT_KEYS]
type Rule = (changes: RootChanges, editor: Editor) => string | null

const RULED_ROOTS: ReadonlySet<string> = new Set<string>(Object.values(COLLAB_ROOT_KEYS))

function isRuledRoot(root: string): boolean {
  return RULED_ROOTS.has(root) || root.startsWith(PANDA_ANSWER_PREFIX)
}

const facilitatorsOnly: Rule = (changes, editor) => (editor.facilitator ? null : `only facilitators change ${changes.root}`)

/** The rule of each collaboration root (a new root without a rule does not compile). */
const RULES: Record<CollabRoot, Rule> = {
  [COLLAB_ROOT_KEYS.agreements]: checkAgreements,
  [COLLAB_ROOT_KEYS.agreedMarks]: () => 'only the server marks an item agreed',
  [COLLAB_ROOT_KEYS.comments]: checkComments,
  [COLLAB_ROOT_KEYS.huiState]: facilitatorsOnly,
  [COLLAB_ROOT_KEYS.huiAgenda]: facilitatorsOnly,
  [COLLAB_ROOT_KEYS.parkingLot]: checkParkingLot,
  [COLLAB_ROOT_KEYS.attendance]: checkAttendance,
  [COLLAB_ROOT_KEYS.pandaDone]: facilitatorsOnly,
}

// --- Reading entries ------------------------------------------------------------------------

type EntryContent =
  /** One plain value, visible once applied. */
  | { kind: 'value'; value: unknown }
  /** Nothing visible: sent deleted, or deleted by the same update. */
  | { kind: 'gone' }
  /** A nested type, text, binary...: never a plain record. */
  | { kind: 'other' }

const GONE: EntryContent = { kind: 'gone' }
const OTHER: EntryContent = { kind: 'other' }

/** What a new map entry holds. */
function entryContent(entry: AddedItem): EntryContent {
  const content = entry.item.content
  if (content instanceof Y.ContentDeleted) return GONE
  if (content instanceof Y.ContentAny && content.arr.length === 1) return entry.dead ? GONE : { kind: 'value', value: content.arr[0] }
  return OTHER
}

/** An entry directly in a root map. */
function topLevelKey(place: Place): string | null {
  return place.container.item === null ? place.key : null
}

// --- Agreement ------------------------------------------------------------------------------

function ownPosition(place: Place, editor: Editor): boolean {
  const key = topLevelKey(place)
  return key !== null && parseAgreementKey(key)?.partner === editor.partner
}

function checkAgreements({ added, removed }: RootChanges, editor: Editor): string | null {
  for (const entry of added) {
    if (!ownPosition(entry.place, editor)) return 'a position may only be recorded for the partner you speak for'
    const content = entryContent(entry)
    if (content.kind === 'other') return 'a position is one plain record'
    if (content.kind === 'value') {
      const record = AgreementRecord.safeParse(content.value)
      if (!record.success) return 'a position must be a valid record'
      if (record.data.recordedBy !== editor.userId) return 'a position must be recorded in your own name'
    }
  }
  for (const entry of removed) {
    if (!ownPosition(entry.place, editor)) return 'only a partner withdraws its own position'
  }
  return null
}

// --- The hui --------------------------------------------------------------------------------

function checkAttendance({ added, removed }: RootChanges, editor: Editor): string | null {
  if (removed.length > 0) return 'attendance is never withdrawn'
  for (const entry of added) {
    const key = topLevelKey(entry.place)
    const content = entryContent(entry)
    if (key === null || content.kind === 'other') return 'attendance is one plain record per person and hui'
    if (content.kind === 'gone') return 'attendance is never withdrawn'
    const record = Attendance.safeParse(content.value)
    if (!record.success) return 'attendance must be a valid record'
    if (record.data.userId !== editor.userId || key !== attendanceKey(record.data.huiId, record.data.userId)) {
      return 'each person records only their own attendance'
    }
  }
  return null
}

/** A rewrite of a parked topic may only mark it resolved or not. */
function onlyResolvedChanged(before: unknown, after: ParkedTopic): boolean {
  const previous = ParkedTopic.safeParse(before)
  if (!previous.success) return false
  const { resolved: _before, ...kept } = previous.data
  const { resolved: _after, ...now } = after
  return (Object.keys(kept) as (keyof typeof kept)[]).every((field) => kept[field] === now[field])
}

function checkParkingLot({ doc, root, added, removed }: RootChanges, editor: Editor): string | null {
  const touched = new Map<string, { written: unknown[]; removes: boolean }>()
  const touch = (key: string) => {
    let change = touched.get(key)
    if (!change) touched.set(key, (change = { written: [], removes: false }))
    return change
  }
  for (const entry of added) {
    const key = topLevelKey(entry.place)
    const content = entryContent(entry)
    if (key === null || content.kind === 'other') return 'a parked topic is one plain record'
    // Any write to a key may replace its current value: judged per key below.
    if (content.kind === 'value') touch(key).written.push(content.value)
    else touch(key).removes = true
  }
  for (const entry of removed) {
    const key = topLevelKey(entry.place)
    if (key === null) return 'a parked topic is one plain record'
    touch(key).removes = true
  }
  for (const [key, { written, removes }] of touched) {
    const current = currentRootValue(doc, root, key)
    if (current && written.length === 0) {
      if (removes && !editor.facilitator) return 'only facilitators remove a parked topic'
      continue
    }
    for (const value of written) {
      const topic = ParkedTopic.safeParse(value)
      if (!topic.success) return 'a parked topic must be a valid record'
      if (current) {
        if (!onlyResolvedChanged(current.value, topic.data)) return 'a parked topic may only be marked resolved or not'
      } else if (topic.data.addedBy !== editor.userId) return 'a topic must be parked in your own name'
    }
  }
  return null
}

// --- Comments -------------------------------------------------------------------------------

/** Set once, in the update that starts the thread. */
const CREATION_FIELDS: ReadonlySet<string> = new Set([
  COMMENT_KEYS.id,
  COMMENT_KEYS.target,
  COMMENT_KEYS.createdBy,
  COMMENT_KEYS.createdByName,
  COMMENT_KEYS.createdAt,
  COMMENT_KEYS.messages,
])
/** Anyone who edits may set these on any thread. */
const RESOLVE_FIELDS: ReadonlySet<string> = new Set([COMMENT_KEYS.resolved, COMMENT_KEYS.resolvedBy])

type CommentLevel = 'thread' | 'field' | 'message' | 'elsewhere'

/** comments (root) → thread (map, by id) → field (by key) → messages (array) → message. */
function commentLevel(place: Place): CommentLevel {
  const container = place.container
  if (container.item === null) return place.key === null ? 'elsewhere' : 'thread'
  if (container.parent?.item === null) return place.key === null ? 'elsewhere' : 'field'
  if (container.parent?.parent?.item === null && container.key === COMMENT_KEYS.messages && place.key === null) return 'message'
  return 'elsewhere'
}

function mayRemoveThread(thread: Y.Item, editor: Editor): boolean {
  return editor.facilitator || currentMapValue(thread, COMMENT_KEYS.createdBy) === editor.userId
}

function checkResolveField(field: string, value: unknown, editor: Editor): string | null {
  if (field === COMMENT_KEYS.resolved) return typeof value === 'boolean' ? null : 'resolved is true or false'
  return value === null || value === editor.userId ? null : 'a thread is resolved in your own name'
}

/** A field set as the thread is started. */
function checkCreationField(entry: AddedItem, field: string, content: EntryContent, editor: Editor): string | null {
  if (RESOLVE_FIELDS.has(field)) return content.kind === 'value' ? checkResolveField(field, content.value, editor) : 'resolved is a plain value'
  if (field === COMMENT_KEYS.messages) {
    const type = entry.item.content instanceof Y.ContentType ? entry.item.content.type : null
    return type instanceof Y.Array ? null : 'a thread holds its messages in a list'
  }
  if (content.kind !== 'value') return 'a thread field is a plain value'
  const value = content.value
  switch (field) {
    case COMMENT_KEYS.createdBy:
      return value === editor.userId ? null : 'a comment thread must be started in your own name'
    case COMMENT_KEYS.target:
      return CommentTarget.safeParse(value).success ? null : 'a comment must be on an item of the plan'
    case COMMENT_KEYS.createdAt:
      return typeof value === 'number' && Number.isFinite(value) ? null : 'a thread is started at a time'
    default: // id, createdByName
      return typeof value === 'string' ? null : `${field} is text`
  }
}

function checkMessages(entry: AddedItem, editor: Editor): string | null {
  const content = entry.item.content
  if (content instanceof Y.ContentDeleted || (entry.dead && !(content instanceof Y.ContentType))) return null
  if (!(content instanceof Y.ContentAny)) return 'a comment is one plain record'
  for (const value of content.arr) {
    const message = CommentMessage.safeParse(value)
    if (!message.success) return 'a comment must be a valid message'
    if (message.data.authorId !== editor.userId) return 'a comment must be written in your own name'
  }
  return null
}

function checkComments({ doc, root, added, removed, removedItems }: RootChanges, editor: Editor): string | null {
  const startedBy = new Map<Y.Item, unknown>()
  const started: Y.Item[] = []
  for (const entry of added) {
    const key = entry.place.key
    switch (commentLevel(entry.place)) {
      case 'thread': {
        const content = entry.item.content
        if (content instanceof Y.ContentType) {
          if (!(content.type instanceof Y.Map)) return 'a comment thread is a map'
          if (!entry.dead) started.push(entry.item)
        } else if (!(content instanceof Y.ContentDeleted) && !entry.dead) return 'a comment thread is a map'
        // Writing a thread id that holds a thread replaces that thread.
        const current = currentRootValue(doc, root, key!)
        if (current && !mayRemoveThread(current.item, editor)) return 'only its author or a facilitator removes a comment thread'
        break
      }
      case 'field': {
        const content = entryContent(entry)
        if (entry.place.container.isNew) {
          if (!CREATION_FIELDS.has(key!) && !RESOLVE_FIELDS.has(key!)) return `a comment thread has no field ${key}`
          if (content.kind === 'gone') break
          const reason = checkCreationField(entry, key!, content, editor)
          if (reason !== null) return reason
          if (key === COMMENT_KEYS.createdBy && content.kind === 'value') startedBy.set(entry.place.container.item!, content.value)
        } else {
          if (!RESOLVE_FIELDS.has(key!)) return 'a thread’s author, target and messages are set when it is started'
          if (content.kind === 'other') return 'resolved is a plain value'
          if (content.kind === 'value') {
            const reason = checkResolveField(key!, content.value, editor)
            if (reason !== null) return reason
          }
        }
        break
      }
      case 'message': {
        const reason = checkMessages(entry, editor)
        if (reason !== null) return reason
        break
      }
      case 'elsewhere':
        return 'comments hold threads, their fields and their messages only'
    }
  }
  for (const thread of started) {
    if (startedBy.get(thread) !== editor.userId) return 'a comment thread must be started in your own name'
  }
  for (const entry of removed) {
    switch (commentLevel(entry.place)) {
      case 'thread':
        if (!mayRemoveThread(entry.item, editor)) return 'only its author or a facilitator removes a comment thread'
        break
      case 'field':
        // Removed along with its thread (judged above), or a resolve field being replaced.
        if (!removedItems.has(entry.place.container.item!) && !RESOLVE_FIELDS.has(entry.place.key!)) {
          return 'a thread’s author, target and messages are set when it is started'
        }
        break
      case 'message': {
        const messages = entry.place.container
        if (editor.facilitator || removedItems.has(messages.parent!.item!) || removedItems.has(messages.item!)) break
        for (const value of entry.item.content.getContent().slice(entry.from, entry.to)) {
          const message = CommentMessage.safeParse(value)
          if (!message.success || message.data.authorId !== editor.userId) return 'only its author or a facilitator removes a comment'
        }
        break
      }
      case 'elsewhere':
        return 'comments hold threads, their fields and their messages only'
    }
  }
  return null
}
