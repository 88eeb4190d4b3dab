import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addFocusArea,
  addMeasure,
  addPriorityAction,
  addProgressEntry,
  appendParagraph,
  getPlanRoots,
  listFocusAreas,
  listPriorityActions,
  markAttendance,
  moveFocusArea,
  parkTopic,
  partnerKey,
  PLAN_LIMITS,
  recordPosition,
  removeFocusArea,
  removePriorityAction,
  ROOT_WRITERS,
  SCHEMA_ROOTS,
  setActionStatus,
  setFragmentFromJSON,
  setPandaDone,
  TITLE_TEXT_KEYS,
} from '@hononga/shared'
import { checkDeviceUpdate, UndecodableUpdate } from './content-scan'
import { craftItem, craftUpdate, deviceOf, governedPlan } from './content-scan.testing'

/**
 * Differential test of the content scan: a seeded generator of random and adversarial device
 * updates against a real plan. Whatever the scan accepts, Yjs must integrate whole (no throw,
 * nothing pending), the plan must stay loadable, and no server-written root may change.
 * SCAN_FUZZ_SEED=<n> tries another seed (a failure prints its seed, and writes the plan's state
 * and the update to a file); SCAN_FUZZ_CASES=<n> runs longer.
 */

const SEED = Number(process.env.SCAN_FUZZ_SEED ?? 20_250_309)
const CASES = Number(process.env.SCAN_FUZZ_CASES ?? 400)

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

const random = mulberry32(SEED)
const int = (below: number) => Math.floor(random() * below)
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!
const words = () => Array.from({ length: 1 + int(4) }, () => pick(['kāinga', 'rangatahi', 'marae', 'trust', '🌿', 'x'])).join(' ')

const SERVER_ROOTS = Object.keys(ROOT_WRITERS).filter((root) => ROOT_WRITERS[root] === 'server')

type Case = { kind: string; update: Uint8Array; facilitator: boolean }

/** Every Y.Text and rich-text fragment of the plan's content. */
function fields(doc: Y.Doc): { texts: Y.Text[]; fragments: Y.XmlFragment[] } {
  const items = [...listFocusAreas(doc), ...listPriorityActions(doc)]
  // Crafted updates may have put anything under those keys: keep what is still text.
  const texts = [...items.map((item) => item.title), getPlanRoots(doc).meta.get('title')].filter((t): t is Y.Text => t instanceof Y.Text)
  const fragments = [
    getPlanRoots(doc).environment,
    ...listFocusAreas(doc).map((f) => f.description),
    ...listPriorityActions(doc).flatMap((a) => [a.activity, a.impact]),
  ].filter((f): f is Y.XmlFragment => f instanceof Y.XmlFragment)
  for (const fragment of fragments)
    for (const node of fragment.createTreeWalker(() => true)) if (node instanceof Y.XmlText) texts.push(node)
  return { texts, fragments }
}

/** One random edit as a person makes it (mostly content, now and then governance). */
function personEdit(doc: Y.Doc): void {
  try {
    randomEdit(doc)
  } catch {
    // An earlier crafted update reshaped the plan (say, a string where an action's measures were): the mutator refuses.
  }
}

function randomEdit(doc: Y.Doc): void {
  const { texts, fragments } = fields(doc)
  const focusAreas = listFocusAreas(doc)
  const actions = listPriorityActions(doc)
  const text = pick(texts)
  switch (int(12)) {
    case 0:
      addFocusArea(doc, { title: words() })
      break
    case 1:
      if (focusAreas.length > 1) moveFocusArea(doc, pick(focusAreas).id, { after: null })
      break
    case 2:
      if (focusAreas.length > 1) removeFocusArea(doc, pick(focusAreas).id)
      break
    case 3:
      addMeasure(doc, addPriorityAction(doc, { title: words() }), { name: words() })
      break
    case 4:
      if (actions.length > 0 && random() < 0.5) removePriorityAction(doc, pick(actions).id)
      else if (actions.length > 0) setActionStatus(doc, pick(actions).id, 'agreed')
      break
    case 5:
      appendParagraph(pick(fragments), words())
      break
    case 6:
      setFragmentFromJSON(pick(fragments), { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: words() }] }] })
      break
    case 7:
      if (text.length > 0) text.delete(int(text.length), 1 + int(Math.min(5, text.length)))
      break
    case 8:
      text.insert(int(text.length + 1), random() < 0.05 ? 'y'.repeat(400) : words())
      break
    case 9:
      nest(pick(fragments), 1 + int(80))
      break
    case 10:
      governanceEdit(doc)
      break
    default:
      text.insert(int(text.length + 1), words())
  }
}

