import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { craftItem, craftUpdate } from './content-scan.testing'
import { splitUpdate, UndecodableUpdate } from './update-split.mjs'
import { workerSplitter } from './update-splitter'

/**
 * Differential test of the splitting of large updates: for seeded random edits by several
 * clients (concurrent, partly synced with each other, so that one client's structs refer to
 * another's, with deletes and nested types), applying the pieces one after another to the
 * server's copy has the effect of applying the update whole, and no piece leaves anything
 * pending that the whole would not. SPLIT_SEED=<n> tries another seed; SPLIT_CASES=<n> more.
 */

const SEED = Number(process.env.SPLIT_SEED ?? 20_261_129)
const CASES = Number(process.env.SPLIT_CASES ?? 150)

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** What the generator writes, read back. */
function contentOf(doc: Y.Doc): unknown {
  return {
    text: doc.getText('text').toDelta(),
    map: doc.getMap('map').toJSON(),
    list: doc.getArray('list').toJSON(),
    xml: doc.getXmlFragment('xml').toString(),
  }
}

function clone(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

/** One random edit by `doc`. */
function edit(doc: Y.Doc, random: () => number): void {
  const int = (below: number) => Math.floor(random() * below)
  const word = () => ['kōrero', 'marae', 'whānau', '🌿', 'x'][int(5)]!.repeat(1 + int(8))
  const text = doc.getText('text')
  const map = doc.getMap<unknown>('map')
  const list = doc.getArray<unknown>('list')
  const xml = doc.getXmlFragment('xml')
  switch (int(9)) {
    case 0:
      text.insert(int(text.length + 1), word())
      break
    case 1:
      if (text.length > 0) {
        const at = int(text.length)
        text.delete(at, 1 + int(Math.min(5, text.length - at)))
      }
      break
    case 2:
      if (text.length > 1) text.format(int(text.length - 1), 1, { bold: true })
      break
    case 3:
      map.set(`k${int(12)}`, random() < 0.5 ? word() : new Y.Text(word()))
      break
    case 4:
      map.delete(`k${int(12)}`)
      break
    case 5:
      list.insert(int(list.length + 1), random() < 0.5 ? [word(), int(100)] : [new Y.Map([['title', word()]])])
      break
    case 6:
      if (list.length > 0) list.delete(int(list.length))
      else list.push([word()])
      break
    case 7: {
      const inner = list.length > 0 ? list.get(int(list.length)) : null
      if (inner instanceof Y.Map) inner.set(`n${int(4)}`, word())
      else list.push([word()])
      break
    }
    default: {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(word())])
      xml.insert(int(xml.length + 1), [paragraph])
      const first = xml.length > 0 ? xml.get(0) : null
      if (first instanceof Y.XmlElement) (first.get(0) as Y.XmlText | null)?.insert(0, word())
    }
  }
}

/**
 * A case: a plan the server holds, and an update a device sends it: everything several
 * clients wrote since the device last synced, some of it already on the server.
 */
function scenario(seed: number): { server: Y.Doc; update: Uint8Array } {
  const random = mulberry32(seed)
  const int = (below: number) => Math.floor(random() * below)
  const base = new Y.Doc()
  for (let i = 0; i < int(20); i++) edit(base, random)
  const synced = Y.encodeStateVector(base)
  const clients = Array.from({ length: 1 + int(4) }, () => clone(base))
  for (let step = 0; step < 20 + int(200); step++) {
    const doc = clients[int(clients.length)]!
    if (random() < 0.15) Y.applyUpdate(doc, Y.encodeStateAsUpdate(clients[int(clients.length)]!, Y.encodeStateVector(doc)))
    else edit(doc, random)
  }
  const device = clone(base)
  for (const doc of clients) Y.applyUpdate(device, Y.encodeStateAsUpdate(doc))
  const server = clone(base)
  // Part of it reached the server another way already (another of the clients synced).
  if (random() < 0.5) Y.applyUpdate(server, Y.encodeStateAsUpdate(clients[0]!))
  return { server, update: Y.encodeStateAsUpdate(device, synced) }
}

function applyAll(server: Y.Doc, pieces: Uint8Array[]): Y.Doc {
  const doc = clone(server)
  for (const piece of pieces) {
    Y.applyUpdate(doc, piece)
    expect(doc.store.pendingStructs).toBeNull()
    expect(doc.store.pendingDs).toBeNull()
  }
  return doc
}

describe('splitUpdate', () => {
  it(`applies in pieces as it applies whole (${CASES} seeded cases from ${SEED})`, () => {
    let split = 0
    for (let n = 0; n < CASES; n++) {
      const seed = SEED + n
      const { server, update } = scenario(seed)
      const weight = 16 + Math.floor(mulberry32(seed)() * 1024)
      const pieces = splitUpdate(update, weight)
      if (pieces === null) throw new Error(`seed ${seed}: an update Yjs encoded was found unorderable`)
      if (pieces.length > 1) split++
      const whole = applyAll(server, [update])
      const inPieces = applyAll(server, pieces)
      try {
        expect(contentOf(inPieces)).toEqual(contentOf(whole))
        expect(Y.encodeStateVector(inPieces)).toEqual(Y.encodeStateVector(whole))
        expect(Y.equalSnapshots(Y.snapshot(inPieces), Y.snapshot(whole))).toBe(true)
      } catch (error) {
        throw new Error(
          `seed ${seed} (weight ${weight}, ${pieces.length} pieces): ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    }
    // The generator must exercise splitting, not only the whole-update path.
    expect(split).toBeGreaterThan(CASES / 2)
  })

  it('returns a small update whole, and an update with a gap whole (the content scan judges it as one)', () => {
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    for (let i = 0; i < 50; i++) doc.getText('text').insert(0, `line ${i} `.repeat(20))
    const small = updates[0]!
    expect(splitUpdate(small)).toEqual([small])
    // The first edit is missing: every later one refers back to it.
    const gap = Y.mergeUpdates(updates.slice(1))
    const pieces = splitUpdate(gap, 64)!
    const fresh = new Y.Doc()
    for (const piece of pieces) Y.applyUpdate(fresh, piece)
    expect(fresh.store.pendingStructs).not.toBeNull()
    expect(fresh.getText('text').toString()).toBe('')
  })

  it('finds structs that wait on each other in a circle, and bytes that are not an update', () => {
    // Client 1's text waits on client 2's, which waits on client 1's: Yjs never encodes that.
    const long = (text: string) => new Y.ContentString(text.repeat(100))
    const circle = craftUpdate([
      { client: 1, clock: 0, structs: [craftItem(1, 0, { origin: Y.createID(2, 0) }, long('a'))] },
      { client: 2, clock: 0, structs: [craftItem(2, 0, { origin: Y.createID(1, 0) }, long('b'))] },
    ])
    expect(splitUpdate(circle, 64)).toBeNull()
    expect(() => splitUpdate(new Uint8Array([200, 1, 2]))).toThrow(UndecodableUpdate)
  })

  it('splits in the worker thread as in this one', async () => {
    const { update } = scenario(SEED)
    const splitter = workerSplitter({ maxWeight: 64 })
    try {
      const result = await splitter.split(update)
      expect('pieces' in result && result.pieces.map((piece) => Array.from(piece))).toEqual(
        splitUpdate(update, 64)!.map((piece) => Array.from(piece)),
      )
      const empty = new Uint8Array([0, 0])
      expect(await splitter.split(empty)).toEqual({ pieces: [empty] })
      expect(await splitter.split(new Uint8Array([200, 1, 2]))).toMatchObject({ refused: 'undecodable' })
    } finally {
      await splitter.close()
    }
  })
})
