import {
  fingerprintsOf,
  partnerKey,
  positionsOn,
  recordPosition,
  targetKey,
  toPlanJson,
  withdrawPosition,
  type AgreementTarget,
  type PositionBody,
  type PositionResult,
} from '@hononga/shared'
import { notFound } from '../../errors'
import type { CommandAnswer } from '../service'
import { allow, type CommandScope } from './run'

const SPEAK_FOR = 'You do not speak for your partner in this plan; ask a facilitator'

/**
 * Records the caller's partner's position on an item (any role, viewers included, if they
 * speak for their partner). The record keeps the fingerprint of the version the person saw
 * (body.fingerprint), so a position given on an earlier version shows as such, never as
 * agreement to the item's new content; `earlierVersion` says so at once.
 */
export function putPosition(scope: CommandScope, body: PositionBody): CommandAnswer<PositionResult> {
  const { caller, room, origin, at } = scope
  allow(caller.speaksFor, SPEAK_FOR)
  return scope.commit(() => {
    const current = fingerprintsOf(toPlanJson(room.doc)).get(targetKey(body.target))
    if (current === undefined) throw notFound('No such item in this plan')
    const partner = partnerKey(caller.affiliation, caller.organisation)
    recordPosition(
      room.doc,
      body.target,
      partner,
      { position: body.position, comment: body.comment, userId: caller.userId, userName: caller.name, fingerprint: body.fingerprint, at },
      origin,
    )
    const record = positionsOn(room.doc, body.target).get(partner)!
    return { status: 200, body: { target: body.target, partner, record, earlierVersion: body.fingerprint !== current } }
  })
}

/** Withdraws the caller's partner's position (204 also when there was none). */
export function withdrawOwnPosition(scope: CommandScope, target: AgreementTarget): CommandAnswer<null> {
  const { caller, room, origin } = scope
  allow(caller.speaksFor, SPEAK_FOR)
  return scope.commit(() => {
    const partner = partnerKey(caller.affiliation, caller.organisation)
    const recorded = positionsOn(room.doc, target).has(partner)
    // A position on an item removed since may still be withdrawn.
    if (!recorded && !fingerprintsOf(toPlanJson(room.doc)).has(targetKey(target))) throw notFound('No such item in this plan')
    if (recorded) withdrawPosition(room.doc, target, partner, origin)
    return { status: 204, body: null }
  })
}
