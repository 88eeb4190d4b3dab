import * as Y from 'yjs'
import { LOCAL_ORIGIN, type TxOrigin } from '../origin'
import { SCHEMA_VERSION } from '../protocol'
import { META_KEYS, ROOT_KEYS } from './keys'
import { replaceText, wellFormed } from './text'
import {
  asText,
  normaliseName,
  readDate,
  readNullableString,
  readNumber,
  requireDate,
  requireNullableString,
  requireString,
} from './values'

/** The top-level types of a plan document, each with its Yjs type. */
export interface PlanRoots {
  readonly meta: Y.Map<unknown>
  readonly focusAreas: Y.Map<unknown>
  readonly environment: Y.XmlFragment
  readonly conditions: Y.Map<unknown>
  readonly actions: Y.Map<unknown>
}

/**
 * The plan's top-level types, each instantiated with its proper type.
 *
 * Safe to call anywhere, any number of times, before or after sync. Call it on a fresh doc
 * before applying stored state to it: Yjs only knows a root's type once someone asks for it,
 * and tools that walk types (the undo manager used by restore) skip roots left untyped.
 */
export function getPlanRoots(doc: Y.Doc): PlanRoots {
  return {
    meta: doc.getMap<unknown>(ROOT_KEYS.meta),
    focusAreas: doc.getMap<unknown>(ROOT_KEYS.focusAreas),
    environment: doc.getXmlFragment(ROOT_KEYS.environment),
    conditions: doc.getMap<unknown>(ROOT_KEYS.conditions),
    actions: doc.getMap<unknown>(ROOT_KEYS.actions),
  }
}

/** The shared understanding of the local environment (ROCC step 2), as rich text. */
export function getEnvironment(doc: Y.Doc): Y.XmlFragment {
  return getPlanRoots(doc).environment
}

/** What a new plan starts with. */
export interface PlanInit {
  title: string
  community: string
  district?: string | null
  /** Milliseconds since the epoch; now when omitted. */
  createdAt?: number
}

/**
 * Creates the structure of a new plan: the `meta` texts and values. Runs ONCE, on the
 * server, when the plan is created. Clients never seed a document: two clients seeding the
 * same empty plan would each add their own copy, and both copies would survive the merge.
 *
 * Throws if the document is already initialised.
 */
export function initPlanDoc(doc: Y.Doc, init: PlanInit, origin: TxOrigin = LOCAL_ORIGIN): void {
  const title = requireString(init.title, 'Plan title')
  const community = requireString(init.community, 'Community')
  const district = normaliseDistrict(init.district ?? null)
  const createdAt = init.createdAt ?? Date.now()
  if (!Number.isFinite(createdAt)) throw new Error('createdAt must be a finite number of milliseconds')
  const roots = getPlanRoots(doc)
  if (roots.meta.size > 0) throw new Error('This plan document is already initialised')
  doc.transact(() => {
    roots.meta.set(META_KEYS.title, new Y.Text(wellFormed(title)))
    roots.meta.set(META_KEYS.community, new Y.Text(wellFormed(community)))
    roots.meta.set(META_KEYS.district, district)
    roots.meta.set(META_KEYS.createdAt, createdAt)
    roots.meta.set(META_KEYS.schemaVersion, SCHEMA_VERSION)
  }, origin)
}

/**
 * The plan's meta data. `title` and `community` are live texts to bind inputs to; they are
 * `null` until the document has synced from the server. Plain values are read now.
 */
export interface PlanMetaView {
  readonly title: Y.Text | null
  readonly community: Y.Text | null
  readonly district: string | null
  readonly createdAt: number | null
  readonly schemaVersion: number | null
  /** When the plan as a whole is next reviewed. */
  readonly reviewDate: string | null
  /** The live `meta` map, to observe. */
  readonly map: Y.Map<unknown>
}

/** Reads the plan's meta data. */
export function getPlanMeta(doc: Y.Doc): PlanMetaView {
  const meta = getPlanRoots(doc).meta
  return {
    title: asText(meta.get(META_KEYS.title)),
    community: asText(meta.get(META_KEYS.community)),
    district: readNullableString(meta.get(META_KEYS.district)),
    createdAt: readNumber(meta.get(META_KEYS.createdAt)),
    schemaVersion: readNumber(meta.get(META_KEYS.schemaVersion)),
    reviewDate: readDate(meta.get(META_KEYS.reviewDate)),
    map: meta,
  }
}

/** Sets when the plan as a whole is next reviewed (`YYYY-MM-DD`), or clears it. */
export function setPlanReviewDate(doc: Y.Doc, reviewDate: string | null, origin: TxOrigin = LOCAL_ORIGIN): void {
  const value = reviewDate === null ? null : requireDate(reviewDate, 'Review date')
  doc.transact(() => getPlanRoots(doc).meta.set(META_KEYS.reviewDate, value), origin)
}

/** The meta fields people may change, with their value types. */
export interface PlanMetaFields {
  title: string
  community: string
  /** `null` or blank for "no district". */
  district: string | null
}

function normaliseDistrict(value: unknown): string | null {
  const district = requireNullableString(value, 'District')
  if (district === null) return null
  const name = normaliseName(district)
  return name === '' ? null : name
}

/**
 * Changes one meta field. Texts change by the smallest edit (see {@link replaceText}), so
 * someone renaming the plan does not clobber someone else fixing a typo in it.
 */
export function setPlanMetaField<K extends keyof PlanMetaFields>(
  doc: Y.Doc,
  field: K,
  value: PlanMetaFields[K],
  origin: TxOrigin = LOCAL_ORIGIN,
): void {
  const meta = getPlanRoots(doc).meta
  if (field === 'district') {
    const district = normaliseDistrict(value)
    if (meta.get(META_KEYS.district) !== district) doc.transact(() => meta.set(META_KEYS.district, district), origin)
    return
  }
  if (field !== 'title' && field !== 'community') throw new Error(`Unknown plan meta field ${String(field)}`)
  const text = requireString(value, field === 'title' ? 'Plan title' : 'Community')
  const ytext = asText(meta.get(META_KEYS[field]))
  if (!ytext) throw new Error('This plan document is not initialised yet')
  replaceText(ytext, text, origin)
}
