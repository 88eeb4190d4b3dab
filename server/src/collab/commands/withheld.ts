import {
  clearWithheldMark,
  fingerprintsOf,
  newId,
  originOf,
  parseTargetKey,
  partnerKey,
  putRelease,
  releaseOf,
  setWithheldMark,
  targetKey,
  toPlanJson,
  withheldMarkOf,
  withheldPartnerLabel,
  type AgreementTarget,
  type ReleaseBody,
  type ReleaseDecisionBody,
  type ReleaseRequest,
  type WithheldBody,
  type WithheldResult,
} from '@hononga/shared'
import type * as Y from 'yjs'
import { AppError, forbidden, notFound } from '../../errors'
import type { CommandAnswer, CommandCaller } from '../service'
import { allow, type CommandScope } from './run'

/**
 * Partners decide what leaves the plan (issue 13 §3), as commands the server writes:
 * - a member who speaks for a partner marks an item as needing that partner's approval; an
 *   item with a recorded origin (origins.ts) only by the partner that contributed it, an item
 *   with none by any partner's speaker (whose partner then owns the mark);
 * - the mark is withdrawn only by the owning partner's speakers;
 * - any member asks for a release (which withheld items, for whom, why);
 * - a speaker of a partner owning one of its items approves or declines it for that partner's
 *   items; the approval records each item's fingerprint, and lapses when the item changes.
 */

const SPEAK_FOR = 'You do not speak for your partner in this plan; ask a facilitator'

const callerPartner = (caller: CommandCaller) => partnerKey(caller.affiliation, caller.organisation)

/** The item's contributing partner, if the server recorded one (a monitoring arrangement is its action's). */
function contributorOf(doc: Y.Doc, target: AgreementTarget) {
  return originOf(doc, target.kind === 'monitoring' ? 'action' : target.kind, target.id)
}

/** Marks an item withheld for the caller's partner (200 with the mark, also when it already was). */
export function markWithheld(scope: CommandScope, body: WithheldBody): CommandAnswer<WithheldResult> {
  const { caller, room, origin, at } = scope
  allow(caller.speaksFor, SPEAK_FOR)
  return scope.commit(() => {
    const { target } = body
    if (!fingerprintsOf(toPlanJson(room.doc)).has(targetKey(target))) throw notFound('No such item in this plan')
    const partner = callerPartner(caller)
    const contributor = contributorOf(room.doc, target)
    if (contributor && contributor.partner !== partner) {
      throw forbidden(`Only ${withheldPartnerLabel(contributor)}, who contributed this item, may ask to approve its release`)
    }
    const existing = withheldMarkOf(room.doc, target)
    if (existing && existing.partner !== partner) {
      throw forbidden(`${withheldPartnerLabel(existing)} already withholds this item; only they can withdraw it`)
    }
    if (existing) return { status: 200, body: { target, mark: existing } }
    const mark = {
      partner,
      affiliation: caller.affiliation,
      organisation: caller.organisation,
      userId: caller.userId,
      name: caller.name,
      at,
    }
    setWithheldMark(room.doc, target, mark, origin)
    return { status: 200, body: { target, mark } }
  })
}

/** Withdraws the mark: the owning partner's speakers only (204 also when there was none). */
export function withdrawWithheld(scope: CommandScope, target: AgreementTarget): CommandAnswer<null> {
  const { caller, room, origin } = scope
  return scope.commit(() => {
    const existing = withheldMarkOf(room.doc, target)
    if (!existing) return { status: 204, body: null }
    if (!caller.speaksFor || existing.partner !== callerPartner(caller)) {
      throw forbidden(`Only a member who speaks for ${withheldPartnerLabel(existing)} can withdraw this`)
    }
    clearWithheldMark(room.doc, target, origin)
    return { status: 204, body: null }
  })
}

/** Asks for a release of withheld items (any member; every item must be withheld). 201 with the request. */
export function requestRelease(scope: CommandScope, body: ReleaseBody): CommandAnswer<ReleaseRequest> {
  const { caller, room, origin, at } = scope
  return scope.commit(() => {
    const items = [...new Set(body.items.map(targetKey))]
    const notWithheld = items.filter((key) => !withheldMarkOf(room.doc, parseTargetKey(key)!))
    if (notWithheld.length > 0) {
      throw new AppError('validation_failed', `items: not withheld, so free to leave the plan already: ${notWithheld.join(', ')}`)
    }
    const request: ReleaseRequest = {
      id: newId(),
      items,
      audience: body.audience,
      reason: body.reason,
      requestedBy: { userId: caller.userId, name: caller.name, partner: callerPartner(caller) },
      at,
      decisions: {},
    }
    putRelease(room.doc, request, origin)
    return { status: 201, body: releaseOf(room.doc, request.id) }
  })
}

/**
 * The caller's partner approves or declines a release for the items it withholds (a speaker of
 * a partner owning at least one of its items; 403 otherwise). Deciding again replaces the
 * partner's decision, and an approval records the items' current fingerprints.
 */
export function decideRelease(scope: CommandScope, requestId: string, body: ReleaseDecisionBody): CommandAnswer<ReleaseRequest> {
  const { caller, room, origin, at } = scope
  return scope.commit(() => {
    const release = releaseOf(room.doc, requestId)
    if (!release) throw notFound('No such release request in this plan')
    const partner = callerPartner(caller)
    const owned = release.items.filter((key) => {
      const target = parseTargetKey(key)
      return target !== null && withheldMarkOf(room.doc, target)?.partner === partner
    })
    if (owned.length === 0 || !caller.speaksFor) {
      throw forbidden('Only a member who speaks for a partner withholding one of these items can decide on this release')
    }
    const current = fingerprintsOf(toPlanJson(room.doc))
    const fingerprints = Object.fromEntries(owned.flatMap((key) => (current.has(key) ? [[key, current.get(key)!]] : [])))
    const decision = { decision: body.decision, userId: caller.userId, name: caller.name, at, fingerprints }
    putRelease(room.doc, { ...release, decisions: { ...release.decisions, [partner]: decision } }, origin)
    return { status: 200, body: releaseOf(room.doc, requestId) }
  })
}
