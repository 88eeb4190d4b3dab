import {
  fingerprintsOf,
  formatDate,
  getHuiState,
  listAttendance,
  NZ_TIME_ZONE,
  partnersOf,
  positionsOn,
  setAgreedMark,
  summariseAgreement,
  targetKey,
  toPlanJson,
  type AgreedMark,
  type AgreementSummary,
  type AgreementTarget,
  type MarkAgreedBody,
  type MarkAgreedResult,
  type Partner,
  type PartnerKey,
  type PlanJson,
} from '@hononga/shared'
import type * as Y from 'yjs'
import { AppError, notFound } from '../../errors'
import type { CommandAnswer, PartnerVoices } from '../service'
import type { CommandScope } from './run'

/**
 * Marking an item agreed at a hui (facilitators): only the server writes agreed marks. It
 * checks that every partner with a voice agrees to the item's current version, keeps a
 * named snapshot of what was agreed, and writes the mark pointing to it.
 *
 * Whose agreement counts: during a hui, the partners of the people the server recorded
 * present who speak for their partner; outside a hui (or while nobody has connected to the
 * running one), every partner with at least one member who speaks for it.
 */

/** "12 March 2027": the date in Aotearoa, as snapshot labels carry it (shared/src/dates.ts). */
export function nzDate(at: number): string {
  return formatDate(at, { style: 'long', timeZone: NZ_TIME_ZONE })
}

/** The answer, with the partners whose agreement was checked (for the audit log). */
export type MarkAgreedAnswer = MarkAgreedResult & { partners: PartnerKey[] }

interface Counted {
  partners: Partner[]
  /** Partners with a voice in the plan but no one present who speaks for them (during a hui). */
  absent: Partner[]
}

function countedPartners(doc: Y.Doc, voices: PartnerVoices): Counted {
  const hui = getHuiState(doc)
  if (hui.active && hui.huiId !== null) {
    const attended = listAttendance(doc, hui.huiId)
    if (attended.length > 0) {
      const partners = partnersOf(attended.filter((person) => voices.speakers.has(person.userId)))
      const present = new Set(partners.map((p) => p.key))
      return { partners, absent: voices.voiced.filter((p) => !present.has(p.key)) }
    }
  }
  return { partners: [...voices.voiced], absent: [] }
}

function partnerName(partner: Partner): string {
  return partner.organisation ? `${partner.organisation} (${partner.affiliation})` : partner.affiliation
}

const names = (partners: readonly Partner[]) => partners.map(partnerName).join(', ')

function notAgreedMessage(summary: AgreementSummary, counted: Counted, voices: PartnerVoices): string {
  const parts =
    summary.positions.length === 0
      ? ['No partner present speaks for its people, so nobody can agree to this item yet.']
      : ['Not every partner present agrees to this item yet.']
  if (summary.objecting.length > 0) parts.push(`Objecting: ${names(summary.objecting)}.`)
  if (summary.notYet.length > 0) parts.push(`Not yet agreed: ${names(summary.notYet)}.`)
  if (counted.absent.length > 0) parts.push(`Not counted, as no one present speaks for them: ${names(counted.absent)}.`)
  if (voices.silent.length > 0) parts.push(`No member speaks for: ${names(voices.silent)} (a facilitator can change that under People).`)
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
 * not agreed, who objects, and why a partner cannot count) unless every partner with a
 * voice agrees to its current version. Takes a named snapshot of the plan as agreed, then
 * writes the mark pointing to it.
 */
export async function markItemAgreed(
  scope: CommandScope,
  body: MarkAgreedBody,
  voices: PartnerVoices,
): Promise<CommandAnswer<MarkAgreedAnswer>> {
  const { room, origin, caller, at } = scope
  // Check the durable state, then snapshot it with no await in between that could let an
  // edit arrive (socket messages are separate events): the snapshot is what was checked.
  await room.durable()
  const plan = toPlanJson(room.doc)
  const fingerprint = fingerprintsOf(plan).get(targetKey(body.target))
  if (fingerprint === undefined) throw notFound('No such item in this plan')
  const counted = countedPartners(room.doc, voices)
  const summary = summariseAgreement(counted.partners, positionsOn(room.doc, body.target), fingerprint)
  if (summary.state !== 'agreed') throw new AppError('not_agreed', notAgreedMessage(summary, counted, voices))

  const title = itemTitle(plan, body.target)
  const label = body.label ?? `Agreed at hui, ${nzDate(at)}${title ? `: ${title}` : ''}`
  const snapshot = (await scope.snapshots.take(room, { kind: 'named', label, createdBy: caller.userId }))!
  // The version agreed, which the snapshot holds, even if the item changed meanwhile: the
  // mark then shows at once that it has changed since it was agreed.
  const mark: AgreedMark = { snapshotId: snapshot.id, label, at, by: caller.userId, byName: caller.name, fingerprint }
  return scope.commit(() => {
    setAgreedMark(room.doc, body.target, mark, origin)
    return { status: 200, body: { target: body.target, mark, snapshot, partners: counted.partners.map((p) => p.key) } }
  })
}
