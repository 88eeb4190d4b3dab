import type * as Y from 'yjs'
import { z } from 'zod'
import { Affiliation } from '../domain'
import type { TxOrigin } from '../origin'
import { AgreementTarget, parseTargetKey, targetKey } from './agreements'
import { COLLAB_ROOT_KEYS } from './keys'
import { readIsoTime } from './values'

/**
 * The records behind "partners decide what leaves the plan" (issue 13 §3): which items a
 * partner must approve before they leave the plan (the `withheld` root) and the requests to
 * release them with each owning partner's decision (the `releases` root). Both roots are
 * written by the server only (writers.ts), as plain atomic records like `agreements`.
 *
 * Kept apart from ./withheld.ts (which adds {@link releasedPlan}) so that ./json.ts can read
 * these roots without an import cycle through the fingerprint rules.
 */

/** A partner's mark on an item: it needs this partner's approval before it leaves the plan. */
export const WithheldMark = z.object({
  partner: z.string().min(1),
  affiliation: Affiliation,
  /** The partner's organisation as its speaker wrote it ("Ngāti Awa"); null when none. */
  organisation: z.string().nullable(),
  /** Who marked it. */
  userId: z.string().min(1),
  name: z.string(),
  at: z.number().finite(),
})
export type WithheldMark = z.infer<typeof WithheldMark>

export const RELEASE_DECISIONS = ['approved', 'declined'] as const
export const ReleaseDecisionKind = z.enum(RELEASE_DECISIONS)
export type ReleaseDecisionKind = z.infer<typeof ReleaseDecisionKind>

export const MAX_RELEASE_AUDIENCE = 300
export const MAX_RELEASE_REASON = 2000
export const MAX_RELEASE_ITEMS = 200

/** One owning partner's decision on a release, with the versions of its items it approved. */
export const ReleaseDecision = z.object({
  decision: ReleaseDecisionKind,
  userId: z.string().min(1),
  name: z.string(),
  at: z.number().finite(),
  /** targetKey → the item's fingerprint when decided: an approval lapses when the item changes. */
  fingerprints: z.record(z.string(), z.string().max(32)),
})
export type ReleaseDecision = z.infer<typeof ReleaseDecision>

/** A request to let withheld items leave the plan once: which items, for whom, why. */
export const ReleaseRequest = z.object({
  id: z.string().min(1).max(64),
  /** targetKeys of the items asked for. */
  items: z.array(z.string().max(80)).min(1).max(MAX_RELEASE_ITEMS),
  /** For whom the release is. */
  audience: z.string().max(MAX_RELEASE_AUDIENCE),
  /** Why. */
  reason: z.string().max(MAX_RELEASE_REASON),
  requestedBy: z.object({ userId: z.string().min(1), name: z.string(), partner: z.string() }),
  at: z.number().finite(),
  /** By partner key: each owning partner decides for its own items. */
  decisions: z.record(z.string(), ReleaseDecision),
})
export type ReleaseRequest = z.infer<typeof ReleaseRequest>

export function withheldRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COLLAB_ROOT_KEYS.withheld)
}

export function releasesRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COLLAB_ROOT_KEYS.releases)
}

