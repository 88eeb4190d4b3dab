import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { SECTION_ITEM_KEYS } from './keys'
import { getPlanRoots } from './roots'
import {
  addCondition,
  addFocusArea,
  getCondition,
  getFocusArea,
  listConditions,
  listFocusAreas,
  moveCondition,
  moveFocusArea,
  removeCondition,
  removeFocusArea,
  type SectionItemView,
} from './sections'
import { newPlanDoc, peers, syncAll } from './testing'

// Focus areas and conditions for success share one item shape; both get the same tests.
const sections = [
  {
    name: 'focus areas',
    root: 'focusAreas' as const,
    list: listFocusAreas,
    get: (doc: Y.Doc, id: string) => getFocusArea(doc, id as never),
    add: (doc: Y.Doc, input: { title?: string; after?: string | null } = {}) => addFocusArea(doc, input as never) as string,
    remove: (doc: Y.Doc, id: string) => removeFocusArea(doc, id as never),
    move: (doc: Y.Doc, id: string, after: string | null) => moveFocusArea(doc, id as never, { after: after as never }),
  },
  {
    name: 'conditions',
    root: 'conditions' as const,
    list: listConditions,
    get: (doc: Y.Doc, id: string) => getCondition(doc, id as never),
    add: (doc: Y.Doc, input: { title?: string; after?: string | null } = {}) => addCondition(doc, input as never) as string,
    remove: (doc: Y.Doc, id: string) => removeCondition(doc, id as never),
    move: (doc: Y.Doc, id: string, after: string | null) => moveCondition(doc, id as never, { after: after as never }),
  },
]

const titles = (views: SectionItemView<string>[]) => views.map((view) => view.title.toString())

describe.each(sections)('$name', ({ root, list, get, add, remove, move }) => {
  it('adds at the end, at the start and after an item', () => {
    const doc = newPlanDoc()
    const a = add(doc, { title: 'Rangatahi' })
    add(doc, { title: 'Whānau' })
    add(doc, { title: 'First', after: null })
    add(doc, { title: 'After Rangatahi', after: a })
    expect(titles(list(doc))).toEqual(['First', 'Rangatahi', 'After Rangatahi', 'Whānau'])
  })

  it('creates the item with its nested types in one transaction', () => {
    const doc = newPlanDoc()
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    const id = add(doc, { title: 'Kai' })
    expect(transactions).toBe(1)
    const item = get(doc, id)
    expect(item?.id).toBe(id)
    expect(item?.title.toString()).toBe('Kai')
    expect(item?.description).toBeInstanceOf(Y.XmlFragment)
    expect(item?.map.get(SECTION_ITEM_KEYS.id)).toBe(id)
    expect(typeof item?.map.get(SECTION_ITEM_KEYS.order)).toBe('string')
    expect(typeof item?.createdAt).toBe('number')
  })

  it('gets null for an unknown id', () => {
    expect(get(newPlanDoc(), 'nope-nope-nope')).toBeNull()
  })

  it('removes an item', () => {
    const doc = newPlanDoc()
    const a = add(doc, { title: 'A' })
    add(doc, { title: 'B' })
    remove(doc, a)
    expect(titles(list(doc))).toEqual(['B'])
    expect(() => remove(doc, a)).toThrow(/Unknown/)
  })

  it('moves an item after another, or first', () => {
    const doc = newPlanDoc()
    const [a, b, c] = ['A', 'B', 'C'].map((title) => add(doc, { title })) as [string, string, string]
    move(doc, a, c)
    expect(titles(list(doc))).toEqual(['B', 'C', 'A'])
    move(doc, a, null)
    expect(titles(list(doc))).toEqual(['A', 'B', 'C'])
    move(doc, c, a)
    expect(titles(list(doc))).toEqual(['A', 'C', 'B'])
    move(doc, b, b)
    expect(titles(list(doc))).toEqual(['A', 'C', 'B'])
  })

  it('writes nothing when a move changes nothing', () => {
    const doc = newPlanDoc()
    const a = add(doc, { title: 'A' })
    const b = add(doc, { title: 'B' })
    let updates = 0
    doc.on('update', () => updates++)
    move(doc, b, a)
    move(doc, a, null)
    expect(updates).toBe(0)
  })

  it('a move sets only the order: the item keeps its identity and texts', () => {
    const doc = newPlanDoc()
    const a = add(doc, { title: 'A' })
    add(doc, { title: 'B' })
    const before = get(doc, a)
    move(doc, a, null)
    move(doc, a, list(doc)[1]!.id)
    const after = get(doc, a)
    expect(after?.map).toBe(before?.map)
    expect(after?.title).toBe(before?.title)
  })

  it('refuses unknown ids', () => {
    const doc = newPlanDoc()
    const a = add(doc)
    expect(() => add(doc, { after: 'unknown-id' })).toThrow(/unknown/)
    expect(() => move(doc, 'unknown-id', null)).toThrow(/Unknown/)
    expect(() => move(doc, a, 'unknown-id')).toThrow(/unknown/)
    expect(list(doc)).toHaveLength(1)
  })

  it('keeps both items added at the same spot at once, in the same order everywhere', () => {
    const docs = peers(2)
    const [a, b] = docs as [Y.Doc, Y.Doc]
    const first = add(a, { title: 'first' })
    syncAll(docs)
    add(a, { title: 'from a', after: first })
    add(b, { title: 'from b', after: first })
    syncAll(docs)
    expect(titles(list(a))).toEqual(titles(list(b)))
    expect(titles(list(a)).sort()).toEqual(['first', 'from a', 'from b'])
    // Inserting between the two tied items renumbers and lands exactly there.
    const [, tiedFirst, tiedSecond] = list(a)
    expect(tiedFirst!.map.get(SECTION_ITEM_KEYS.order)).toBe(tiedSecond!.map.get(SECTION_ITEM_KEYS.order))
    const between = add(a, { title: 'between', after: tiedFirst!.id })
    expect(list(a).map((item) => item.id)).toEqual([first, tiedFirst!.id, between, tiedSecond!.id])
  })

  it('sorts foreign order values first and can still place around them', () => {
    const doc = newPlanDoc()
    const a = add(doc, { title: 'A' })
    const b = add(doc, { title: 'B' })
    get(doc, b)!.map.set(SECTION_ITEM_KEYS.order, 42)
    expect(titles(list(doc))).toEqual(['B', 'A'])
    const c = add(doc, { title: 'C', after: b })
    expect(titles(list(doc))).toEqual(['B', 'C', 'A'])
    move(doc, b, a)
    expect(titles(list(doc))).toEqual(['C', 'A', 'B'])
    expect(list(doc).every((item) => typeof item.map.get(SECTION_ITEM_KEYS.order) === 'string')).toBe(true)
    expect(c).toBeTruthy()
  })

  it('leaves out entries that are not items', () => {
    const doc = newPlanDoc()
    add(doc, { title: 'real' })
    const collection = getPlanRoots(doc)[root]
    collection.set('garbage1', 'not a map')
    collection.set('garbage2', new Y.Map())
    expect(titles(list(doc))).toEqual(['real'])
  })
})
