import * as Y from 'yjs'

/**
 * Reads a Yjs update against the document it is about to be applied to, and says where in
 * the plan each change lands: which root, which nested types on the way down, which key.
 * The edit rules (guards.ts) decide on that. Only changes under the roots the caller
 * watches are reported; everything else costs a walk up a few parents and nothing more.
 *
 * Yjs structs are read as the library writes them: a struct that is new in the update has
 * `parent` = a root name (string), the id of its parent type's item, or null when it sits
 * beside its `origin` (or `rightOrigin`) and shares that neighbour's parent and key.
 * A struct already in the document has its parent type itself.
 */

/** A type in the document: a root, or the content of an item (already stored, or new in the update). */
export interface Container {
  root: string
  /** The item whose content this type is; null for a root. */
  item: Y.Item | null
  /** That item is new in the update being checked. */
  isNew: boolean
  /** The key that item holds in its parent map (null in an array, a text or a root). */
  key: string | null
  parent: Container | null
}

/** Where an item sits: in which type, under which key (null in an array or text). */
export interface Place {
  container: Container
  key: string | null
}

/** An item the update adds. */
export interface AddedItem {
  item: Y.Item
  place: Place
  /** Sent already deleted, or deleted by the same update: it never becomes visible. */
  dead: boolean
}

/** An item of the document (not yet deleted) that the update deletes, wholly or in part. */
export interface RemovedItem {
  item: Y.Item
  place: Place
  /** The deleted offsets within the item: [from, to). */
  from: number
  to: number
}

export interface ScannedEdit {
  added: AddedItem[]
  removed: RemovedItem[]
  /** Items of the document this update deletes (any part of), under watched roots. */
  removedItems: Set<Y.Item>
}

/** The update cannot be placed: refused. Thrown inside the scan, returned as a reason. */
class Unplaceable extends Error {}

/** The item will be garbage on arrival (its parent or neighbour was collected): harmless. */
const VOID = null

type Struct = Y.Item | Y.GC
/** A shared type of the document, as Yjs types the values of `doc.share`. */
type SharedType = Y.Doc['share'] extends Map<string, infer T> ? T : never

const rootNames = new WeakMap<SharedType, string>()
/**
 * Where each type of a document sits, kept across updates: a type never moves in Yjs (a
 * moved item is a new item), so what is found once stays true while the type lives.
 */
const typeContainers = new WeakMap<SharedType, Container>()

function rootName(doc: Y.Doc, type: SharedType): string {
  let name = rootNames.get(type)
  if (name !== undefined) return name
  // Roots are few (the plan's sections, the collaboration roots, the PANDA answers).
  for (const [key, value] of doc.share) rootNames.set(value, key)
  name = rootNames.get(type)
  if (name === undefined) throw new Unplaceable('an item hangs under a type that is not in the plan')
  return name
}

/** The update's new structs per client, in clock order, for looking ids up. */
function indexByClient(structs: readonly Struct[]): Map<number, Struct[]> {
  const index = new Map<number, Struct[]>()
  for (const struct of structs) {
    const list = index.get(struct.id.client)
    if (list) list.push(struct)
    else index.set(struct.id.client, [struct])
  }
  return index
}

function findIn(list: readonly Struct[] | undefined, clock: number): Struct | null {
  if (!list) return null
  let low = 0
  let high = list.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    const struct = list[mid]!
    if (clock < struct.id.clock) high = mid - 1
    else if (clock >= struct.id.clock + struct.length) low = mid + 1
    else return struct
  }
  return null
}

/**
 * The bytes are not a Yjs update at all. Not a broken rule but a broken frame: the room
 * closes the socket as it closes any frame it cannot decode (4400, not 4422).
 */
export class UndecodableUpdate extends Error {}

/**
 * Scans `update` as it would apply to `doc`. Returns the changes under watched roots, or
 * the reason the update is refused (something in it cannot be placed: a well-behaved
 * client sends its updates in order on one socket). Throws {@link UndecodableUpdate} when
 * the bytes cannot be decoded.
 */
