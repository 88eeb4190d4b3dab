import type { Context } from 'hono'
import type { Role } from '@hononga/shared'
import type { AppDeps, AppEnv, Membership, SessionUser } from '../app-env'
import { isWellFormedId } from '../db/ids'
import type { Repos } from '../repos/types'
import { AppError, forbidden, notFound } from '../errors'

/** The signed-in user, or 401 `unauthenticated`. */
export function requireUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user')
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue')
  return user
}

/** A person's membership of a plan, or null (also for a malformed id). */
export async function getMembership(repos: Pick<Repos, 'members'>, planId: string, userId: string): Promise<Membership | null> {
  if (!isWellFormedId(planId)) return null
  return repos.members.findMembership(planId, userId)
}

export const PLAN_NOT_FOUND_MESSAGE = 'No such plan, or you are not a member of it'

/**
 * The signed-in user's membership of a plan, enforcing the access rules every plan route
 * shares: 401 when signed out; 404 when the plan does not exist *or* they are not a member
 * (a non-member learns nothing, not even that the plan exists); 403 when `allow` refuses
 * their role (e.g. `canFacilitate`).
 */
export async function requireMembership(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'repos'>,
  planId: string | undefined,
  allow?: (role: Role) => boolean,
): Promise<Membership> {
  const user = requireUser(c)
  const membership = planId === undefined ? null : await getMembership(deps.repos, planId, user.id)
  if (!membership) throw notFound(PLAN_NOT_FOUND_MESSAGE)
  if (allow && !allow(membership.role)) throw forbidden('Your role in this plan does not allow this')
  return membership
}
