import * as Y from 'yjs'
import type { ActionStatus } from '../domain'
import { newId, type ActionId, type FocusAreaId } from '../ids'
import { LOCAL_ORIGIN, type TxOrigin } from '../origin'
import { moveItem, orderedEntries, placeItem, removeItem, requireItem, requirePlacement } from './collection'
import { ACTION_KEYS as KEYS, RESULTS_CHAIN } from './keys'
import { getPlanRoots } from './roots'
import type { MoveTo } from './sections'
import { wellFormed } from './text'
import {
  asArray,
  asFragment,
  asMap,
  asText,
  normaliseName,
  readDate,
  readNames,
  readNullableString,
  readNumber,
  readStatus,
  readString,
  requireDate,
  requireNullableString,
  requireStatus,
  requireString,
} from './values'

/**
 * Priority actions (ROCC step 3): what partners agreed to do, described as a results chain
 * Activity → Output → Outcome → Impact, with a lead, partners, a due date and a status.
 */

/**
 * A priority action. Yjs types are live, to bind editors to; plain fields are read when the
 * view is made (observe `map` deeply to re-read on change).
 */
export interface PriorityActionView {
  readonly id: ActionId
  readonly title: Y.Text
  readonly activity: Y.XmlFragment
  readonly output: Y.XmlFragment
  readonly outcome: Y.XmlFragment
  readonly impact: Y.XmlFragment
  /** Linked focus areas that still exist, in the focus areas' display order. */
  readonly focusAreaIds: FocusAreaId[]
  readonly lead: string
  readonly leadUserId: string | null
  /** Partner organisations, deduplicated. */
  readonly partners: string[]
  readonly dueDate: string | null
  /** When the action is next reviewed. */
  readonly reviewDate: string | null
  readonly status: ActionStatus
  readonly createdAt: number | null
  /** The action's live map, to observe. */
  readonly map: Y.Map<unknown>
}

/** What a new priority action starts with. */
export interface PriorityActionInput {
  title?: string
  focusAreaIds?: FocusAreaId[]
  status?: ActionStatus
  lead?: string
  leadUserId?: string | null
  partners?: string[]
  /** `YYYY-MM-DD`, or null. */
  dueDate?: string | null
  /** Insert after this action; `null` = first; omitted = last. */
  after?: ActionId | null
}

/** The plan's focus-area ids in display order, to resolve links against. */
export function focusAreaOrder(doc: Y.Doc): string[] {
  return orderedEntries(getPlanRoots(doc).focusAreas).map((entry) => entry.id)
}

/**
 * The focus areas an action links to (its `focusAreaIds` set), keeping only those that
 * exist, in focus-area display order. A link to a removed focus area stays in the document
 * (it comes back if the focus area does) but is left out here.
 */
export function linkedFocusAreaIds(order: readonly string[], links: unknown): FocusAreaId[] {
  const set = asMap(links)
  return set ? (order.filter((id) => set.has(id)) as FocusAreaId[]) : []
}

function toView(order: readonly string[], id: string, map: Y.Map<unknown>): PriorityActionView | null {
  const title = asText(map.get(KEYS.title))
  const [activity, output, outcome, impact] = RESULTS_CHAIN.map((step) => asFragment(map.get(KEYS[step])))
  // Only a misbehaving client writes an action without its texts: there is nothing to bind.
  if (!title || !activity || !output || !outcome || !impact) return null
  return {
    id: id as ActionId,
    title,
    activity,
    output,
    outcome,
    impact,
    focusAreaIds: linkedFocusAreaIds(order, map.get(KEYS.focusAreaIds)),
    lead: readString(map.get(KEYS.lead)),
    leadUserId: readNullableString(map.get(KEYS.leadUserId)),
    partners: readNames(asArray(map.get(KEYS.partners))?.toArray() ?? []),
    dueDate: readDate(map.get(KEYS.dueDate)),
    reviewDate: readDate(map.get(KEYS.reviewDate)),
    status: readStatus(map.get(KEYS.status)),
    createdAt: readNumber(map.get(KEYS.createdAt)),
    map,
  }
}

