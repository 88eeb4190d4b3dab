import type { Affiliation, Role } from '@hononga/shared'
import type { AppDeps } from '../app-env'
import type { Repos } from '../repos/types'
import { lockedError } from './lifecycle'

/** A person joining a plan, and how: by accepting an invite, or admitted by a facilitator from a join request. */
export interface NewMember {
  planId: string
  userId: string
  name: string
  role: Role
  affiliation: Affiliation
  organisation: string | null
  speaksFor: boolean
  /** Who let them in: themselves (an invite) or the facilitator who admitted them. */
  actorId: string
  /** Recorded in the audit entry: `{ via: 'invite', invite }` or `{ via: 'join code', requestId }`. */
  via: Record<string, unknown>
}

/**
 * Makes a person a member of a plan and records `member.joined`, in the caller's transaction:
 * the one membership path of invites and join requests; 409 when the plan is archived or
 * deleted. Call {@link announceNewMember} once
 * the transaction has committed.
 */
export async function admitMember(tx: Repos, member: NewMember, now: number): Promise<void> {
  const { planId, userId, name, role, affiliation, organisation, speaksFor, actorId, via } = member
  // Nobody joins an archived or deleted plan (409), whichever way they came in.
  const locked = lockedError(await tx.plans.getPlanLifecycle(planId))
  if (locked) throw locked
  await tx.members.insertMember({ planId, userId, role, affiliation, organisation, speaksFor, now })
  await tx.audit.recordAudit({
    planId,
    actorId,
    event: 'member.joined',
    details: { userId, name, role, affiliation, organisation, speaksFor, ...via },
    at: now,
  })
}

/** After the membership is stored: logs the join and lets the sync engine re-read the person's access. */
export function announceNewMember(deps: Pick<AppDeps, 'log' | 'collab'>, planId: string, userId: string): void {
  deps.log.info({ event: 'member.joined', planId, userId }, 'member joined')
  deps.collab.membershipChanged(planId, userId)
}
