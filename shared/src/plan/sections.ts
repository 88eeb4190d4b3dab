import * as Y from 'yjs'
import { newId, type ConditionId, type FocusAreaId } from '../ids'
import { LOCAL_ORIGIN, type TxOrigin } from '../origin'
import { SECTION_ITEM_KEYS as KEYS } from './keys'
import { moveItem, orderedEntries, placeItem, removeItem, requirePlacement } from './collection'
import { getPlanRoots } from './roots'
import { wellFormed } from './text'
import { asFragment, asMap, asText, readNumber, requireString } from './values'

/**
 * Focus areas (ROCC step 1) and conditions for success (step 2): ordered items with a
 * title and a rich-text description. Both live in id-keyed maps (see ./keys.ts).
 */

/** A focus area or a condition for success. Texts are live, to bind editors to. */
export interface SectionItemView<Id extends string> {
  readonly id: Id
  readonly title: Y.Text
  readonly description: Y.XmlFragment
  readonly createdAt: number | null
  /** The item's live map, to observe. */
  readonly map: Y.Map<unknown>
}
export type FocusAreaView = SectionItemView<FocusAreaId>
export type ConditionView = SectionItemView<ConditionId>

/** What a new focus area or condition starts with. */
export interface SectionItemInput<Id extends string> {
  title?: string
  /** Insert after this item; `null` = first; omitted = last. */
  after?: Id | null
}

/** Where an item moves: right after `after`, or first when `after` is `null`. */
export interface MoveTo<Id extends string> {
  after: Id | null
}

function toView<Id extends string>(id: string, map: Y.Map<unknown>): SectionItemView<Id> | null {
  const title = asText(map.get(KEYS.title))
  const description = asFragment(map.get(KEYS.description))
  // Only a misbehaving client writes an item without its texts: there is nothing to bind.
  if (!title || !description) return null
  return { id: id as Id, title, description, createdAt: readNumber(map.get(KEYS.createdAt)), map }
}

function listItems<Id extends string>(collection: Y.Map<unknown>): SectionItemView<Id>[] {
  const views: SectionItemView<Id>[] = []
  for (const { id, map } of orderedEntries(collection)) {
    const view = toView<Id>(id, map)
    if (view) views.push(view)
  }
  return views
}

function getItem<Id extends string>(collection: Y.Map<unknown>, id: string): SectionItemView<Id> | null {
  const map = asMap(collection.get(id))
  return map ? toView<Id>(id, map) : null
}

function addItem(doc: Y.Doc, collection: Y.Map<unknown>, input: SectionItemInput<string>, origin: TxOrigin, what: string): string {
  const title = requireString(input.title ?? '', `${what} title`)
  requirePlacement(collection, input.after, what)
  const id = newId()
  doc.transact(() => {
    // The nested types are created with the item, never later: two devices lazily creating
    // the same key would each make one, and one device's typing would be lost.
    const map = new Y.Map<unknown>()
    map.set(KEYS.id, id)
    map.set(KEYS.title, new Y.Text(wellFormed(title)))
    map.set(KEYS.description, new Y.XmlFragment())
    map.set(KEYS.createdAt, Date.now())
    collection.set(id, map)
    placeItem(collection, id, input.after)
  }, origin)
  return id
}

// ---- focus areas ---------------------------------------------------------------------

/** The plan's focus areas, in display order. */
export function listFocusAreas(doc: Y.Doc): FocusAreaView[] {
  return listItems<FocusAreaId>(getPlanRoots(doc).focusAreas)
}

/** One focus area, or `null` when there is none with this id. */
export function getFocusArea(doc: Y.Doc, id: FocusAreaId): FocusAreaView | null {
  return getItem<FocusAreaId>(getPlanRoots(doc).focusAreas, id)
}

/** Adds a focus area; returns its id. */
export function addFocusArea(doc: Y.Doc, input: SectionItemInput<FocusAreaId> = {}, origin: TxOrigin = LOCAL_ORIGIN): FocusAreaId {
  return addItem(doc, getPlanRoots(doc).focusAreas, input, origin, 'focus area') as FocusAreaId
}

/**
 * Removes a focus area. Actions linked to it keep the link (the JSON leaves it out while it
 * dangles), so undoing the removal or restoring a snapshot brings the links back too.
 */
export function removeFocusArea(doc: Y.Doc, id: FocusAreaId, origin: TxOrigin = LOCAL_ORIGIN): void {
  removeItem(doc, getPlanRoots(doc).focusAreas, id, origin, 'focus area')
}

/** Moves a focus area right after another one, or first (`after: null`). */
export function moveFocusArea(doc: Y.Doc, id: FocusAreaId, to: MoveTo<FocusAreaId>, origin: TxOrigin = LOCAL_ORIGIN): void {
  moveItem(doc, getPlanRoots(doc).focusAreas, id, to.after, origin, 'focus area')
}

// ---- conditions for success ------------------------------------------------------------

/** The plan's conditions for success, in display order. */
export function listConditions(doc: Y.Doc): ConditionView[] {
  return listItems<ConditionId>(getPlanRoots(doc).conditions)
}

/** One condition for success, or `null` when there is none with this id. */
export function getCondition(doc: Y.Doc, id: ConditionId): ConditionView | null {
  return getItem<ConditionId>(getPlanRoots(doc).conditions, id)
}

/** Adds a condition for success; returns its id. */
export function addCondition(doc: Y.Doc, input: SectionItemInput<ConditionId> = {}, origin: TxOrigin = LOCAL_ORIGIN): ConditionId {
  return addItem(doc, getPlanRoots(doc).conditions, input, origin, 'condition') as ConditionId
}

/** Removes a condition for success. */
export function removeCondition(doc: Y.Doc, id: ConditionId, origin: TxOrigin = LOCAL_ORIGIN): void {
  removeItem(doc, getPlanRoots(doc).conditions, id, origin, 'condition')
}

/** Moves a condition right after another one, or first (`after: null`). */
export function moveCondition(doc: Y.Doc, id: ConditionId, to: MoveTo<ConditionId>, origin: TxOrigin = LOCAL_ORIGIN): void {
  moveItem(doc, getPlanRoots(doc).conditions, id, to.after, origin, 'condition')
}
