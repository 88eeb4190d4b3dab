import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import {
  PANDA_ANSWER_PREFIX,
  PLAN_LIMITS as LIMITS,
  ROOT_KEYS,
  SERVER_ACTION_KEYS,
  SERVER_META_KEYS,
  TITLE_TEXT_KEYS,
} from '@hononga/shared'
import { writerOf, type Writer } from '@hononga/shared'

/**
 * The refusal of an update that builds on edits the plan does not hold (yet). After a crash or
 * a failover the server may lack a client's last unstored edits; the client sends them again in
 * its reply to the server's sync step 1, but an edit typed meanwhile can arrive first.
 */
export const SKIPS_AHEAD = 'the update skips ahead of what the plan holds'

/**
 * The content scan: decides, before a device's update is applied, whether it writes only
 * where its author may (shared ROOT_WRITERS) and stays within the plan's structural limits
 * (shared PLAN_LIMITS), and whether Yjs will integrate all of it now. Governance is written by
 * the server, so nothing here asks who said what: only where each change lands.
 *
 * It reads the structs of `Y.decodeUpdate` and walks them in the order Yjs integrates them
 * (`integrateStructs`: a struct waits for the structs it refers to). A new struct sits where
 * Yjs puts it (`Item.getMissing`): beside its `origin` (else its `rightOrigin`), in that
 * neighbour's type and key; or in the root it names; or in the type of the item whose id it
 * names. It is garbage (VOID, harmless) when a neighbour is garbage or that item holds no
 * type. Refused, so that Yjs never keeps anything pending to apply later, unchecked: structs
 * after a gap, references to ids neither the plan nor the update holds, circles, deletes of
 * unknown ids. Iterative throughout: an update may nest thousands deep.
 */

/** The bytes are not a Yjs update: a broken frame, closed as malformed (4400), not a refusal. */
export class UndecodableUpdate extends Error {}

/** A shared type, as Yjs types the values of `doc.share`. */
type SharedType = Y.Doc['share'] extends Map<string, infer T> ? T : never
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds']
type Struct = Y.Item | Y.GC | Y.Skip

/** A shared type as the scan sees it: where it sits, and what the update being scanned adds to it. */
interface Container {
  root: string
  writer: Writer | null
  /** 0 for a root, 1 for a type held in a root, and so on. */
  depth: number
  /** The type, when the plan holds it; null when this update creates it, or for a root not yet created. */
  type: SharedType | null
  /** Its sequence is text (counted in characters: `title` for a title), else a list of children. */
  text: boolean
  title: boolean
  /** Rich text's list of nodes (an XmlFragment or XmlElement): holds elements and text nodes only. */
  xml: boolean
  /** A priority action's map (root `actions` → action); the item of the action this type is or is in; progress map or in one. */
  action: boolean
  actionItem: Y.Item | null
  progress: boolean
  /** Tallies of the scan numbered `scan`: sequence length added (less deleted), new keys, live keys (-1: not counted). */
  scan: number
  added: number
  keys: Set<string> | null
  liveKeys: number
}

/** A refusal inside the scan, returned as its reason. */
class Refused extends Error {}
function refuse(reason: string): never {
  throw new Refused(reason)
}

const VOID = null
/** Containers of the types of every document, found once: a type never moves in Yjs. */
const containers = new WeakMap<SharedType, Container>()
const NO_TALLY = { scan: 0, added: 0, keys: null, liveKeys: -1 }
let scans = 0

/**
 * Checks a device's update against `doc` before it is applied. Returns null to accept, else a
 * short reason (for the log, never shown verbatim to people). Throws {@link UndecodableUpdate}
 * when the bytes are not an update. Reads the doc, never changes it.
 */
