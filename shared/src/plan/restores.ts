import type * as Y from 'yjs'
import { RestoreRecord } from '../commands'
import type { TxOrigin } from '../origin'
import { COLLAB_ROOT_KEYS } from './keys'

/**
 * The plan's record of its restores: who restored which snapshot, when, and the snapshot
 * kept of the plan just before. Written only by the server, in the same transaction as the
 * restore itself, so every client sees the record together with the restored content (and
 * clears its undo history: a later undo must not bring back restored-over text).
 */

export function restoresRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COLLAB_ROOT_KEYS.restores)
}

/** Writes a restore record (keyed by its id). */
export function recordRestore(doc: Y.Doc, record: RestoreRecord, origin: TxOrigin): void {
  const parsed = RestoreRecord.parse(record)
  doc.transact(() => restoresRoot(doc).set(parsed.id, parsed), origin)
}

/** Every valid restore record, oldest first. */
export function listRestores(doc: Y.Doc): RestoreRecord[] {
  const records: RestoreRecord[] = []
  restoresRoot(doc).forEach((value) => {
    const parsed = RestoreRecord.safeParse(value)
    if (parsed.success) records.push(parsed.data)
  })
  return records.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** The most recent restore, or null when the plan was never restored. */
export function latestRestore(doc: Y.Doc): RestoreRecord | null {
  return listRestores(doc).at(-1) ?? null
}
