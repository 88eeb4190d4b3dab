import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * Rewrites the clock of each entry of an awareness update (count, then client id, clock and
 * JSON state per entry). Used when a person takes back the awareness id of their own socket
 * that left: everyone else last saw that id removed at a higher clock than the reconnecting
 * client still has, and y-protocols ignores states older than what it has seen.
 */
export function rewriteAwarenessClocks(update: Uint8Array, clockOf: (clientId: number, clock: number) => number): Uint8Array {
  const decoder = decoding.createDecoder(update)
  const encoder = encoding.createEncoder()
  const count = decoding.readVarUint(decoder)
  encoding.writeVarUint(encoder, count)
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clockOf(clientId, clock))
    encoding.writeVarString(encoder, decoding.readVarString(decoder))
  }
  return encoding.toUint8Array(encoder)
}