function governanceEdit(doc: Y.Doc): void {
  const focusArea = listFocusAreas(doc)[0]
  const action = listPriorityActions(doc)[0]
  const who = { userId: 'u-1', userName: 'Aroha' }
  switch (int(8)) {
    case 0:
      if (focusArea)
        recordPosition(doc, { kind: 'focusArea', id: focusArea.id }, partnerKey('iwi', 'Ngāti Awa'), {
          position: 'object',
          fingerprint: 'f',
          ...who,
        })
      break
    case 1:
      parkTopic(doc, { text: 'Forged', ...who })
      break
    case 2:
      markAttendance(doc, { huiId: 'h', userId: 'u-9', name: 'Nobody', affiliation: 'police', organisation: null, at: 1 })
      break
    case 3:
      if (action) addProgressEntry(doc, action.id, { date: '2025-01-01', values: {}, authorId: 'u-1', authorName: 'A' })
      break
    case 4:
      setPandaDone(doc, 'problem.harm', random() < 0.5)
      break
    case 5:
      getPlanRoots(doc).meta.set(pick(['schemaVersion', 'createdAt', 'reviewDate']), 99)
      break
    case 6: {
      const root = doc.getMap(pick(SERVER_ROOTS))
      const keys = [...root.keys()]
      if (keys.length > 0) root.delete(pick(keys))
      break
    }
    default:
      doc.getMap(pick(['evil', ...SERVER_ROOTS])).set('k', words())
  }
}

function nest(fragment: Y.XmlFragment, depth: number): void {
  fragment.doc!.transact(() => {
    let at: Y.XmlFragment = fragment
    for (let i = 0; i < depth; i++) {
      const inner = new Y.XmlElement('paragraph')
      at.insert(0, [inner])
      at = inner
    }
  })
}

/** An id the plan holds, chosen at random among all its structs. */
function someId(doc: Y.Doc): Y.ID {
  const clients = [...doc.store.clients.values()]
  const struct = pick(pick(clients))
  return Y.createID(struct.id.client, struct.id.clock + int(struct.length))
}