export function checkDeviceUpdate(doc: Y.Doc, update: Uint8Array, author: { facilitator: boolean }): string | null {
  let decoded: { structs: Struct[]; ds: DeleteSet }
  let sections: number
  try {
    decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: DeleteSet }
    sections = decoding.readVarUint(decoding.createDecoder(update))
  } catch (error) {
    throw new UndecodableUpdate(`the update cannot be decoded: ${error instanceof Error ? error.message : String(error)}`)
  }
  try {
    new Scan(doc, decoded.structs, decoded.ds, author.facilitator).run(sections)
    return null
  } catch (error) {
    if (error instanceof Refused) return error.message
    throw error
  }
}

/** One client's structs in the update, `structs[first..end)` in clock order; `state`: its clock as integrated so far. */
type Run = { first: number; next: number; end: number; state: number }

class Scan {
  private readonly store: Y.Doc['store']
  private readonly stamp = ++scans
  private readonly runs = new Map<number, Run>()
  /** Per struct index: the container a new item lands in (VOID: garbage), its key there, the container it is. */
  private readonly home: (Container | null)[] = []
  private readonly sub: (string | null)[] = []
  private readonly holds: (Container | null)[] = []
  private absentRoots: Map<string, Container> | null = null

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: Struct[],
    private readonly ds: DeleteSet,
    private readonly facilitator: boolean,
  ) {
    this.store = doc.store
  }

  run(sections: number): void {
    const { structs, runs } = this
    for (let first = 0, end = 0; first < structs.length; first = end) {
      const client = structs[first]!.id.client
      while (end < structs.length && structs[end]!.id.client === client) end++
      runs.set(client, { first, next: first, end, state: Y.getState(this.store, client) })
    }
    // Yjs keeps only the last section of a client listed twice: the scan would judge what is not applied.
    if (runs.size !== sections) refuse('the update lists a client twice, or an empty section')
    this.checkDeletes()
    this.integrateAll()
  }

  /** Every delete must strike what the plan holds or the update adds; deletes of the plan's items are judged. */
  private checkDeletes(): void {
    for (const [client, ranges] of this.ds.clients) {
      const known = Y.getState(this.store, client)
      const run = this.runs.get(client)
      const last = run && this.structs[run.end - 1]!
      const held = last ? Math.max(known, last.id.clock + last.length) : known
      let previousEnd = 0
      for (const { clock, len } of ranges) {
        // Sorted, as Yjs writes them: keeps the walk below linear.
        if (clock < previousEnd) refuse('the update’s deletions are out of order')
        previousEnd = clock + len
        if (previousEnd > held) refuse('the update deletes something the plan does not hold')
        if (clock < known) this.removeStored(client, clock, Math.min(previousEnd, known))
      }
    }
  }

  private removeStored(client: number, clock: number, end: number): void {
    const structs = this.store.clients.get(client)!
    for (let k = Y.findIndexSS(structs, clock); k < structs.length && structs[k]!.id.clock < end; k++) {
      const struct = structs[k]!
      if (!(struct instanceof Y.Item) || struct.deleted) continue
      if (!(struct.parent instanceof Y.AbstractType)) refuse('the update deletes an item outside the plan')
      const home = this.containerOfType(struct.parent)
      const key = struct.parentSub
      if (!this.writable(home, key)) refuse(`the update deletes from ${home.root}`)
      if (home.progress || (home.action && key !== null && SERVER_ACTION_KEYS.has(key))) {
        const action = home.actionItem!
        if (!action.deleted && !Y.isDeleted(this.ds, action.id)) refuse('progress reports are removed only with their action')
      }
      if (key === null && struct.countable) {
        this.tally(home).added -= Math.min(end, struct.id.clock + struct.length) - Math.max(clock, struct.id.clock)
      }
    }
  }

  /** Walks the structs in the order Yjs integrates them (encoding.js, integrateStructs). */
  private integrateAll(): void {
    const stack: number[] = []
    for (const run of this.runs.values()) {
      while (run.next < run.end) {
        let index = run.next++
        for (;;) {
          const needs = this.missing(this.structs[index]!)
          if (needs !== -1) {
            const dependency = this.runs.get(needs)
            if (!dependency || dependency.next === dependency.end)
              refuse('the update refers to what the plan does not hold, or in a circle')
            stack.push(index)
            index = dependency.next++
            continue
          }
          this.integrate(index)
          if (stack.length === 0) break
          index = stack.pop()!
        }
      }
    }
  }

  /** The client whose structs `struct` waits for, else -1. */
  private missing(struct: Struct): number {
    if (!(struct instanceof Y.Item)) return -1
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
      if (ref === null || ref.clock < (this.runs.get(ref.client)?.state ?? Y.getState(this.store, ref.client))) continue
      // Yjs looks a reference to the same client up at once, and throws when it is not there yet.
      // A struct after a gap in its own clocks (a keystroke built on one the plan lacks) skips ahead.
      if (ref.client === struct.id.client) {
        const held = this.runs.get(ref.client)?.state ?? Y.getState(this.store, ref.client)
        refuse(struct.id.clock > held ? SKIPS_AHEAD : 'an item refers to itself or to what comes after it')
      }
      return ref.client
    }
    return -1
  }

  private integrate(index: number): void {
    const struct = this.structs[index]!
    const run = this.runs.get(struct.id.client)!
    if (struct instanceof Y.Skip || struct.length <= 0) refuse('the update has skipped or empty structs')
    const offset = run.state - struct.id.clock
    if (offset < 0) refuse(SKIPS_AHEAD)
    if (offset >= struct.length) return // held already: Yjs integrates nothing of it
    const lastHeld = Y.createID(struct.id.client, run.state - 1)
    run.state = struct.id.clock + struct.length
    const home = struct instanceof Y.Item ? this.place(index, struct) : VOID
    this.home[index] = home
    if (home === VOID) return
    if (offset > 0) {
      // Yjs links the part it lacks after the struct it holds just before: that must be in the same place.
      const before = Y.getItem(this.store, lastHeld)
      const same = before instanceof Y.Item && home.type !== null && before.parent === home.type && before.parentSub === this.sub[index]
      if (!same) refuse('the update rewrites what the plan holds')
    }
    this.check(index, struct as Y.Item, home, this.sub[index] ?? null)
  }

  /** Where a new item lands: its container (returned) and its key (in `sub`). */
  private place(index: number, item: Y.Item): Container | null {
    let home: Container | null = VOID
    let key = item.parentSub
    if (item.origin !== null || item.rightOrigin !== null) {
      const left = item.origin && this.locate(item.origin)
      const right = item.rightOrigin && this.locate(item.rightOrigin)
      const neighbour = left ?? right!
      if (this.isVoid(left) || this.isVoid(right)) home = VOID
      else if (typeof neighbour === 'number') [home, key] = [this.home[neighbour] ?? VOID, this.sub[neighbour] ?? null]
      else if ((neighbour as Y.Item).parent instanceof Y.AbstractType) {
        home = this.containerOfType((neighbour as Y.Item).parent as SharedType)
        key = (neighbour as Y.Item).parentSub
      } else refuse('an item sits beside one outside the plan')
    } else if (typeof item.parent === 'string') home = this.root(item.parent)
    else if (item.parent instanceof Y.ID) {
      const parent = this.locate(item.parent)
      if (typeof parent === 'number') home = this.holds[parent] ?? VOID
      else if (parent instanceof Y.Item && parent.content instanceof Y.ContentType) home = this.containerOfType(parent.content.type)
    } else refuse('an item has neither a parent nor a neighbour')
    this.sub[index] = key
    return home
  }

  /** The struct holding `id`: the plan's, or the index of the update's own (integrated already). */
  private locate(id: Y.ID): Y.Item | Y.GC | number {
    if (id.clock < Y.getState(this.store, id.client)) return Y.getItem(this.store, id) as Y.Item | Y.GC
    const run = this.runs.get(id.client)!
    for (let low = run.first, high = run.end - 1; low <= high;) {
      const mid = (low + high) >>> 1
      const { clock } = this.structs[mid]!.id
      if (id.clock < clock) high = mid - 1
      else if (id.clock >= clock + this.structs[mid]!.length) low = mid + 1
      else return mid
    }
    return refuse('an item refers to something the plan does not hold')
  }

  private isVoid(found: Y.Item | Y.GC | number | null): boolean {
    if (found === null) return false
    return typeof found === 'number' ? this.home[found] === VOID : !(found instanceof Y.Item)
  }

  /** The root rule, the limits and the content of one new item, placed in `home` under `key`. */
  private check(index: number, item: Y.Item, home: Container, key: string | null): void {
    const content = item.content
    if (!this.writable(home, key)) refuse(`the update writes to ${home.root}`)
    if (home.progress) refuse('progress reports are written by the server')
    // A new action comes with its empty progress map (shared addPriorityAction); nothing else writes the key.
    const newAction = home.type === null && home.depth > 0
    const emptyProgress = newAction && content instanceof Y.ContentType && content.type instanceof Y.Map
    if (home.action && key !== null && SERVER_ACTION_KEYS.has(key) && !emptyProgress) refuse('progress reports are written by the server')
    const tally = this.tally(home)
    if (key !== null) {
      if (key.length > LIMITS.maxValueBytes) refuse('a key is too long')
      const live = home.type?._map.get(key)
      if (live === undefined || live.deleted) {
        const keys = (tally.keys ??= new Set())
        keys.add(key)
        // Deleted keys stay in `_map`: count the live ones only near the limit.
        if (keys.size + (home.type?._map.size ?? 0) > LIMITS.maxMapEntries) {
          if (home.liveKeys < 0) home.liveKeys = [...(home.type?._map.values() ?? [])].filter((entry) => !entry.deleted).length
          if (keys.size + home.liveKeys > LIMITS.maxMapEntries)
            refuse(`a map of ${home.root} would hold more than ${LIMITS.maxMapEntries} entries`)
        }
      }
    } else if (!(content instanceof Y.ContentDeleted)) {
      // The editors (y-prosemirror, Yjs's tree walker) read every child of rich text as a node.
      const node = content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText)
      if (home.xml && !node) refuse('rich text holds only elements and text')
      tally.added += item.length
      const limit = home.text ? (home.title ? LIMITS.maxTitleChars : LIMITS.maxTextChars) : LIMITS.maxChildren
      if ((home.type?._length ?? 0) + tally.added > limit)
        refuse(`a ${home.text ? 'text' : 'list'} of ${home.root} would be longer than ${limit}`)
    }
    const tooLarge = `larger than ${LIMITS.maxValueBytes} bytes`
    if (content instanceof Y.ContentType) {
      if (home.depth + 1 > LIMITS.maxNestingDepth) refuse(`nested deeper than ${LIMITS.maxNestingDepth}`)
      const type = content.type as SharedType & { nodeName?: string; hookName?: string }
      if ((type.nodeName ?? type.hookName ?? '').length > LIMITS.maxValueBytes) refuse(`an element name ${tooLarge}`)
      this.holds[index] = child(home, key, item, type, true)
    } else if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
      // A map entry is one value (Yjs writes one); each element of a list is one value.
      let bytes = 0
      for (const value of content.arr) {
        bytes = (key === null ? 0 : bytes) + jsonBytes(value)
        if (bytes > LIMITS.maxValueBytes) refuse(`a value ${tooLarge}`)
      }
    } else if (content instanceof Y.ContentString) {
      if (key !== null && content.str.length > LIMITS.maxValueBytes) refuse(`a value ${tooLarge}`)
    } else if (content instanceof Y.ContentEmbed) {
      if (jsonBytes(content.embed) > LIMITS.maxValueBytes) refuse(`an embed ${tooLarge}`)
    } else if (content instanceof Y.ContentFormat) {
      if (content.key.length + jsonBytes(content.value) > LIMITS.maxValueBytes) refuse(`a format ${tooLarge}`)
    } else if (!(content instanceof Y.ContentDeleted)) {
      refuse('the plan holds no subdocuments or binary data') // ContentDoc, ContentBinary: no field of a plan is one
    }
  }

  /** The root rule: who may write under this root, and the meta keys only the server sets. */
  private writable(home: Container, key: string | null): boolean {
    if (home.depth === 0 && home.root === ROOT_KEYS.meta && key !== null && SERVER_META_KEYS.has(key)) return false
    return home.writer === 'device' || (home.writer === 'facilitator-device' && this.facilitator)
  }

  /** The container, its tallies reset for this scan. */
  private tally(home: Container): Container {
    if (home.scan !== this.stamp) Object.assign(home, NO_TALLY, { scan: this.stamp })
    return home
  }

  private root(name: string): Container {
    const type = this.doc.share.get(name)
    if (type) return this.containerOfType(type)
    // A root the plan has not created yet (Yjs creates it on applying): one container per scan.
    const absent = (this.absentRoots ??= new Map())
    if (!absent.has(name)) absent.set(name, rootContainer(name, null))
    return absent.get(name)!
  }

  /** The container of a type the plan holds: walks up its parents once, then remembers. */
  private containerOfType(type: SharedType): Container {
    const chain: SharedType[] = []
    let above: Container | undefined
    for (let at = type; (above = containers.get(at)) === undefined; at = at._item!.parent as SharedType) {
      if (at._item === null) {
        for (const [name, root] of this.doc.share) if (!containers.has(root)) containers.set(root, rootContainer(name, root))
        if ((above = containers.get(at)) === undefined) refuse('an item hangs under a type that is not in the plan')
        break
      }
      if (!(at._item.parent instanceof Y.AbstractType)) refuse('an item hangs under a collected type')
      chain.push(at)
    }
    for (const inner of chain.reverse()) containers.set(inner, (above = child(above, inner._item!.parentSub, inner._item!, inner, false)))
    return above
  }
}

