// @ts-check
// Splits one large Yjs update into pieces that apply one after another (see large-update.ts).
// Plain JavaScript so the worker thread that runs it (update-split-worker.mjs) loads it the
// same under `node --import tsx` and under vitest.
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** About how many bytes of content one piece holds: a few milliseconds to scan and apply. */
export const PIECE_WEIGHT = 128 * 1024

/**
 * A split that checks more structs than this (thousands of clients waiting on each other in
 * turn, which no device produces) returns the update whole.
 */
const MAX_CHECKS = 20_000_000

/** The bytes are not a Yjs update. */
export class UndecodableUpdate extends Error {}

/**
 * Splits `update` (format v1) into pieces whose application in order has the effect of
 * applying it whole. Each piece holds, for each client, a run of that client's structs in
 * clock order, and only structs whose dependencies (origin, right origin, parent item) are in
 * an earlier piece, in the same piece, or outside the update (in the plan, or missing: the
 * content scan refuses those as it always does). The delete set goes in the last piece,
 * after every struct it may name. An update with no more than `maxWeight` of content comes
 * back whole, as the only piece. Returns null when its structs cannot be put in such an
 * order: clients whose structs wait on each other in a circle, which Yjs never encodes.
 * Throws {@link UndecodableUpdate} when the bytes are not an update.
 *
 * @param {Uint8Array} update
 * @param {number} [maxWeight]
 * @returns {Uint8Array[] | null}
 */
export function splitUpdate(update, maxWeight = PIECE_WEIGHT) {
  /** @type {ReturnType<typeof Y.decodeUpdate>} */
  let decoded
  try {
    decoded = Y.decodeUpdate(update)
  } catch (error) {
    throw new UndecodableUpdate(error instanceof Error ? error.message : String(error))
  }
  const { structs, ds } = decoded
  /** @type {Map<number, { structs: Struct[], start: number, next: number, emitted: number }>} */
  const clients = new Map()
  let total = 0
  for (const struct of structs) {
    const client = struct.id.client
    let entry = clients.get(client)
    if (!entry) {
      entry = { structs: [], start: struct.id.clock, next: 0, emitted: struct.id.clock }
      clients.set(client, entry)
    }
    entry.structs.push(struct)
    total += weightOf(struct)
  }
  if (total <= maxWeight) return [update]

  /** Whether the struct with this id is applied before the struct that names it, or outside the update. */
  const ready = (/** @type {Y.ID | null} */ id) => {
    if (id === null) return true
    const entry = clients.get(id.client)
    return entry === undefined || id.clock < entry.emitted
  }

  /** @type {Uint8Array[]} */
  const pieces = []
  /** The piece being filled: for each client, the index of its first struct in it. */
  let piece = new Map()
  let weight = 0
  const flush = (/** @type {boolean} */ last) => {
    pieces.push(encodePiece(piece, clients, last ? ds : null))
    piece = new Map()
    weight = 0
  }

  let remaining = structs.length
  let checks = 0
  let waiting = Array.from(clients)
  while (remaining > 0) {
    let advanced = false
    for (const [client, entry] of waiting) {
      while (entry.next < entry.structs.length) {
        if (++checks > MAX_CHECKS) return [update]
        const struct = entry.structs[entry.next]
        if (
          struct instanceof Y.Item &&
          !(ready(struct.origin) && ready(struct.rightOrigin) && ready(struct.parent instanceof Y.ID ? struct.parent : null))
        )
          break
        if (!piece.has(client)) piece.set(client, entry.next)
        entry.next++
        entry.emitted = struct.id.clock + struct.length
        remaining--
        advanced = true
        weight += weightOf(struct)
        if (weight >= maxWeight && remaining > 0) flush(false)
      }
    }
    // Every client left waits on another's struct that waits in turn: a circle.
    if (!advanced) return null
    waiting = waiting.filter(([, entry]) => entry.next < entry.structs.length)
  }
  flush(true)
  return pieces
}

/** @typedef {Y.Item | Y.GC | Y.Skip} Struct */

/**
 * Roughly the encoded size of a struct.
 *
 * @param {Struct} struct
 */
function weightOf(struct) {
  if (!(struct instanceof Y.Item)) return 8
  const content = struct.content
  if (content instanceof Y.ContentString) return 16 + content.str.length
  if (content instanceof Y.ContentBinary) return 16 + content.content.byteLength
  if (content instanceof Y.ContentAny) return 16 + 32 * content.arr.length
  return 32
}

/**
 * Encodes one piece: for each client in it, its structs from the index the piece starts at
 * up to the client's cursor.
 *
 * @param {Map<number, number>} piece
 * @param {Map<number, { structs: Struct[], next: number }>} clients
 * @param {ReturnType<typeof Y.decodeUpdate>['ds'] | null} ds
 */
function encodePiece(piece, clients, ds) {
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, piece.size)
  for (const [client, from] of piece) {
    const entry = /** @type {{ structs: Struct[], next: number }} */ (clients.get(client))
    encoding.writeVarUint(encoder.restEncoder, entry.next - from)
    encoder.writeClient(client)
    encoding.writeVarUint(encoder.restEncoder, entry.structs[from].id.clock)
    for (let i = from; i < entry.next; i++) entry.structs[i].write(encoder, 0)
  }
  // The delete set, as Yjs writes it (DeleteSet.js writeDeleteSet); empty but in the last piece.
  const deletes = ds === null ? [] : Array.from(ds.clients.entries())
  encoding.writeVarUint(encoder.restEncoder, deletes.length)
  for (const [client, items] of deletes) {
    encoder.resetDsCurVal()
    encoding.writeVarUint(encoder.restEncoder, client)
    encoding.writeVarUint(encoder.restEncoder, items.length)
    for (const item of items) {
      encoder.writeDsClock(item.clock)
      encoder.writeDsLen(item.len)
    }
  }
  return encoder.toUint8Array()
}