/** The mark on an item, or null when it is not withheld (invalid records count as none). */
export function withheldMarkOf(doc: Y.Doc, target: AgreementTarget): WithheldMark | null {
  const parsed = WithheldMark.safeParse(withheldRoot(doc).get(targetKey(target)))
  return parsed.success ? parsed.data : null
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Every valid mark, oldest first (then by key: a Y.Map's order differs between devices). */
export function allWithheld(doc: Y.Doc): { target: AgreementTarget; mark: WithheldMark }[] {
  const out: { target: AgreementTarget; mark: WithheldMark }[] = []
  withheldRoot(doc).forEach((value, key) => {
    const target = parseTargetKey(key)
    const parsed = WithheldMark.safeParse(value)
    if (target && parsed.success) out.push({ target, mark: parsed.data })
  })
  return out.sort((a, b) => a.mark.at - b.mark.at || compare(targetKey(a.target), targetKey(b.target)))
}

/** Marks an item withheld for a partner. Server only (the root is server-written). */
export function setWithheldMark(doc: Y.Doc, target: AgreementTarget, mark: WithheldMark, origin: TxOrigin): void {
  doc.transact(() => withheldRoot(doc).set(targetKey(AgreementTarget.parse(target)), WithheldMark.parse(mark)), origin)
}

/** Withdraws the mark on an item. Server only, for the owning partner's speakers. */
export function clearWithheldMark(doc: Y.Doc, target: AgreementTarget, origin: TxOrigin): void {
  doc.transact(() => withheldRoot(doc).delete(targetKey(target)), origin)
}

export function releaseOf(doc: Y.Doc, id: string): ReleaseRequest | null {
  const parsed = ReleaseRequest.safeParse(releasesRoot(doc).get(id))
  return parsed.success ? parsed.data : null
}

/** Every valid release request, oldest first. */
export function allReleases(doc: Y.Doc): ReleaseRequest[] {
  const out: ReleaseRequest[] = []
  releasesRoot(doc).forEach((value) => {
    const parsed = ReleaseRequest.safeParse(value)
    if (parsed.success) out.push(parsed.data)
  })
  return out.sort((a, b) => a.at - b.at || compare(a.id, b.id))
}

/** Writes (or replaces, with a new decision) a release request. Server only. */
export function putRelease(doc: Y.Doc, request: ReleaseRequest, origin: TxOrigin): void {
  const parsed = ReleaseRequest.parse(request)
  doc.transact(() => releasesRoot(doc).set(parsed.id, parsed), origin)
}

const TimeJson = z.iso.datetime()

/** A mark as it appears in {@link PlanJson}'s `withheld` list. */
export const WithheldMarkJson = WithheldMark.extend({ target: AgreementTarget, at: TimeJson })
export type WithheldMarkJson = z.infer<typeof WithheldMarkJson>

/** A release request as it appears in PlanJson's `releases` list (times as ISO 8601). */
export const ReleaseJson = ReleaseRequest.extend({
  at: TimeJson,
  decisions: z.record(z.string(), ReleaseDecision.extend({ at: TimeJson })),
})
export type ReleaseJson = z.infer<typeof ReleaseJson>

const isoOf = readIsoTime

/** The `withheld` and `releases` lists of a plan's JSON rendering. */
export function withheldJson(doc: Y.Doc): { withheld: WithheldMarkJson[]; releases: ReleaseJson[] } {
  return {
    withheld: allWithheld(doc).map(({ target, mark }) => ({ target, ...mark, at: isoOf(mark.at) })),
    releases: allReleases(doc).map((release) => ({
      ...release,
      at: isoOf(release.at),
      decisions: Object.fromEntries(Object.entries(release.decisions).map(([key, d]) => [key, { ...d, at: isoOf(d.at) }])),
    })),
  }
}

/** A release request back from its JSON rendering (times as milliseconds), for releasedPlan (./withheld.ts). */
export function releaseFromJson(release: ReleaseJson): ReleaseRequest {
  return {
    ...release,
    at: Date.parse(release.at),
    decisions: Object.fromEntries(Object.entries(release.decisions).map(([key, d]) => [key, { ...d, at: Date.parse(d.at) }])),
  }
}

// --- Commands (issue 13 §3): bodies and answers -------------------------------------------------

/** PUT /api/plans/:id/withheld: mark an item as needing the caller's partner's approval. */
export const WithheldBody = z.object({ target: AgreementTarget })
export type WithheldBody = z.infer<typeof WithheldBody>

export const WithheldResult = z.object({ target: AgreementTarget, mark: WithheldMark })
export type WithheldResult = z.infer<typeof WithheldResult>

/** POST /api/plans/:id/releases: ask the owning partners to let these items leave the plan once. */
export const ReleaseBody = z.object({
  items: z.array(AgreementTarget).min(1).max(MAX_RELEASE_ITEMS),
  audience: z.string().trim().min(1).max(MAX_RELEASE_AUDIENCE),
  reason: z.string().trim().min(1).max(MAX_RELEASE_REASON),
})
export type ReleaseBody = z.infer<typeof ReleaseBody>

/** POST /api/plans/:id/releases/:requestId/decision: the caller's partner decides for its items. */
export const ReleaseDecisionBody = z.object({ decision: ReleaseDecisionKind })
export type ReleaseDecisionBody = z.infer<typeof ReleaseDecisionBody>

/** The answer of both release commands: the request as it now stands. */
export const ReleaseResult = ReleaseRequest
export type ReleaseResult = ReleaseRequest
