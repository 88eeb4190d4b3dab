import type * as Y from 'yjs'
import type { DbExecutor } from './executor'

/**
 * The action tracker's table, derived from plan documents (being written: the tracker work).
 * Called by the sync engine whenever a plan's content changed.
 */
export function refreshTrackedActions(_db: DbExecutor, _planId: string, _doc: Y.Doc, _at: number): void {}
