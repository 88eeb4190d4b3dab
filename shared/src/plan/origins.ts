import * as Y from 'yjs'
import { z } from 'zod'
import { formatDate, NZ_TIME_ZONE } from '../dates'
import { Affiliation } from '../domain'
import type { TxOrigin } from '../origin'
import { targetKey } from './agreements'
import { getHuiState } from './hui'
import { ACTION_KEYS, COLLAB_ROOT_KEYS } from './keys'
import { partnerKey } from './partners'
import { getPlanRoots } from './roots'

/**
 * Who contributed each item of the plan (issue 13 §1, whakapapa): the person, the partner
 * they speak for and the hui that was running, if any. Items are created on devices, so the
 * SERVER writes these records as it applies the update that added (or removed) an item, from
 * its own record of the socket's member (server/src/collab/hooks/origins.ts); a device can
 * never write this root (writers.ts). Items made before this existed have no record.
 *
 * Stored flat in the `origins` root map, one plain (atomic) record per item, keyed by
 * {@link originKey}: `focusArea|<id>`, `condition|<id>`, `action|<id>` (agreements.ts's
 * targetKey) and `measure|<actionId>/<measureId>`.
 */

export const ORIGIN_KINDS = ['focusArea', 'condition', 'action', 'measure'] as const
export const OriginKind = z.enum(ORIGIN_KINDS)
export type OriginKind = z.infer<typeof OriginKind>

/** Who removed an item, and when. */
export const OriginRemoval = z.object({
  userId: z.string().min(1),
  name: z.string(),
  partner: z.string(),
  at: z.number().finite(),
})
export type OriginRemoval = z.infer<typeof OriginRemoval>

/** Who added an item: the person, their partner (PartnerKey), the hui running then, when. */
export const ItemOrigin = z.object({
  kind: OriginKind,
  userId: z.string().min(1),
  name: z.string(),
  partner: z.string(),
  affiliation: Affiliation,
  organisation: z.string().nullable(),
  huiId: z.string().nullable(),
  huiStartedAt: z.number().finite().nullable(),
  at: z.number().finite(),
  removedBy: OriginRemoval.optional(),
})
export type ItemOrigin = z.infer<typeof ItemOrigin>

/** An item's origin as exported (PlanJson `origins`): times as ISO strings, with its key. */
export const ItemOriginJson = z.object({
  key: z.string(),
  kind: OriginKind,
  /** The item's id; for a measure, `<actionId>/<measureId>`. */
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  partner: z.string(),
  affiliation: Affiliation,
  organisation: z.string().nullable(),
  huiId: z.string().nullable(),
  huiStartedAt: z.iso.datetime().nullable(),
  at: z.iso.datetime(),
  removedBy: z.object({ userId: z.string(), name: z.string(), partner: z.string(), at: z.iso.datetime() }).optional(),
})
export type ItemOriginJson = z.infer<typeof ItemOriginJson>

/** The member the server authenticated: whose contribution an item is. */
export interface Contributor {
  userId: string
  name: string
  affiliation: Affiliation
  organisation: string | null
}

const MEASURE_SEPARATOR = '/'

/** The id under which a measure's origin is kept: `<actionId>/<measureId>` (measure ids are per action). */
export function measureOriginId(actionId: string, measureId: string): string {
  return `${actionId}${MEASURE_SEPARATOR}${measureId}`
}

/** The key of an item's origin; for a measure, `id` is {@link measureOriginId}. */
export function originKey(kind: OriginKind, id: string): string {
  return kind === 'measure' ? `measure|${id}` : targetKey({ kind, id })
}

/** The kind and id of an origin key, or null when it is not one. */
export function parseOriginKey(key: string): { kind: OriginKind; id: string } | null {
  const bar = key.indexOf('|')
  const kind = OriginKind.safeParse(key.slice(0, bar))
  const id = key.slice(bar + 1)
  if (bar < 0 || !kind.success || id === '' || id.includes('|')) return null
  const parts = id.split(MEASURE_SEPARATOR)
  const wellFormed = kind.data === 'measure' ? parts.length === 2 && parts.every((part) => part !== '') : parts.length === 1
  return wellFormed ? { kind: kind.data, id } : null
}

export function originsRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COLLAB_ROOT_KEYS.origins)
}

/** The recorded origin of an item, or null (an item older than these records, or none such). */
export function originOf(doc: Y.Doc, kind: OriginKind, id: string): ItemOrigin | null {
  return parseOrigin(originsRoot(doc).get(originKey(kind, id)))
}

/** A stored value as an origin, or null when it is not a valid one. */
export function parseOrigin(value: unknown): ItemOrigin | null {
  const parsed = ItemOrigin.safeParse(value)
  return parsed.success ? parsed.data : null
}