/** The plan's priority actions, in display order. */
export function listPriorityActions(doc: Y.Doc): PriorityActionView[] {
  const order = focusAreaOrder(doc)
  const views: PriorityActionView[] = []
  for (const { id, map } of orderedEntries(getPlanRoots(doc).actions)) {
    const view = toView(order, id, map)
    if (view) views.push(view)
  }
  return views
}

/** One priority action, or `null` when there is none with this id. */
export function getPriorityAction(doc: Y.Doc, id: ActionId): PriorityActionView | null {
  const map = asMap(getPlanRoots(doc).actions.get(id))
  return map ? toView(focusAreaOrder(doc), id, map) : null
}

/** The action's map; throws a clear error when there is no such action. */
export function requireAction(doc: Y.Doc, id: ActionId): Y.Map<unknown> {
  return requireItem(getPlanRoots(doc).actions, id, 'priority action')
}

function requireFocusArea(doc: Y.Doc, id: FocusAreaId): void {
  requireItem(getPlanRoots(doc).focusAreas, id, 'focus area')
}

function requirePart<T>(action: Y.Map<unknown>, part: T | null, name: string): T {
  if (part === null) throw new Error(`Priority action ${readString(action.get(KEYS.id))} has no ${name}`)
  return part
}

function cleanNames(names: unknown): string[] {
  if (!Array.isArray(names)) throw new Error('Partners must be a list of names')
  return readNames(names.map((name) => requireString(name, 'A partner name')))
}

/** Adds a priority action, with its results chain empty; returns its id. */
export function addPriorityAction(doc: Y.Doc, input: PriorityActionInput = {}, origin: TxOrigin = LOCAL_ORIGIN): ActionId {
  const title = requireString(input.title ?? '', 'Action title')
  const focusAreaIds = input.focusAreaIds ?? []
  focusAreaIds.forEach((id) => requireFocusArea(doc, id))
  const status = requireStatus(input.status ?? 'proposed')
  const lead = normaliseName(requireString(input.lead ?? '', 'Lead'))
  const leadUserId = requireNullableString(input.leadUserId ?? null, 'Lead user id')
  const partners = cleanNames(input.partners ?? [])
  const dueDate = input.dueDate == null ? null : requireDate(input.dueDate, 'Due date')
  const actions = getPlanRoots(doc).actions
  requirePlacement(actions, input.after, 'priority action')
  const id = newId() as ActionId
  doc.transact(() => {
    // Every nested type is created with the action, never lazily (see ./keys.ts).
    const map = new Y.Map<unknown>()
    map.set(KEYS.id, id)
    map.set(KEYS.title, new Y.Text(wellFormed(title)))
    const links = new Y.Map<unknown>()
    for (const focusAreaId of focusAreaIds) links.set(focusAreaId, true)
    map.set(KEYS.focusAreaIds, links)
    for (const step of RESULTS_CHAIN) map.set(KEYS[step], new Y.XmlFragment())
    map.set(KEYS.lead, lead)
    map.set(KEYS.leadUserId, leadUserId)
    map.set(KEYS.partners, Y.Array.from<string>(partners))
    map.set(KEYS.dueDate, dueDate)
    map.set(KEYS.status, status)
    map.set(KEYS.measures, new Y.Map<unknown>())
    map.set(KEYS.progress, new Y.Map<unknown>())
    map.set(KEYS.createdAt, Date.now())
    actions.set(id, map)
    placeItem(actions, id, input.after)
  }, origin)
  return id
}

/** Removes a priority action, with its measures and progress. */
export function removePriorityAction(doc: Y.Doc, id: ActionId, origin: TxOrigin = LOCAL_ORIGIN): void {
  removeItem(doc, getPlanRoots(doc).actions, id, origin, 'priority action')
}

/** Moves a priority action right after another one, or first (`after: null`). */
export function movePriorityAction(doc: Y.Doc, id: ActionId, to: MoveTo<ActionId>, origin: TxOrigin = LOCAL_ORIGIN): void {
  moveItem(doc, getPlanRoots(doc).actions, id, to.after, origin, 'priority action')
}

