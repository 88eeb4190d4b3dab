import * as Y from 'yjs'
import { LOCAL_ORIGIN, type TxOrigin } from '../origin'
import { COLLAB_ROOT_KEYS } from './keys'

/**
 * Notes per hui agenda item: what was said, in the room's words, written together live like
 * the plan's content (any editor, from their device; ROOT_WRITERS `device`). Each item's notes
 * are one plain multi-line Y.Text in the `huiNotes` root, keyed by the agenda item's id, made
 * together with the item (hui.ts addAgendaItem) so that nobody has to create it lazily: two
 * devices creating the same key at once would each write a text and one would be lost.
 * Agenda items made before notes existed get theirs from {@link ensureAgendaNotes}.
 */

export function huiNotesRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COLLAB_ROOT_KEYS.huiNotes)
}

/** The notes of agenda item `itemId`, or null when it has none (yet). */
export function agendaNotes(doc: Y.Doc, itemId: string): Y.Text | null {
  const value = huiNotesRoot(doc).get(itemId)
  return value instanceof Y.Text ? value : null
}

/** Creates the (empty) notes of an agenda item inside the caller's transaction, if missing. */
export function createAgendaNotes(doc: Y.Doc, itemId: string): void {
  if (!agendaNotes(doc, itemId)) huiNotesRoot(doc).set(itemId, new Y.Text())
}

/**
 * The notes of an agenda item that exists, created empty if it has none: for items made
 * before notes existed. Returns null for an item the agenda does not hold.
 */
export function ensureAgendaNotes(doc: Y.Doc, itemId: string, origin: TxOrigin = LOCAL_ORIGIN): Y.Text | null {
  if (!doc.getMap<unknown>(COLLAB_ROOT_KEYS.huiAgenda).has(itemId)) return null
  const existing = agendaNotes(doc, itemId)
  if (existing) return existing
  doc.transact(() => createAgendaNotes(doc, itemId), origin)
  return agendaNotes(doc, itemId)
}

/** Removes an agenda item's notes inside the caller's transaction (with the item). */
export function deleteAgendaNotes(doc: Y.Doc, itemId: string): void {
  if (huiNotesRoot(doc).has(itemId)) huiNotesRoot(doc).delete(itemId)
}

/** The notes of every agenda item that has some text, as plain strings by item id. */
export function allAgendaNotes(doc: Y.Doc): Record<string, string> {
  const notes: Record<string, string> = {}
  huiNotesRoot(doc).forEach((value, itemId) => {
    if (value instanceof Y.Text && value.length > 0) notes[itemId] = value.toString()
  })
  return notes
}