export function scanEdit(doc: Y.Doc, update: Uint8Array, watched: (root: string) => boolean): ScannedEdit | string {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch (error) {
    throw new UndecodableUpdate(`the update cannot be decoded: ${error instanceof Error ? error.message : String(error)}`)
  }
  try {
    return new Scan(doc, decoded, watched).run()
  } catch (error) {
    if (error instanceof Unplaceable) return error.message
    // Structs that contradict each other in ways Yjs never writes: a broken frame.
    throw new UndecodableUpdate(`the update cannot be read: ${error instanceof Error ? error.message : String(error)}`)
  }
}

class Scan {
  private readonly store: Y.Doc['store']
  /** Structs not already in the document. */
  private readonly fresh: Struct[] = []
  private readonly index: Map<number, Struct[]>
  /** Place of each new item, once found (`undefined` while being found: a cycle). */
  private readonly placeOf = new Map<Y.Item, Place | typeof VOID | undefined>()
  private readonly newContainers = new Map<Y.Item, Container | typeof VOID>()
  /** New items the update itself deletes in full. */
  private readonly deadNew = new Set<Y.Item>()

  constructor(
    private readonly doc: Y.Doc,
    private readonly decoded: ReturnType<typeof Y.decodeUpdate>,
    private readonly watched: (root: string) => boolean,
  ) {
    this.store = doc.store
    // Structs must follow on from what the document holds, without gaps: Yjs would keep
    // anything after a gap pending and apply it later, long after it was checked here.
    let client = -1
    let next = 0
    for (const struct of decoded.structs) {
      if (struct.id.client !== client) {
        client = struct.id.client
        next = Y.getState(this.store, client)
      }
      if (struct instanceof Y.Skip || struct.id.clock > next) throw new Unplaceable('the update skips ahead of what the plan holds')
      next = Math.max(next, struct.id.clock + struct.length)
      if (struct.id.clock + struct.length <= Y.getState(this.store, client)) continue
      this.fresh.push(struct as Struct)
    }
    this.index = indexByClient(this.fresh)
  }

  run(): ScannedEdit {
    const removed: RemovedItem[] = []
    const removedItems = new Set<Y.Item>()
    this.decoded.ds.clients.forEach((ranges, client) => {
      const known = Y.getState(this.store, client)
      for (const { clock, len } of ranges) {
        const end = clock + len
        if (clock < known) this.removeStored(client, clock, Math.min(end, known), removed, removedItems)
        if (end > known) this.removeFresh(client, Math.max(clock, known), end)
      }
    })
    const added: AddedItem[] = []
    for (const struct of this.fresh) {
      if (!(struct instanceof Y.Item)) continue
      const place = this.placeNew(struct)
      if (place === VOID || !this.watched(place.container.root)) continue
      added.push({ item: struct, place, dead: this.deadNew.has(struct) || struct.content instanceof Y.ContentDeleted })
    }
    return { added, removed, removedItems }
  }

