import type * as Y from 'yjs'
import type { Connection } from './connection'

/**
 * The plan's rules that the server enforces on every edit (being written: the agreement
 * work). Returns null when the edit is allowed, else the reason it is refused.
 */
export function checkEdit(_doc: Y.Doc, _update: Uint8Array, _connection: Connection): string | null {
  return null
}
