import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/**
 * Updates built the way an attacker builds them: from a real Yjs document, then re-encoded
 * at the struct level where Yjs itself would never send that shape. Used by the attack tests
 * (tests/integration/attacks*.test.ts).
 */

/** Runs `change` on `doc` in one transaction and returns the update(s) it emitted. */
export function updatesOf(doc: Y.Doc, change: () => void): Uint8Array[] {
  const updates: Uint8Array[] = []
  const listen = (update: Uint8Array) => updates.push(update)
  doc.on('update', listen)
  try {
    doc.transact(change)
  } finally {
    doc.off('update', listen)
  }
  return updates
}

/** A private copy of `doc` (another clientID) holding everything `doc` holds. */
export function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

/**
 * The structs of `update` re-encoded with an empty delete set. A Y.Map `set` over an existing
 * key is encoded with origin = the current value's item plus a delete of that item; without
 * the delete the new value still wins (Yjs deletes the left neighbour of a map entry while
 * integrating it), so the overwrite no longer shows as a delete in the update.
 */
export function withoutDeletes(update: Uint8Array): Uint8Array {
  const { structs } = Y.decodeUpdate(update)
  const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>()
  for (const struct of structs) {
    const list = byClient.get(struct.id.client) ?? []
    list.push(struct)
    byClient.set(struct.id.client, list)
  }
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, byClient.size)
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock)
    encoding.writeVarUint(encoder.restEncoder, list.length)
    encoder.writeClient(client)
    encoding.writeVarUint(encoder.restEncoder, list[0]!.id.clock)
    for (const struct of list) struct.write(encoder, 0)
  }
  encoding.writeVarUint(encoder.restEncoder, 0)
  return encoder.toUint8Array()
}

/** An update holding nothing but the delete of `length` items of `client` from `clock` (a few bytes). */
export function deleteOnly(client: number, clock: number, length = 1): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0) // no structs
  encoding.writeVarUint(encoder, 1) // one client in the delete set
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, 1) // one range
  encoding.writeVarUint(encoder, clock)
  encoding.writeVarUint(encoder, length)
  return encoding.toUint8Array(encoder)
}

/**
 * Nests `depth` shared types inside `parent` in one transaction: blockquotes, then a
 * paragraph holding a text (the last two count), or only elements when `bare`. Built level
 * by level into integrated types, so Yjs does not recurse while building it.
 */
export function nest(parent: Y.XmlFragment | Y.XmlElement, depth: number, { bare = false } = {}): void {
  const doc = parent.doc!
  doc.transact(() => {
    let current: Y.XmlFragment | Y.XmlElement = parent
    const elements = bare ? depth : depth - 1
    for (let level = 1; level <= elements; level++) {
      const element = new Y.XmlElement(!bare && level === elements ? 'paragraph' : 'blockquote')
      current.insert(0, [element])
      current = element
    }
    if (!bare) current.insert(0, [new Y.XmlText('kei raro rawa')])
  })
}

/** How many shared types are nested along the first child of `parent` (what `nest` built). */
export function nestedDepth(parent: Y.XmlFragment | Y.XmlElement): number {
  let depth = 0
  let node: unknown = parent.length > 0 ? parent.get(0) : undefined
  for (let guard = 0; guard < 100_000 && node; guard++) {
    depth++
    node = node instanceof Y.XmlElement && node.length > 0 ? node.get(0) : undefined
  }
  return depth
}

/** The clients whose edits `doc` holds (its state vector's keys). */
export function writersIn(doc: Y.Doc): Set<number> {
  return new Set(Y.decodeStateVector(Y.encodeStateVector(doc)).keys())
}
