import * as Y from 'yjs'
import type { TxOrigin } from '../origin'
import { getPlanRoots } from './roots'

/**
 * Restoring a plan to an earlier snapshot, as a new change on top of the current one.
 *
 * History is never rewritten: every device keeps merging with the server as usual, people
 * offline during the restore merge their edits on top of it, and the restore can itself be
 * undone by restoring the snapshot taken just before it.
 */

/** Origin of the temporary changes the restore undoes; never leaves this module. */
const REVERT = Object.freeze({ source: 'revert' as const })

/** The full state of a plan document, to store as a snapshot. */
export function planStateFromDoc(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc)
}

/** A new document holding `state`, with every root typed (see {@link getPlanRoots}). */
export function planDocFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  getPlanRoots(doc)
  Y.applyUpdate(doc, state)
  return doc
}

/**
 * Makes `doc` equal in content to the snapshot `snapshotState` (a state of this same plan),
 * as a forward change made with `origin`.
 *
 * How: a scratch copy of the snapshot receives everything `doc` has done since, tracked by
 * an undo manager; undoing that yields the snapshot's content as new operations, which are
 * then applied to `doc`. The scratch copy types every root first: the undo manager silently
 * skips a root it cannot see as a typed scope.
 */
export function restorePlanState(doc: Y.Doc, snapshotState: Uint8Array, origin: TxOrigin): void {
  const snapshotDoc = planDocFromState(snapshotState)
  const undoManager = new Y.UndoManager(Object.values(getPlanRoots(snapshotDoc)), {
    trackedOrigins: new Set([REVERT]),
    captureTimeout: 0,
  })
  try {
    Y.applyUpdate(snapshotDoc, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(snapshotDoc)), REVERT)
    undoManager.undo()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(snapshotDoc, Y.encodeStateVector(doc)), origin)
  } finally {
    undoManager.destroy()
    snapshotDoc.destroy()
  }
}
