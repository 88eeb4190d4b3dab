import * as Y from 'yjs'
import { z } from 'zod'
import type { TxOrigin } from '../origin'
import { targetKey } from './agreements'
import { ENGAGEMENT_LEVELS, type EngagementLevel } from './engagement-levels'
import { COLLAB_ROOT_KEYS } from './keys'
import { getPlanRoots } from './roots'
import { readIsoTime } from './values'

export { ENGAGEMENT_LEVELS, ENGAGEMENT_WORDS, isEngagementLevel, type EngagementLevel } from './engagement-levels'

/**
 * The engagement level agreed for each focus area and priority action (issue 13 §4), on the
 * Te Arawhiti engagement spectrum: how far the decision is shared with iwi and the community,
 * from being told (inform) to deciding (empower). It records what the hui agreed, so only a
 * facilitator sets it, through the server (PUT /api/plans/:id/engagement); devices cannot
 * write the root (./writers.ts).
 *
 * Stored flat in the `engagement` root map, one plain record per item (`kind|id`, the key
 * agreements use), so setting a level never creates a nested type.
 */

export const EngagementLevelSchema = z.enum(ENGAGEMENT_LEVELS)

export const ENGAGEMENT_TARGET_KINDS = ['focusArea', 'action'] as const
/** An item that carries an engagement level: a focus area or a priority action. */
export const EngagementTarget = z.object({ kind: z.enum(ENGAGEMENT_TARGET_KINDS), id: z.string().min(1).max(64) })
export type EngagementTarget = z.infer<typeof EngagementTarget>

/** The level set for an item, with the facilitator who recorded it and when. */
export const EngagementRecord = z.object({
  level: EngagementLevelSchema,
  userId: z.string().min(1),
  name: z.string(),
  at: z.number().finite(),
})
export type EngagementRecord = z.infer<typeof EngagementRecord>

/** The level of one item as exported (PlanJson `engagement`): ISO time. */
export const EngagementJson = z.object({
  target: EngagementTarget,
  level: EngagementLevelSchema,
  userId: z.string(),
  name: z.string(),
  at: z.string(),
})
export type EngagementJson = z.infer<typeof EngagementJson>

/** PUT /api/plans/:id/engagement (facilitators). */
export const EngagementBody = z.object({ target: EngagementTarget, level: EngagementLevelSchema })
export type EngagementBody = z.infer<typeof EngagementBody>

/** The answer of PUT /api/plans/:id/engagement. */
export const EngagementResult = z.object({ target: EngagementTarget, record: EngagementRecord })
export type EngagementResult = z.infer<typeof EngagementResult>

export function engagementRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COLLAB_ROOT_KEYS.engagement)
}

/** Sets (or replaces) the level of an item. Server-side: `origin` is the command's. */
export function setEngagement(doc: Y.Doc, target: EngagementTarget, record: EngagementRecord, origin: TxOrigin): void {
  const parsed = EngagementRecord.parse(record)
  doc.transact(() => engagementRoot(doc).set(targetKey(EngagementTarget.parse(target)), parsed), origin)
}

/** Clears the level of an item (nothing happens when none was set). */
export function clearEngagement(doc: Y.Doc, target: EngagementTarget, origin: TxOrigin): void {
  const key = targetKey(target)
  if (!engagementRoot(doc).has(key)) return
  doc.transact(() => engagementRoot(doc).delete(key), origin)
}

/** The level recorded for an item, or null (a record that fails validation counts as none). */
export function engagementOf(doc: Y.Doc, target: EngagementTarget): EngagementRecord | null {
  const parsed = EngagementRecord.safeParse(engagementRoot(doc).get(targetKey(target)))
  return parsed.success ? parsed.data : null
}

function parseKey(key: string): EngagementTarget | null {
  const [kind, id, ...rest] = key.split('|')
  const parsed = EngagementTarget.safeParse({ kind, id })
  return parsed.success && rest.length === 0 ? parsed.data : null
}

/** Every valid level in the plan, oldest first (a Y.Map iterates in arrival order, which differs between devices). */
export function allEngagement(doc: Y.Doc): { target: EngagementTarget; record: EngagementRecord }[] {
  const out: { target: EngagementTarget; record: EngagementRecord }[] = []
  engagementRoot(doc).forEach((value, key) => {
    const target = parseKey(key)
    const parsed = EngagementRecord.safeParse(value)
    if (target && parsed.success) out.push({ target, record: parsed.data })
  })
  return out.sort((a, b) => a.record.at - b.record.at || (targetKey(a.target) < targetKey(b.target) ? -1 : 1))
}

/**
 * The levels for PlanJson. Levels of items removed since are left out: the level belongs to
 * the item, and an export names only what the plan holds.
 */
export function engagementJson(doc: Y.Doc): EngagementJson[] {
  const roots = getPlanRoots(doc)
  const collections = { focusArea: roots.focusAreas, action: roots.actions }
  return allEngagement(doc)
    .filter(({ target }) => collections[target.kind].get(target.id) instanceof Y.Map)
    .map(({ target, record }) => ({ target, ...record, at: readIsoTime(record.at) }))
}

/** The level of an item in a rendered plan, or null. */
export function engagementLevelIn(plan: { engagement?: readonly EngagementJson[] }, target: EngagementTarget): EngagementLevel | null {
  return plan.engagement?.find((e) => e.target.kind === target.kind && e.target.id === target.id)?.level ?? null
}