/** Every valid origin in the plan, oldest first (then by key: a Y.Map's order differs between devices). */
export function allOrigins(doc: Y.Doc): { key: string; kind: OriginKind; id: string; origin: ItemOrigin }[] {
  const out: { key: string; kind: OriginKind; id: string; origin: ItemOrigin }[] = []
  originsRoot(doc).forEach((value, key) => {
    const parsedKey = parseOriginKey(key)
    const origin = parseOrigin(value)
    if (parsedKey && origin && parsedKey.kind === origin.kind) out.push({ key, ...parsedKey, origin })
  })
  return out.sort((a, b) => a.origin.at - b.origin.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

/** Every origin as exported in PlanJson. */
export function originsJson(doc: Y.Doc): ItemOriginJson[] {
  const iso = (ms: number) => new Date(ms).toISOString()
  return allOrigins(doc).map(({ key, id, origin }) => {
    const { removedBy, huiStartedAt, at, ...rest } = origin
    return {
      key,
      id,
      ...rest,
      huiStartedAt: huiStartedAt === null ? null : iso(huiStartedAt),
      at: iso(at),
      ...(removedBy ? { removedBy: { ...removedBy, at: iso(removedBy.at) } } : {}),
    }
  })
}

/**
 * The origin of an item `contributor` adds now: their partner, and the hui if one is running
 * (getHuiState). Server-side; the contributor comes from the server's own record.
 */
export function contributionOf(doc: Y.Doc, kind: OriginKind, contributor: Contributor, at: number): ItemOrigin {
  const hui = getHuiState(doc)
  const running = hui.active && hui.huiId !== null
  return ItemOrigin.parse({
    kind,
    userId: contributor.userId,
    name: contributor.name,
    partner: partnerKey(contributor.affiliation, contributor.organisation),
    affiliation: contributor.affiliation,
    organisation: contributor.organisation,
    huiId: running ? hui.huiId : null,
    huiStartedAt: running ? hui.startedAt : null,
    at,
  })
}

/**
 * Records who added an item (server only). An item that already has an origin keeps it (an
 * item removed and brought back, by undo or a restore, is still its first contributor's);
 * only the note that it was removed is dropped. Returns whether anything was written.
 */
export function recordOrigin(doc: Y.Doc, id: string, origin: ItemOrigin, txOrigin: TxOrigin): boolean {
  const root = originsRoot(doc)
  const key = originKey(origin.kind, id)
  const existing = root.has(key) ? parseOrigin(root.get(key)) : null
  if (existing && !existing.removedBy) return false
  const { removedBy: _dropped, ...record } = existing ?? ItemOrigin.parse(origin)
  doc.transact(() => root.set(key, record), txOrigin)
  return true
}

/**
 * Records who removed an item (server only), on its origin. An item with no origin (older
 * than these records) or already marked removed is left alone. Returns whether it wrote.
 */
export function recordRemoval(doc: Y.Doc, kind: OriginKind, id: string, removal: OriginRemoval, txOrigin: TxOrigin): boolean {
  const root = originsRoot(doc)
  const key = originKey(kind, id)
  const existing = parseOrigin(root.get(key))
  if (!existing || existing.removedBy) return false
  const record: ItemOrigin = { ...existing, removedBy: OriginRemoval.parse(removal) }
  doc.transact(() => root.set(key, record), txOrigin)
  return true
}

/**
 * An origin in words, in English, for exports: "Ngāti Awa (Aroha Smith) at the hui of
 * 12 March 2026" or "Ngāti Awa (Aroha Smith) on 12 March 2026" (dates in Pacific/Auckland).
 * `partnerName` is how people know the partner (its organisation, else its affiliation).
 */
export function originInWords(origin: Pick<ItemOriginJson, 'name' | 'huiStartedAt' | 'at'>, partnerName: string): string {
  const who = origin.name.trim() === '' ? partnerName : `${partnerName} (${origin.name})`
  const day = (iso: string) => formatDate(iso, { style: 'long', timeZone: NZ_TIME_ZONE })
  return origin.huiStartedAt !== null ? `${who} at the hui of ${day(origin.huiStartedAt)}` : `${who} on ${day(origin.at)}`
}

/**
 * Records `contributor` as the origin of every item in the plan that has none: the server
 * does this when a plan is made from an imported file, whose items are the importer's (the
 * origins in the file belong to the plan it came from and are not copied; import.ts).
 */
export function recordOriginsOfAll(doc: Y.Doc, contributor: Contributor, at: number, txOrigin: TxOrigin): void {
  const roots = getPlanRoots(doc)
  doc.transact(() => {
    const record = (kind: OriginKind, id: string) => {
      if (!originsRoot(doc).has(originKey(kind, id))) recordOrigin(doc, id, contributionOf(doc, kind, contributor, at), txOrigin)
    }
    roots.focusAreas.forEach((_item, id) => record('focusArea', id))
    roots.conditions.forEach((_item, id) => record('condition', id))
    roots.actions.forEach((action, actionId) => {
      record('action', actionId)
      const measures = action instanceof Y.Map ? action.get(ACTION_KEYS.measures) : null
      if (measures instanceof Y.Map) measures.forEach((_measure, measureId) => record('measure', measureOriginId(actionId, measureId)))
    })
  }, txOrigin)
}
