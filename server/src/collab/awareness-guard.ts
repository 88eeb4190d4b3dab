import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** Who a socket really is, as the server knows it from the session or ticket. */
export interface PresenceIdentity {
  id: string
  name: string
  role: string
  affiliation: string
  organisation: string | null
}

/** Largest JSON presence state one client may publish. */
export const MAX_PRESENCE_STATE_BYTES = 16 * 1024

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/

export class PresenceError extends Error {}

/**
 * Rewrites an awareness update from one socket before the room applies it, so that presence
 * cannot lie: every published state carries the server's view of the person (`user.id`,
 * `name`, `role`, `affiliation`, `organisation`), keeping only a valid `user.color` from the
 * client. Entries for client ids the socket may not publish (someone else's, or the echoes
 * of other people's presence the stock client sends back) are dropped: `mayPublish` decides.
 * Throws PresenceError on undecodable input.
 */
export function guardAwarenessUpdate(
  update: Uint8Array,
  identity: PresenceIdentity,
  mayPublish: (clientId: number, removal: boolean) => boolean,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update)
  const entries: { clientId: number; clock: number; json: string }[] = []
  let count: number
  let clientId: number
  let clock: number
  let raw: string
  try {
    count = decoding.readVarUint(decoder)
    if (count > 64) throw new PresenceError('too many awareness entries')
    for (let i = 0; i < count; i++) {
      clientId = decoding.readVarUint(decoder)
      clock = decoding.readVarUint(decoder)
      raw = decoding.readVarString(decoder)
      if (raw.length > MAX_PRESENCE_STATE_BYTES) throw new PresenceError('presence state too large')
      const state: unknown = JSON.parse(raw)
      if (!mayPublish(clientId, state === null)) continue
      entries.push({ clientId, clock, json: JSON.stringify(withIdentity(state, identity)) })
    }
  } catch (error) {
    if (error instanceof PresenceError) throw error
    throw new PresenceError(error instanceof Error ? error.message : 'undecodable awareness update')
  }
  if (entries.length === 0) return null
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.json)
  }
  return encoding.toUint8Array(encoder)
}

function withIdentity(state: unknown, identity: PresenceIdentity): unknown {
  if (state === null) return null
  if (typeof state !== 'object' || Array.isArray(state)) throw new PresenceError('presence state must be an object')
  const claimed = (state as { user?: unknown }).user
  const colour =
    typeof claimed === 'object' && claimed !== null && typeof (claimed as { color?: unknown }).color === 'string'
      ? (claimed as { color: string }).color
      : undefined
  return {
    ...state,
    user: {
      id: identity.id,
      name: identity.name,
      role: identity.role,
      affiliation: identity.affiliation,
      organisation: identity.organisation,
      ...(colour && HEX_COLOUR.test(colour) ? { color: colour } : {}),
    },
  }
}