  /** Deletions of items the document holds; those already deleted change nothing. */
  private removeStored(client: number, clock: number, end: number, removed: RemovedItem[], removedItems: Set<Y.Item>): void {
    const structs = this.store.clients.get(client)!
    for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
      const struct = structs[i]!
      const start = struct.id.clock
      if (start >= end) break
      if (!(struct instanceof Y.Item) || struct.deleted || struct.parent === null) continue
      const container = this.containerOfType(struct.parent as SharedType)
      if (!this.watched(container.root)) continue
      removed.push({
        item: struct,
        place: { container, key: struct.parentSub },
        from: Math.max(clock, start) - start,
        to: Math.min(end, start + struct.length) - start,
      })
      removedItems.add(struct)
    }
  }

  /**
   * Deletions of ids the document does not hold yet: they must be the update's own new
   * structs. A deletion of ids nobody has sent would wait in Yjs for them to arrive, and
   * strike whatever comes under those ids later, unchecked: refused.
   */
  private removeFresh(client: number, clock: number, end: number): void {
    let at = clock
    while (at < end) {
      const struct = findIn(this.index.get(client), at)
      if (!struct) throw new Unplaceable('the update deletes something the plan does not hold')
      const structEnd = struct.id.clock + struct.length
      if (struct instanceof Y.Item && at <= struct.id.clock && end >= structEnd) this.deadNew.add(struct)
      at = structEnd
    }
  }

  /** A struct by id: among the update's new structs first, then in the document. */
  private find(id: Y.ID): Struct | null {
    const fresh = findIn(this.index.get(id.client), id.clock)
    if (fresh) return fresh
    if (id.clock < Y.getState(this.store, id.client)) return Y.getItem(this.store, id) as Struct
    return null
  }

  private rootContainer(root: string): Container {
    return { root, item: null, isNew: false, key: null, parent: null }
  }

  /** The container a type of the document is (walks up through its parents). */
  private containerOfType(type: SharedType): Container {
    const known = typeContainers.get(type)
    if (known) return known
    const item = type._item
    let container: Container
    if (item === null) container = this.rootContainer(rootName(this.doc, type))
    else if (item.parent === null) throw new Unplaceable('an item hangs under a collected type')
    else {
      const parent = this.containerOfType(item.parent as SharedType)
      container = { root: parent.root, item, isNew: false, key: item.parentSub, parent }
    }
    typeContainers.set(type, container)
    return container
  }

  /** The container a new item's content is, when that content is a type. */
  private containerOfNew(item: Y.Item): Container | typeof VOID {
    if (this.newContainers.has(item)) return this.newContainers.get(item)!
    const place = this.placeNew(item)
    const container = place === VOID ? VOID : { root: place.container.root, item, isNew: true, key: place.key, parent: place.container }
    this.newContainers.set(item, container)
    return container
  }

  /** Where the type an id points to (as a parent) lives; VOID when it was collected. */
  private containerAt(id: Y.ID): Container | typeof VOID {
    const struct = this.find(id)
    if (struct === null) throw new Unplaceable('an item refers to a parent the plan does not hold')
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) return VOID
    if (this.isFresh(struct)) return this.containerOfNew(struct)
    return this.containerOfType(struct.content.type)
  }

  private isFresh(struct: Struct): boolean {
    return findIn(this.index.get(struct.id.client), struct.id.clock) === struct
  }

  /**
   * Where a new item lands. Follows neighbours iteratively (a long run of typing is a chain
   * of items each beside the last), and refuses cycles and ids nobody has sent.
   */
  private placeNew(start: Y.Item): Place | typeof VOID {
    if (this.placeOf.has(start)) {
      const known = this.placeOf.get(start)
      if (known === undefined) throw new Unplaceable('the update refers to itself in a circle')
      return known
    }
    const chain: Y.Item[] = []
    let item = start
    let place: Place | typeof VOID
    for (;;) {
      this.placeOf.set(item, undefined)
      chain.push(item)
      const parent = item.parent as Y.ID | string | null
      if (typeof parent === 'string') {
        place = { container: this.rootContainer(parent), key: item.parentSub }
        break
      }
      if (parent !== null) {
        const container = this.containerAt(parent)
        place = container === VOID ? VOID : { container, key: item.parentSub }
        break
      }
      const neighbourId = item.origin ?? item.rightOrigin
      if (neighbourId === null) throw new Unplaceable('an item has neither a parent nor a neighbour')
      const neighbour = this.find(neighbourId)
      if (neighbour === null) throw new Unplaceable('an item sits beside something the plan does not hold')
      if (!(neighbour instanceof Y.Item)) {
        place = VOID
        break
      }
      if (this.isFresh(neighbour)) {
        if (this.placeOf.has(neighbour)) {
          const known = this.placeOf.get(neighbour)
          if (known === undefined) throw new Unplaceable('the update refers to itself in a circle')
          place = known
          break
        }
        item = neighbour
        continue
      }
      place = neighbour.parent === null ? VOID : { container: this.containerOfType(neighbour.parent as SharedType), key: neighbour.parentSub }
      break
    }
    for (const link of chain) this.placeOf.set(link, place)
    return place
  }
}

/** The current value of a key in a root map of the document, if it has one. */
export function currentRootValue(doc: Y.Doc, root: string, key: string): { item: Y.Item; value: unknown } | null {
  const type = doc.share.get(root)
  const item = type?._map.get(key)
  if (!item || item.deleted) return null
  const content = item.content.getContent()
  return { item, value: content[content.length - 1] }
}

/** The current value of a key in the map an item of the document holds. */
export function currentMapValue(mapItem: Y.Item, key: string): unknown {
  if (!(mapItem.content instanceof Y.ContentType)) return undefined
  const item = mapItem.content.type._map.get(key)
  if (!item || item.deleted) return undefined
  const content = item.content.getContent()
  return content[content.length - 1]
}
