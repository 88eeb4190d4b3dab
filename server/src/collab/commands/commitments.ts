import {
  getHuiState,
  partnerKey,
  recordCommitment,
  withdrawCommitment,
  type CommitmentBody,
  type CommitmentId,
  type CommitmentResult,
} from '@hononga/shared'
import type { CommandAnswer } from '../service'
import { allow, type CommandScope } from './run'

const SPEAK_FOR = 'You do not speak for your partner in this plan; ask a facilitator'

/**
 * Records the caller's partner's record on a commitment: Police's account when the caller's
 * partner is Police, that partner's assessment otherwise. Any role may (viewers too) if they
 * speak for their partner; partner, organisation and name come from the membership record.
 * The hui running now, if any, is recorded as the one it was reviewed at.
 */
export function putCommitment(scope: CommandScope, commitment: CommitmentId, body: CommitmentBody): CommandAnswer<CommitmentResult> {
  const { caller, room, origin, at } = scope
  allow(caller.speaksFor, SPEAK_FOR)
  return scope.commit(() => {
    const hui = getHuiState(room.doc)
    const record = recordCommitment(
      room.doc,
      {
        commitment,
        partner: partnerKey(caller.affiliation, caller.organisation),
        affiliation: caller.affiliation,
        organisation: caller.organisation,
        text: body.text,
        userId: caller.userId,
        name: caller.name,
        at,
        huiId: hui.active ? hui.huiId : null,
      },
      origin,
    )
    return { status: 200, body: record }
  })
}

/** Withdraws the caller's partner's record on a commitment (204 also when there was none). */
export function withdrawOwnCommitment(scope: CommandScope, commitment: CommitmentId): CommandAnswer<null> {
  const { caller, room, origin } = scope
  allow(caller.speaksFor, SPEAK_FOR)
  return scope.commit(() => {
    withdrawCommitment(room.doc, commitment, partnerKey(caller.affiliation, caller.organisation), origin)
    return { status: 204, body: null }
  })
}