function generate(server: Y.Doc): Case {
  const facilitator = random() < 0.5
  const peer = deviceOf(server)
  peer.clientID = 1 + int(2 ** 30)
  const diff = () => Y.encodeStateAsUpdate(peer, Y.encodeStateVector(server))
  const kind = pick(['edit', 'edit', 'edit', 'map', 'unknown-delete', 'pending', 'resend', 'mutated', 'crafted', 'crafted'])
  switch (kind) {
    case 'edit':
      for (let n = 1 + int(4); n > 0; n--) personEdit(peer)
      return { kind, update: diff(), facilitator }
    case 'map': {
      const map = new Y.Map<unknown>()
      peer.transact(() => {
        getPlanRoots(peer).conditions.set(`big${int(1e6)}`, map)
        for (let i = 1500 + int(1200); i > 0; i--) map.set(`k${i}`, i)
      })
      return { kind, update: diff(), facilitator }
    }
    case 'unknown-delete': {
      const id = someId(server)
      const known = Y.getState(server.store, id.client)
      const client = random() < 0.3 ? int(2 ** 30) : id.client
      return {
        kind,
        update: craftUpdate([], [{ client, clock: random() < 0.5 ? id.clock : known - int(2), len: 1 + int(4) }]),
        facilitator,
      }
    }
    case 'pending': {
      // Edits in separate transactions; one of the earlier ones is withheld.
      const updates: Uint8Array[] = []
      peer.on('update', (update: Uint8Array) => updates.push(update))
      for (let n = 2 + int(3); n > 0; n--) personEdit(peer)
      if (updates.length < 2) return { kind, update: diff(), facilitator }
      updates.splice(int(updates.length - 1), 1)
      return { kind, update: Y.mergeUpdates(updates), facilitator }
    }
    case 'resend': {
      // What a device resends from an older state vector: partly held by the server already.
      const before = Y.encodeStateVector(server)
      const texts = fields(peer).texts
      if (texts.length === 0) return { kind, update: diff(), facilitator }
      const text = pick(texts)
      text.insert(text.length, words())
      Y.applyUpdate(server, Y.encodeStateAsUpdate(peer, before))
      text.insert(text.length, words())
      return { kind, update: Y.encodeStateAsUpdate(peer, before), facilitator }
    }
    case 'mutated': {
      personEdit(peer)
      const bytes = diff().slice()
      for (let n = 1 + int(3); n > 0 && bytes.length > 0; n--) bytes[int(bytes.length)] = int(256)
      return { kind, update: random() < 0.2 ? bytes.subarray(0, int(bytes.length)) : bytes, facilitator }
    }
    default: {
      // Structs placed at random in the plan: beside any id, under any type, in any root;
      // now and then as a known client, from a little before what the plan holds of it.
      const client = random() < 0.3 ? someId(server).client : peer.clientID
      const start = Math.max(0, Y.getState(server.store, client) - int(3))
      const structs: Y.Item[] = []
      for (let clock = start, n = 1 + int(4); n > 0; n--, clock++) {
        const place = pick([
          () => ({ origin: someId(server) }),
          () => ({ rightOrigin: someId(server) }),
          () => ({ origin: someId(server), rightOrigin: someId(server) }),
          () => ({ parent: someId(server), parentSub: random() < 0.5 ? null : pick(['title', 'progress', 'k']) }),
          () => ({ parent: pick([...SCHEMA_ROOTS, 'evil']), parentSub: random() < 0.5 ? null : pick(['schemaVersion', 'k']) }),
          () => ({ origin: clock > 0 ? Y.createID(client, int(clock + 1)) : someId(server) }),
        ])()
        const content = pick([
          () => new Y.ContentString(words()),
          () => new Y.ContentAny([words()]),
          () => new Y.ContentDeleted(1 + int(3)),
          () => new Y.ContentType(pick([() => new Y.Map(), () => new Y.XmlText(), () => new Y.XmlElement('p')])()),
        ])()
        structs.push(craftItem(client, clock, place, content))
        clock += content.getLength() - 1
      }
      const deletes = random() < 0.3 ? [{ ...someId(server), len: 1 }] : []
      // Now and then the same client in two sections (Yjs applies only the last).
      const split = structs.length > 1 && random() < 0.2 ? 1 + int(structs.length - 1) : structs.length
      const sections = [{ client, clock: start, structs: structs.slice(0, split) }]
      if (split < structs.length) sections.push({ client, clock: structs[split]!.id.clock, structs: structs.slice(split) })
      return { kind, update: craftUpdate(sections, deletes), facilitator }
    }
  }
}

/** What only the server writes, as JSON: every server root and the server's meta keys. */
function governance(doc: Y.Doc): string {
  const meta = getPlanRoots(doc).meta
  return JSON.stringify([...SERVER_ROOTS.map((root) => doc.getMap(root).toJSON()), meta.get('schemaVersion'), meta.get('createdAt')])
}

/** Each action's progress reports, as JSON, by action id. */
function progressByAction(doc: Y.Doc): Map<string, string> {
  return new Map(listPriorityActions(doc).map((action) => [action.id, JSON.stringify(action.map.get('progress') ?? null)]))
}

/** An action keeps its progress reports, or goes with them; a new action has none. */
function progressKept(before: Map<string, string>, after: Map<string, string>): boolean {
  return [...after].every(([id, progress]) => (before.has(id) ? progress === before.get(id) : progress === '{}' || progress === 'null'))
}

type AnyType = Y.Doc['share'] extends Map<string, infer T> ? T : never

