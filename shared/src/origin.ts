/**
 * Who caused a change to a plan document. Persistence and broadcast decide by `source`:
 * a change from a connection is stored, then goes to everyone but that connection; a
 * restore, a command or a server-side change is stored, then goes to everyone; one loaded from
 * the store, to no one. (One process owns a plan at a time, so no change arrives from a peer.)
 */
export type TxOrigin =
  | { readonly source: 'connection'; readonly connectionId: number; readonly userId: string }
  | { readonly source: 'restore'; readonly snapshotId: string; readonly userId: string }
  | { readonly source: 'server'; readonly reason: string }
  /** A governance command (server/src/collab/commands): which one, and who asked. */
  | { readonly source: 'command'; readonly command: string; readonly userId: string }
  | { readonly source: 'store' }
  | { readonly source: 'local' }

/** Origin of edits made in this process by its own user (the browser, a script). */
export const LOCAL_ORIGIN: TxOrigin = Object.freeze({ source: 'local' })

/** Narrows an arbitrary Yjs transaction origin to ours. */
export function isTxOrigin(origin: unknown): origin is TxOrigin {
  return typeof origin === 'object' && origin !== null && typeof (origin as { source?: unknown }).source === 'string'
}
