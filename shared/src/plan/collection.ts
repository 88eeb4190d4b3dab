import type * as Y from 'yjs'
import type { TxOrigin } from '../origin'
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing'
import { ITEM_KEYS } from './keys'
import { asMap } from './values'

/**
 * Id-keyed collections of ordered items (focus areas, conditions, actions, measures).
 *
 * Each item carries an `order` string, a fractional index: a move writes only that key, so
 * edits made inside the item concurrently survive. Items sort by `(order, id)`: two people
 * inserting at the same spot produce the same key, and the id settles the tie the same way
 * on every device.
 */

/** One item of a collection, with its id (the key in the collection). */
export interface OrderedEntry {
  readonly id: string
  readonly map: Y.Map<unknown>
}

/** The item's order key for sorting; a missing or foreign value sorts first. */
function orderOf(map: Y.Map<unknown>): string {
  const order = map.get(ITEM_KEYS.order)
  return typeof order === 'string' ? order : ''
}

// Fractional index keys compare by UTF-16 code units, not by locale.
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The items of `collection` in display order. Entries that are not maps (only a misbehaving
 * client writes those) are left out. A Y.Map iterates in arrival order, which differs from
 * device to device, so every reader must go through this sort.
 */
export function orderedEntries(collection: Y.Map<unknown>): OrderedEntry[] {
  const entries: { id: string; map: Y.Map<unknown>; order: string }[] = []
  for (const [id, value] of collection.entries()) {
    const map = asMap(value)
    if (map) entries.push({ id, map, order: orderOf(map) })
  }
  entries.sort((a, b) => compareStrings(a.order, b.order) || compareStrings(a.id, b.id))
  return entries.map(({ id, map }) => ({ id, map }))
}

/**
 * Where an item goes: after the item `after`, first (`null`), or last (`undefined`).
 * Throws when `after` names no item of the collection.
 */
export type Placement = string | null | undefined

/** Checks a placement before anything is written. */
export function requirePlacement(collection: Y.Map<unknown>, after: Placement, what: string): void {
  if (typeof after === 'string' && !asMap(collection.get(after))) {
    throw new Error(`Cannot place after unknown ${what} ${after}`)
  }
}

/**
 * Sets the `order` of item `id` (already in `collection`) so that it sorts right after
 * `after`. Call inside a transaction. Does nothing when the item is already there.
 *
 * When the neighbours' keys leave no room (equal keys from concurrent inserts, or keys a
 * misbehaving client wrote), the whole collection is renumbered in its current order: rare,
 * and the only way to honour the placement.
 */
export function placeItem(collection: Y.Map<unknown>, id: string, after: Placement): void {
  const item = asMap(collection.get(id))
  if (!item) throw new Error(`No item ${id} to place`)
  if (after === id) return
  const others = orderedEntries(collection).filter((entry) => entry.id !== id)
  let index = others.length
  if (after === null) index = 0
  else if (after !== undefined) {
    const afterIndex = others.findIndex((entry) => entry.id === after)
    if (afterIndex < 0) throw new Error(`Cannot place after unknown item ${after}`)
    index = afterIndex + 1
  }
  const prev = others[index - 1]
  const next = others[index]

  if (typeof item.get(ITEM_KEYS.order) === 'string') {
    const all = orderedEntries(collection)
    const position = all.findIndex((entry) => entry.id === id)
    if (all[position - 1]?.id === prev?.id && all[position + 1]?.id === next?.id) return
  }

  try {
    const key = generateKeyBetween(prev ? orderOf(prev.map) : null, next ? orderOf(next.map) : null)
    item.set(ITEM_KEYS.order, key)
  } catch {
    const sequence: OrderedEntry[] = [...others]
    sequence.splice(index, 0, { id, map: item })
    const keys = generateNKeysBetween(null, null, sequence.length)
    sequence.forEach((entry, i) => {
      if (entry.map.get(ITEM_KEYS.order) !== keys[i]) entry.map.set(ITEM_KEYS.order, keys[i])
    })
  }
}

/** The item `id` of `collection`; throws a clear error when there is none. */
export function requireItem(collection: Y.Map<unknown>, id: string, what: string): Y.Map<unknown> {
  const map = asMap(collection.get(id))
  if (!map) throw new Error(`Unknown ${what} ${id}`)
  return map
}

/** Removes item `id`; throws when there is none. */
export function removeItem(doc: Y.Doc, collection: Y.Map<unknown>, id: string, origin: TxOrigin, what: string): void {
  requireItem(collection, id, what)
  doc.transact(() => collection.delete(id), origin)
}

/** Moves item `id` right after `after`, or first when `after` is `null`. */
export function moveItem(doc: Y.Doc, collection: Y.Map<unknown>, id: string, after: string | null, origin: TxOrigin, what: string): void {
  requireItem(collection, id, what)
  if (after !== null && typeof after !== 'string') throw new Error(`Say where the ${what} goes: after an item, or null for first`)
  requirePlacement(collection, after, what)
  doc.transact(() => placeItem(collection, id, after), origin)
}
