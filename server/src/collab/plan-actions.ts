import {
  endHui,
  fingerprintsOf,
  getHuiState,
  listAttendance,
  partnersOf,
  positionsOn,
  setAgreedMark,
  summariseAgreement,
  targetKey,
  toPlanJson,
  type AgreedMark,
  type AgreementSummary,
  type AgreementTarget,
  type HuiEndResult,
  type Partner,
  type PlanJson,
  type TxOrigin,
} from '@hononga/shared'
import type { EndHuiRequest, MarkAgreedRequest, MarkedAgreed } from '../app-env'
import { AppError, notFound } from '../errors'
import type { CollabEngine } from './engine'
import type { PlanRoom } from './room'

/**
 * What facilitators do to a live plan through the server rather than through their own
 * edits: mark an item agreed at a hui (only the server writes agreed marks: it checks the
 * agreement and keeps a named snapshot of what was agreed) and end a hui (keeping its minutes).
 * Everything happens in the loaded room, so connected people see it at once.
 */

const MARK_ORIGIN: TxOrigin = Object.freeze({ source: 'server', reason: 'mark-agreed' })
const HUI_END_ORIGIN: TxOrigin = Object.freeze({ source: 'server', reason: 'hui-end' })

const NZ_DATE = new Intl.DateTimeFormat('en-NZ', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Pacific/Auckland' })

/** "12 March 2027": the date in Aotearoa, as snapshot labels carry it. */
export function nzDate(at: number): string {
  return NZ_DATE.format(at)
}

/**
 * Whose agreement counts: the partners of the people who attended the hui that is running;
 * when none is running, or nobody has recorded attending it yet, every member's partner.
 */
function partnersPresent(room: PlanRoom, memberPartners: readonly Partner[]): Partner[] {
  const hui = getHuiState(room.doc)
  if (hui.active && hui.huiId !== null) {
    const attended = listAttendance(room.doc, hui.huiId)
    if (attended.length > 0) return partnersOf(attended)
  }
  return [...memberPartners]
}

function partnerName(partner: Partner): string {
  return partner.organisation ? `${partner.organisation} (${partner.affiliation})` : partner.affiliation
}

function notAgreedMessage(summary: AgreementSummary): string {
  if (summary.positions.length === 0) return 'No partner is present to agree to this item.'
  const parts = ['Not every partner present agrees to this item yet.']
  if (summary.objecting.length > 0) parts.push(`Objecting: ${summary.objecting.map(partnerName).join(', ')}.`)
  if (summary.notYet.length > 0) parts.push(`Not yet agreed: ${summary.notYet.map(partnerName).join(', ')}.`)
  return parts.join(' ')
}

/** The item's title as people know it (for monitoring, "monitoring of" its action). */
function itemTitle(plan: PlanJson, target: AgreementTarget): string {
  switch (target.kind) {
    case 'focusArea':
      return plan.focusAreas.find((f) => f.id === target.id)?.title.trim() ?? ''
    case 'condition':
      return plan.conditions.find((c) => c.id === target.id)?.title.trim() ?? ''
    case 'action':
      return plan.actions.find((a) => a.id === target.id)?.title.trim() ?? ''
    case 'monitoring': {
      const title = plan.actions.find((a) => a.id === target.id)?.title.trim() ?? ''
      return title && `monitoring of ${title}`
    }
  }
}

/**
 * Marks an item agreed: 404 when the item does not exist, 409 `not_agreed` (naming who has
 * not agreed and who objects) unless every partner present agrees to its current version.
 * Takes a named snapshot of the plan as agreed, then writes the mark pointing to it.
 */
export async function markItemAgreed(engine: CollabEngine, planId: string, request: MarkAgreedRequest): Promise<MarkedAgreed> {
  return engine.withRoom(planId, async (room) => {
    // Check the durable state, then snapshot it with no await in between that could let an
    // edit arrive (socket messages are separate events): the snapshot is what was checked.
    await room.durable()
    const doc = room.doc
    const plan = toPlanJson(doc)
    const fingerprint = fingerprintsOf(plan).get(targetKey(request.target))
    if (fingerprint === undefined) throw notFound('No such item in this plan')
    const partners = partnersPresent(room, request.memberPartners)
    const summary = summariseAgreement(partners, positionsOn(doc, request.target), fingerprint)
    if (summary.state !== 'agreed') throw new AppError('not_agreed', notAgreedMessage(summary))

    const title = itemTitle(plan, request.target)
    const label = request.label ?? `Agreed at hui, ${nzDate(request.at)}${title ? `: ${title}` : ''}`
    const snapshot = (await engine.snapshots.take(room, { kind: 'named', label, createdBy: request.userId }))!
    // The version agreed, which the snapshot holds, even if the item changed meanwhile: the
    // mark then shows at once that it has changed since it was agreed.
    const mark: AgreedMark = { snapshotId: snapshot.id, label, at: request.at, by: request.userId, byName: request.userName, fingerprint }
    setAgreedMark(doc, request.target, mark, MARK_ORIGIN)
    await room.durable()
    return { result: { target: request.target, mark, snapshot }, partners }
  })
}

/** Ends the hui that is running (409 `conflict` when none is) and keeps its minutes as a named snapshot. */
export async function endRunningHui(engine: CollabEngine, planId: string, request: EndHuiRequest): Promise<HuiEndResult> {
  return engine.withRoom(planId, async (room) => {
    const state = getHuiState(room.doc)
    if (!state.active) throw new AppError('conflict', 'No hui is running in this plan')
    endHui(room.doc, request.at, HUI_END_ORIGIN)
    // The snapshot waits until the end of the hui is stored, so the minutes include it.
    const label = `Minutes of hui, ${nzDate(state.startedAt ?? request.at)}`
    const snapshot = (await engine.snapshots.take(room, { kind: 'named', label, createdBy: request.userId }))!
    await room.durable()
    return { snapshot, huiId: state.huiId }
  })
}