function rootContainer(name: string, type: SharedType | null): Container {
  // A root the server never typed is a plain AbstractType: the schema says what it is.
  const text = type instanceof Y.Text || name.startsWith(PANDA_ANSWER_PREFIX)
  const xml = type instanceof Y.XmlFragment || name === ROOT_KEYS.environment
  const writer = writerOf(name)
  return { root: name, writer, depth: 0, type, text, title: false, xml, action: false, actionItem: null, progress: false, ...NO_TALLY }
}

/** The container of `type`, held by `item` under `key` in `parent`; `fresh` when this update creates it. */
function child(parent: Container, key: string | null, item: Y.Item, type: SharedType, fresh: boolean): Container {
  const text = type instanceof Y.Text
  const action = parent.depth === 0 && parent.root === ROOT_KEYS.actions
  const progress = parent.progress || (parent.action && key !== null && SERVER_ACTION_KEYS.has(key))
  const title = text && key !== null && TITLE_TEXT_KEYS.has(key)
  const { root, writer, depth } = parent
  const actionItem = action ? item : parent.actionItem
  const xml = type instanceof Y.XmlFragment
  return { root, writer, depth: depth + 1, type: fresh ? null : type, text, title, xml, action, actionItem, progress, ...NO_TALLY }
}

/** Bytes of a value as JSON; a value JSON cannot hold (a BigInt, nested too deep) counts as too large. */
function jsonBytes(value: unknown): number {
  try {
    const json = JSON.stringify(value) ?? ''
    return json.length * 3 <= LIMITS.maxValueBytes ? json.length : Buffer.byteLength(json)
  } catch {
    return Infinity
  }
}