/** The first structural limit (or rich-text shape) the plan breaks, walking every type iteratively, or null. */
function brokenLimit(doc: Y.Doc): string | null {
  const stack: { type: AnyType; depth: number; key: string | null }[] = [...doc.share.values()].map((type) => ({
    type,
    depth: 0,
    key: null,
  }))
  while (stack.length > 0) {
    const { type, depth, key } = stack.pop()!
    if (depth > PLAN_LIMITS.maxNestingDepth) return `depth ${depth}`
    const entries = [...type._map.values()].filter((item) => !item.deleted)
    if (entries.length > PLAN_LIMITS.maxMapEntries) return `${entries.length} map entries`
    const title = key !== null && TITLE_TEXT_KEYS.has(key)
    const limit = type instanceof Y.Text ? (title ? PLAN_LIMITS.maxTitleChars : PLAN_LIMITS.maxTextChars) : PLAN_LIMITS.maxChildren
    if (type._length > limit) return `length ${type._length} over ${limit}`
    for (let item = type._start; type instanceof Y.XmlFragment && item !== null; item = item.right) {
      const node =
        item.content instanceof Y.ContentType && (item.content.type instanceof Y.XmlElement || item.content.type instanceof Y.XmlText)
      if (!item.deleted && !node) return 'rich text holding something that is not a node'
    }
    for (const item of entries)
      if (item.content instanceof Y.ContentType) stack.push({ type: item.content.type as AnyType, depth: depth + 1, key: item.parentSub })
    for (let item = type._start; item !== null; item = item.right) {
      if (!item.deleted && item.content instanceof Y.ContentType)
        stack.push({ type: item.content.type as AnyType, depth: depth + 1, key: null })
    }
  }
  return null
}

function clone(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

it(`accepts only what Yjs integrates whole, leaving the plan loadable and governance untouched (seed ${SEED})`, () => {
  let server = governedPlan().server
  const fresh = governedPlan().server
  const tally = new Map<string, { accepted: number; refused: number; undecodable: number }>()
  for (let index = 0; index < CASES; index++) {
    // The plan grows with what is accepted; a fresh one now and then keeps each case cheap.
    if (index % 25 === 0) server = clone(fresh)
    const { kind, update, facilitator } = generate(server)
    const counts = tally.get(kind) ?? { accepted: 0, refused: 0, undecodable: 0 }
    tally.set(kind, counts)
    const fail = (what: string, error?: unknown): never => {
      const file = join(tmpdir(), `content-scan-fuzz-${SEED}-${index}.json`)
      writeFileSync(
        file,
        JSON.stringify({
          seed: SEED,
          index,
          kind,
          facilitator,
          state: Buffer.from(Y.encodeStateAsUpdate(server)).toString('base64'),
          update: Buffer.from(update).toString('base64'),
        }),
      )
      throw new Error(`seed ${SEED}, case ${index} (${kind}): ${what}${error ? `: ${String(error)}` : ''} (state and update in ${file})`)
    }
    let reason: string | null
    try {
      reason = checkDeviceUpdate(server, update, { facilitator })
    } catch (error) {
      if (!(error instanceof UndecodableUpdate)) fail('the scan threw', error)
      counts.undecodable++
      continue
    }
    if (reason !== null) {
      counts.refused++
      continue
    }
    counts.accepted++
    const before = governance(server)
    const progressBefore = progressByAction(server)
    const applied = clone(server)
    try {
      Y.applyUpdate(applied, update)
    } catch (error) {
      fail('an accepted update threw in Y.applyUpdate', error)
    }
    if (applied.store.pendingStructs !== null || applied.store.pendingDs !== null) fail('an accepted update left something pending')
    let reloaded: Y.Doc
    try {
      reloaded = clone(applied)
    } catch (error) {
      return fail('the plan no longer loads', error)
    }
    if (reloaded.store.pendingStructs !== null) fail('the reloaded plan has pending structs')
    if (governance(reloaded) !== before) fail('a server-written root changed')
    if (!progressKept(progressBefore, progressByAction(reloaded))) fail('progress reports changed')
    const broken = brokenLimit(reloaded)
    if (broken !== null) fail(`a limit is broken: ${broken}`)
    const roots = [...applied.share.keys()].filter((root) => !SCHEMA_ROOTS.includes(root))
    if (roots.length > 0) fail(`new roots ${roots.join(', ')}`)
    if (kind !== 'map') server = applied
  }
  // The generator must reach both sides of the scan, or the test proves nothing.
  const edits = tally.get('edit')!
  expect(edits.accepted).toBeGreaterThan(edits.refused)
  for (const kind of ['pending', 'unknown-delete', 'crafted', 'map', 'mutated']) expect(tally.get(kind)?.refused ?? 0).toBeGreaterThan(0)
  expect(tally.get('crafted')!.accepted).toBeGreaterThan(0)
  expect(tally.get('resend')!.accepted).toBeGreaterThan(0)
})
