import {
  allReleases,
  allWithheld,
  fingerprintsOf,
  getCondition,
  getFocusArea,
  getPriorityAction,
  parseTargetKey,
  targetKey,
  toPlanJson,
  type ActionId,
  type AgreementTarget,
  type ConditionId,
  type FocusAreaId,
  type PartnerKey,
  type ReleaseRequest,
  type WithheldMark,
} from '@hononga/shared'
import type * as Y from 'yjs'

/**
 * What the releases panel and the export menu read from the plan document (issue 13 §3): the
 * withheld items with their titles (members see them in the workspace), and each release
 * request with the state of each of its items for this moment.
 */

/** How an item of a release stands: its partner approved it (for this version), approved an earlier one, declined, or not yet. */
export type ReleaseItemState = 'approved' | 'lapsed' | 'declined' | 'waiting'

export interface WithheldItem {
  target: AgreementTarget
  key: string
  /** The item's title as the plan has it now; null when the item was removed since. */
  title: string | null
  mark: WithheldMark
}

export interface ReleaseItem {
  key: string
  target: AgreementTarget | null
  title: string | null
  /** The partner withholding it now; null when it is no longer withheld (free to leave the plan). */
  mark: WithheldMark | null
  state: ReleaseItemState
}

export interface ReleaseView {
  request: ReleaseRequest
  items: ReleaseItem[]
  /** Every item is approved for its current version or no longer withheld: the release lets them all out. */
  ready: boolean
}

/** The title of an item as the plan has it now (a monitoring arrangement is named by its action). */
export function itemTitle(doc: Y.Doc, target: AgreementTarget): string | null {
  switch (target.kind) {
    case 'focusArea':
      return getFocusArea(doc, target.id as FocusAreaId)?.title.toString() ?? null
    case 'condition':
      return getCondition(doc, target.id as ConditionId)?.title.toString() ?? null
    case 'action':
    case 'monitoring':
      return getPriorityAction(doc, target.id as ActionId)?.title.toString() ?? null
  }
}

/** Every withheld item, oldest mark first. */
export function withheldItems(doc: Y.Doc): WithheldItem[] {
  return allWithheld(doc).map(({ target, mark }) => ({ target, key: targetKey(target), title: itemTitle(doc, target), mark }))
}

/** Every release request, newest first, with the state of each item now. */
export function releaseViews(doc: Y.Doc): ReleaseView[] {
  const releases = allReleases(doc)
  if (releases.length === 0) return []
  const fingerprints = fingerprintsOf(toPlanJson(doc))
  const marks = new Map(allWithheld(doc).map(({ target, mark }) => [targetKey(target), mark]))
  return releases.reverse().map((request) => {
    const items = request.items.map((key): ReleaseItem => {
      const target = parseTargetKey(key)
      const mark = marks.get(key) ?? null
      const decision = mark ? request.decisions[mark.partner] : undefined
      const state: ReleaseItemState = !decision
        ? 'waiting'
        : decision.decision === 'declined'
          ? 'declined'
          : decision.fingerprints[key] === fingerprints.get(key)
            ? 'approved'
            : 'lapsed'
      return { key, target, title: target && itemTitle(doc, target), mark, state }
    })
    return { request, items, ready: items.every((item) => item.mark === null || item.state === 'approved') }
  })
}

/** Whether `partner` withholds at least one item of the release (its speakers decide on it). */
export function decidesOn(view: ReleaseView, partner: PartnerKey | null): boolean {
  return partner !== null && view.items.some((item) => item.mark?.partner === partner)
}

/** The releases this person may download with (theirs, or any when a facilitator) that let at least one item out now. */
export function usableReleases(views: readonly ReleaseView[], userId: string, isFacilitator: boolean): ReleaseView[] {
  return views.filter(
    (view) =>
      (view.request.requestedBy.userId === userId || isFacilitator) &&
      view.items.some((item) => item.mark !== null && item.state === 'approved'),
  )
}