/** Sets an action's status. */
export function setActionStatus(doc: Y.Doc, id: ActionId, status: ActionStatus, origin: TxOrigin = LOCAL_ORIGIN): void {
  const action = requireAction(doc, id)
  const value = requireStatus(status)
  doc.transact(() => action.set(KEYS.status, value), origin)
}

/** Sets who leads an action: a name as shown, and the member's user id when they have one. */
export function setActionLead(
  doc: Y.Doc,
  id: ActionId,
  lead: string,
  leadUserId: string | null = null,
  origin: TxOrigin = LOCAL_ORIGIN,
): void {
  const action = requireAction(doc, id)
  const name = normaliseName(requireString(lead, 'Lead'))
  const userId = requireNullableString(leadUserId, 'Lead user id')
  doc.transact(() => {
    action.set(KEYS.lead, name)
    action.set(KEYS.leadUserId, userId)
  }, origin)
}

/** Sets an action's due date (`YYYY-MM-DD`, a real calendar date) or clears it (`null`). */
export function setActionDueDate(doc: Y.Doc, id: ActionId, dueDate: string | null, origin: TxOrigin = LOCAL_ORIGIN): void {
  const action = requireAction(doc, id)
  const value = dueDate === null ? null : requireDate(dueDate, 'Due date')
  doc.transact(() => action.set(KEYS.dueDate, value), origin)
}

/** Sets when the action is next reviewed (`YYYY-MM-DD`), or clears it. */
export function setActionReviewDate(doc: Y.Doc, id: ActionId, reviewDate: string | null, origin: TxOrigin = LOCAL_ORIGIN): void {
  const action = requireAction(doc, id)
  const value = reviewDate === null ? null : requireDate(reviewDate, 'Review date')
  doc.transact(() => action.set(KEYS.reviewDate, value), origin)
}

/**
 * Links an action to a focus area it addresses. The links are a set: two people linking
 * the same focus area at once make one link.
 */
export function linkFocusArea(doc: Y.Doc, id: ActionId, focusAreaId: FocusAreaId, origin: TxOrigin = LOCAL_ORIGIN): void {
  const action = requireAction(doc, id)
  requireFocusArea(doc, focusAreaId)
  const links = requirePart(action, asMap(action.get(KEYS.focusAreaIds)), 'focus-area links')
  if (links.get(focusAreaId) !== true) doc.transact(() => links.set(focusAreaId, true), origin)
}

/** Unlinks an action from a focus area; nothing happens when they were not linked. */
export function unlinkFocusArea(doc: Y.Doc, id: ActionId, focusAreaId: FocusAreaId, origin: TxOrigin = LOCAL_ORIGIN): void {
  const action = requireAction(doc, id)
  const links = requirePart(action, asMap(action.get(KEYS.focusAreaIds)), 'focus-area links')
  if (links.has(focusAreaId)) doc.transact(() => links.delete(focusAreaId), origin)
}

/**
 * Sets the partner organisations of an action. Names are trimmed, normalised (NFC) and
 * deduplicated; the list changes by the smallest edit, so a partner someone else added at
 * the same moment is kept.
 */
export function setActionPartners(doc: Y.Doc, id: ActionId, names: string[], origin: TxOrigin = LOCAL_ORIGIN): void {
  const action = requireAction(doc, id)
  const next = cleanNames(names)
  const partners = requirePart(action, asArray(action.get(KEYS.partners)), 'partner list')
  doc.transact(() => applyListEdit(partners, next), origin)
}

/**
 * Turns `list` into `next` keeping the longest common subsequence in place: only the
 * entries that go are deleted and only the new ones inserted.
 */
function applyListEdit(list: Y.Array<unknown>, next: readonly string[]): void {
  const current = list.toArray()
  const n = current.length
  const m = next.length
  // lcs[i][j]: length of the longest common subsequence of current[i..] and next[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = current[i] === next[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    }
  }
  let i = 0
  let j = 0
  let position = 0
  while (i < n || j < m) {
    if (i < n && j < m && current[i] === next[j]) {
      i++
      j++
      position++
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      list.insert(position, [next[j]])
      j++
      position++
    } else {
      list.delete(position, 1)
      i++
    }
  }
}
